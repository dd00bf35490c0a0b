import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';

const emailOf = (ctx: ModuleContext, userId: string): string | null =>
  (ctx.db.prepare('SELECT email FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ?? null;

/** Memberships, invitations to the person's address, pending join requests and the audit entries about them. */
export function exportCohorts(ctx: ModuleContext, userId: string): UserDataFile[] {
  const email = emailOf(ctx, userId);
  const memberships = ctx.db
    .prepare(
      `SELECT p.id AS programmeId, p.name AS programme, m.role, p.archived_at AS archivedAt
       FROM programme_members m JOIN programmes p ON p.id = m.programme_id WHERE m.user_id = ? ORDER BY p.name`
    )
    .all(userId);
  const invitations = ctx.db
    .prepare(
      `SELECT p.name AS programme, i.email, i.name, i.role, i.language, i.created_at AS createdAt, i.sent_at AS sentAt,
              i.expires_at AS expiresAt, i.opened_at AS openedAt, i.accepted_at AS acceptedAt, i.revoked_at AS revokedAt
       FROM invitations i JOIN programmes p ON p.id = i.programme_id
       WHERE i.email = ? OR i.accepted_user_id = ? ORDER BY i.created_at`
    )
    .all(email, userId);
  const joinRequests = ctx.db
    .prepare(
      `SELECT p.name AS programme, j.role, j.created_at AS createdAt
       FROM join_requests j JOIN programmes p ON p.id = j.programme_id WHERE j.user_id = ?`
    )
    .all(userId);
  const audit = ctx.db
    .prepare(
      `SELECT at, actor_name AS actor, action, target_label AS target, programme_id AS programmeId, details
       FROM audit_log WHERE target_user_id = ? OR actor_id = ? ORDER BY id`
    )
    .all(userId, userId) as { details: string }[];
  return [
    jsonFile('memberships.json', memberships),
    jsonFile('invitations.json', invitations),
    jsonFile('join-requests.json', joinRequests),
    jsonFile(
      'audit-entries.json',
      audit.map((entry) => ({ ...entry, details: JSON.parse(entry.details) as unknown }))
    )
  ];
}

/**
 * Removes the person from every programme, deletes invitations to their address and their join requests, and
 * takes their name and address out of the audit log (the entries stay, naming "a former member": the log must
 * still show what admins did).
 */
export function eraseCohorts(ctx: ModuleContext, userId: string): void {
  const email = emailOf(ctx, userId);
  ctx.transaction(() => {
    ctx.db.prepare('DELETE FROM programme_members WHERE user_id = ?').run(userId);
    ctx.db.prepare('DELETE FROM join_requests WHERE user_id = ?').run(userId);
    ctx.db.prepare('DELETE FROM invitations WHERE email = ? OR accepted_user_id = ?').run(email, userId);
    ctx.db.prepare('UPDATE audit_log SET target_label = NULL WHERE target_user_id = ?').run(userId);
    ctx.db.prepare("UPDATE audit_log SET actor_name = '' WHERE actor_id = ?").run(userId);
    if (email) {
      // Details of other entries may quote the address (an invitation sent to it, a CSV import row).
      ctx.db
        .prepare("UPDATE audit_log SET details = replace(details, ?, '') WHERE instr(details, ?) > 0")
        .run(JSON.stringify(email).slice(1, -1), JSON.stringify(email).slice(1, -1));
      ctx.db.prepare('UPDATE audit_log SET target_label = NULL WHERE target_label = ?').run(email);
    }
  });
}
