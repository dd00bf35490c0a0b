import { BIN_GRACE_DAYS, bumpDocEpoch, hasDeletedRecords, mentorshipDocName, purgeDeletedRecords } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { BlobStore } from '../resources/index.ts';
import { readDoc } from '../storage/read-doc.ts';
import { deleteUnusedPairBlobs } from '../workspace/pair-blobs.ts';
import type { PrivacySettingsStore } from './settings.ts';

const DAY_MS = 86_400_000;

/** What one sweep erased. */
export interface SweepReport {
  /** Pair documents from which binned notes, reflections or pins past the grace period were removed. */
  purgedDocs: number;
  /** Archived programmes whose data passed its retention period. */
  erasedProgrammes: string[];
  /** Ended pairs whose workspace passed its retention period. */
  erasedPairs: string[];
}

/**
 * The retention job (docs/privacy.md). Stateless: each run decides from stored times (`archived_at`, `closed_at`,
 * `deletedAt`) and `ctx.now()`, so a restart loses nothing and a test controls the clock. Each erasure is audited.
 */
export function sweepExpiredData(ctx: ModuleContext, settings: PrivacySettingsStore, blobs: BlobStore): SweepReport {
  const now = ctx.now();
  const report: SweepReport = { purgedDocs: 0, erasedProgrammes: [], erasedPairs: [] };
  const defaultDays = settings.retentionDays();

  const binCutoff = new Date(now.getTime() - BIN_GRACE_DAYS * DAY_MS);
  const pairIds = ctx.db.prepare('SELECT id FROM mentorships').pluck().all() as string[];
  for (const id of pairIds) {
    const docName = mentorshipDocName(id);
    if (!readDoc(ctx.store, ctx.docs.liveDoc, docName, (doc) => hasDeletedRecords(doc, binCutoff))) continue;
    ctx.docs.rewrite(docName, (doc) => {
      purgeDeletedRecords(doc, binCutoff);
      bumpDocEpoch(doc, now);
    });
    report.purgedDocs += 1;
  }

  const expired = (since: string | null, days: number | null) =>
    since !== null && Date.parse(since) + (days ?? defaultDays) * DAY_MS <= now.getTime();
  const shas = new Set<string>();
  const pairFiles = ctx.db.prepare('SELECT sha256 FROM pair_files WHERE mentorship_id = ?').pluck();
  const holdsData = ctx.db.prepare(
    `SELECT EXISTS (SELECT 1 FROM mentorships WHERE programme_id = @id)
         OR EXISTS (SELECT 1 FROM programme_members WHERE programme_id = @id)
         OR EXISTS (SELECT 1 FROM community_topics WHERE programme_id = @id)
         OR EXISTS (SELECT 1 FROM matching_runs WHERE programme_id = @id)
         OR EXISTS (SELECT 1 FROM invitations WHERE programme_id = @id)`
  );

  const archived = ctx.db
    .prepare('SELECT id, name, archived_at, retention_days FROM programmes WHERE archived_at IS NOT NULL')
    .all() as { id: string; name: string; archived_at: string; retention_days: number | null }[];
  for (const programme of archived) {
    if (!expired(programme.archived_at, programme.retention_days) || !holdsData.pluck().get({ id: programme.id }))
      continue;
    const pairs = ctx.db
      .prepare('SELECT id FROM mentorships WHERE programme_id = ?')
      .pluck()
      .all(programme.id) as string[];
    for (const pair of pairs) {
      for (const sha of pairFiles.all(pair) as string[]) shas.add(sha);
      ctx.docs.drop(mentorshipDocName(pair));
    }
    ctx.transaction(() => {
      for (const table of ['match_requests', 'mentorships', 'matching_runs', 'community_topics', 'invitations']) {
        ctx.db.prepare(`DELETE FROM ${table} WHERE programme_id = ?`).run(programme.id);
      }
      for (const table of ['join_requests', 'join_links', 'programme_members']) {
        ctx.db.prepare(`DELETE FROM ${table} WHERE programme_id = ?`).run(programme.id);
      }
      ctx.audit.record(null, {
        action: 'programme.retention-erase',
        programmeId: programme.id,
        targetLabel: programme.name,
        details: { pairs: pairs.length, retentionDays: programme.retention_days ?? defaultDays }
      });
    });
    report.erasedProgrammes.push(programme.id);
  }

  const ended = ctx.db
    .prepare(
      `SELECT m.id, m.programme_id, m.closed_at, p.retention_days FROM mentorships m
       JOIN programmes p ON p.id = m.programme_id WHERE m.status = 'closed' AND m.closed_at IS NOT NULL`
    )
    .all() as { id: string; programme_id: string; closed_at: string; retention_days: number | null }[];
  const stored = ctx.db.prepare(
    `SELECT EXISTS (SELECT 1 FROM doc_updates WHERE doc_name = ?) OR EXISTS (SELECT 1 FROM pair_files WHERE mentorship_id = ?)`
  );
  for (const pair of ended) {
    if (!expired(pair.closed_at, pair.retention_days)) continue;
    if (!stored.pluck().get(mentorshipDocName(pair.id), pair.id)) continue;
    for (const sha of pairFiles.all(pair.id) as string[]) shas.add(sha);
    ctx.docs.drop(mentorshipDocName(pair.id));
    ctx.transaction(() => {
      ctx.db.prepare('DELETE FROM pair_files WHERE mentorship_id = ?').run(pair.id);
      ctx.audit.record(null, {
        action: 'mentorship.retention-erase',
        programmeId: pair.programme_id,
        details: { mentorshipId: pair.id, retentionDays: pair.retention_days ?? defaultDays }
      });
    });
    report.erasedPairs.push(pair.id);
  }

  deleteUnusedPairBlobs(ctx.db, blobs, shas);
  if (report.purgedDocs + report.erasedProgrammes.length + report.erasedPairs.length > 0) {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return report;
}
