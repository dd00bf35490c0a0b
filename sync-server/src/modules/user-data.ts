import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';

/** The certificates registered while the person was signed in, and their progress through the modules. */
export function exportLearning(ctx: ModuleContext, userId: string): UserDataFile[] {
  const certificates = ctx.db
    .prepare(
      `SELECT code, module_title AS module, module_version AS moduleVersion, learner_name AS learnerName, percent,
              completed_at AS completedAt, issued_at AS issuedAt
       FROM certificates WHERE user_id = ? ORDER BY issued_at`
    )
    .all(userId);
  const progress = (
    ctx.db
      .prepare('SELECT module_id, data, updated_at FROM learning_progress WHERE user_id = ? ORDER BY module_id')
      .all(userId) as { module_id: string; data: string; updated_at: string }[]
  ).map((row) => ({ moduleId: row.module_id, progress: JSON.parse(row.data) as unknown, updatedAt: row.updated_at }));
  return [jsonFile('certificates.json', certificates), jsonFile('module-progress.json', progress)];
}

/**
 * Deletes the person's module progress and the certificates registered to their account (their public lookup
 * stops answering: it showed their name). Anonymous certificates name no account and are not found here.
 */
export function eraseLearning(ctx: ModuleContext, userId: string): void {
  ctx.transaction(() => {
    ctx.db.prepare('DELETE FROM learning_progress WHERE user_id = ?').run(userId);
    ctx.db.prepare('DELETE FROM certificates WHERE user_id = ?').run(userId);
  });
}
