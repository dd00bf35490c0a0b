import type Database from 'better-sqlite3';
import { EMAIL_CONFIRMED_SQL } from '../accounts/confirm-address.ts';
import type {
  AuditAction,
  AdminUser,
  AuditEntry,
  Invitation,
  InvitationRole,
  InvitationStatus,
  JoinLink,
  JoinMode,
  Organisation,
  PendingMember,
  ProgrammeDetails
} from '@mop/shared';

/** An invitation as stored (the token only as its hash). */
export interface InvitationRecord {
  id: string;
  programmeId: string;
  email: string;
  name: string;
  role: InvitationRole;
  language: string | null;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: string;
  sentAt: string;
  expiresAt: string;
  openedAt: string | null;
  acceptedAt: string | null;
  acceptedUserId: string | null;
  revokedAt: string | null;
}

export interface JoinLinkRecord extends JoinLink {
  programmeId: string;
  tokenHash: string;
}

/** One entry to write to the audit log. */
export interface AuditWrite {
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  targetUserId?: string | null;
  targetLabel?: string | null;
  programmeId?: string | null;
  organisationId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  targetUserId?: string;
  programmeId?: string;
  action?: string;
  limit: number;
}

interface ProgrammeRow {
  id: string;
  name: string;
  description: string;
  organisation_id: string | null;
  organisation_name: string | null;
  starts_on: string | null;
  ends_on: string | null;
  languages: string;
  join_mode: JoinMode;
  approval_required: number;
  archived_at: string | null;
  created_at: string;
}

interface InvitationRow {
  id: string;
  programme_id: string;
  email: string;
  name: string;
  role: InvitationRole;
  language: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  sent_at: string;
  expires_at: string;
  opened_at: string | null;
  accepted_at: string | null;
  accepted_user_id: string | null;
  revoked_at: string | null;
}

interface JoinLinkRow {
  id: string;
  programme_id: string;
  token_hash: string;
  role: 'mentor' | 'mentee';
  expires_at: string;
  max_uses: number;
  uses: number;
  created_at: string;
  revoked_at: string | null;
}

const toInvitation = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  programmeId: row.programme_id,
  email: row.email,
  name: row.name,
  role: row.role,
  language: row.language,
  tokenHash: row.token_hash,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  expiresAt: row.expires_at,
  openedAt: row.opened_at,
  acceptedAt: row.accepted_at,
  acceptedUserId: row.accepted_user_id,
  revokedAt: row.revoked_at
});

const toJoinLink = (row: JoinLinkRow): JoinLinkRecord => ({
  id: row.id,
  programmeId: row.programme_id,
  tokenHash: row.token_hash,
  role: row.role,
  expiresAt: row.expires_at,
  maxUses: row.max_uses,
  uses: row.uses,
  createdAt: row.created_at,
  revokedAt: row.revoked_at
});

/** The invitation's status at `now`: revoked and accepted are final, then expiry, then whether it was opened. */
function invitationStatus(record: InvitationRecord, now: Date): InvitationStatus {
  if (record.revokedAt) return 'revoked';
  if (record.acceptedAt) return 'accepted';
  if (record.expiresAt <= now.toISOString()) return 'expired';
  return record.openedAt ? 'opened' : 'sent';
}

/** The wire shape of an invitation. */
export function invitationView(record: InvitationRecord, now: Date): Invitation {
  return {
    id: record.id,
    programmeId: record.programmeId,
    name: record.name,
    email: record.email,
    role: record.role,
    language: record.language,
    status: invitationStatus(record, now),
    sentAt: record.sentAt,
    expiresAt: record.expiresAt,
    openedAt: record.openedAt,
    acceptedAt: record.acceptedAt
  };
}

const PROGRAMME_SELECT = `
  SELECT p.id, p.name, p.description, p.organisation_id, o.name AS organisation_name, p.starts_on, p.ends_on,
         p.languages, p.join_mode, p.approval_required, p.archived_at, p.created_at
  FROM programmes p LEFT JOIN organisations o ON o.id = p.organisation_id`;

/**
 * The SQLite tables of real installs (migration 008): platform settings, setup tokens, organisations, programme
 * administration, invitations, join links, pending members and the audit log. Synchronous like every store here;
 * callers compose several calls in one `ctx.transaction`.
 */
export class CohortsStore {
  constructor(private readonly db: Database.Database) {}

  getSetting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM platform_settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO platform_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
      )
      .run(key, value);
  }

  hasActiveAdmin(): boolean {
    return (
      this.db.prepare("SELECT 1 FROM users WHERE role = 'admin' AND deactivated_at IS NULL LIMIT 1").get() !== undefined
    );
  }

  /** Replaces every earlier setup token by this one: only the newest printed link works. */
  replaceSetupToken(tokenHash: string, now: Date, expiresAt: Date): void {
    this.db.prepare('DELETE FROM setup_tokens WHERE used_at IS NULL').run();
    this.db
      .prepare('INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)')
      .run(tokenHash, now.toISOString(), expiresAt.toISOString());
  }

  findSetupToken(tokenHash: string): { expiresAt: string; usedAt: string | null } | null {
    const row = this.db.prepare('SELECT expires_at, used_at FROM setup_tokens WHERE token_hash = ?').get(tokenHash) as
      { expires_at: string; used_at: string | null } | undefined;
    return row ? { expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  /** Marks the token used; false when it was used already (a second, concurrent use loses). */
  useSetupToken(tokenHash: string, now: Date): boolean {
    return (
      this.db
        .prepare('UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?')
        .run(now.toISOString(), tokenHash, now.toISOString()).changes === 1
    );
  }

  createOrganisation(id: string, name: string, now: Date): void {
    this.db
      .prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)')
      .run(id, name, now.toISOString());
  }

  renameOrganisation(id: string, name: string): boolean {
    return this.db.prepare('UPDATE organisations SET name = ? WHERE id = ?').run(name, id).changes === 1;
  }

  findOrganisationByName(name: string): { id: string } | null {
    return (
      (this.db.prepare('SELECT id FROM organisations WHERE name = ? COLLATE NOCASE').get(name) as
        { id: string } | undefined) ?? null
    );
  }

  getOrganisation(id: string): Organisation | null {
    return this.listOrganisations().find((o) => o.id === id) ?? null;
  }

  listOrganisations(): Organisation[] {
    return this.db
      .prepare(
        `SELECT o.id, o.name, o.created_at AS createdAt,
                (SELECT COUNT(*) FROM programmes p WHERE p.organisation_id = o.id AND p.archived_at IS NULL) AS programmes
         FROM organisations o ORDER BY o.name COLLATE NOCASE, o.id`
      )
      .all() as Organisation[];
  }

  createProgramme(
    p: { id: string; name: string; description: string; organisationId: string | null },
    now: Date
  ): void {
    this.db
      .prepare('INSERT INTO programmes (id, name, description, organisation_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(p.id, p.name, p.description, p.organisationId, now.toISOString());
  }

  getProgramme(id: string): Omit<ProgrammeDetails, 'selfMatching'> | null {
    const row = this.db.prepare(`${PROGRAMME_SELECT} WHERE p.id = ?`).get(id) as ProgrammeRow | undefined;
    return row ? this.toProgramme(row) : null;
  }

  /** Programmes (archived ones only when asked), optionally only those listed by id. */
  listProgrammes(options: { includeArchived: boolean }): Omit<ProgrammeDetails, 'selfMatching'>[] {
    const rows = this.db
      .prepare(
        `${PROGRAMME_SELECT} ${options.includeArchived ? '' : 'WHERE p.archived_at IS NULL'} ORDER BY p.name, p.id`
      )
      .all() as ProgrammeRow[];
    return rows.map((row) => this.toProgramme(row));
  }

  updateProgramme(
    id: string,
    fields: Partial<{
      name: string;
      description: string;
      startsOn: string | null;
      endsOn: string | null;
      languages: string[];
      joinMode: JoinMode;
      approvalRequired: boolean;
      archivedAt: string | null;
    }>
  ): void {
    const columns: Record<string, string> = {
      name: 'name',
      description: 'description',
      startsOn: 'starts_on',
      endsOn: 'ends_on',
      languages: 'languages',
      joinMode: 'join_mode',
      approvalRequired: 'approval_required',
      archivedAt: 'archived_at'
    };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(fields)) {
      const column = columns[key];
      if (!column || value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(
        key === 'languages' ? JSON.stringify(value) : key === 'approvalRequired' ? (value ? 1 : 0) : (value ?? null)
      );
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE programmes SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  /** The participant roles (mentor, mentee) the user holds in the programme. */
  participantRoles(programmeId: string, userId: string): ('mentor' | 'mentee')[] {
    return (
      this.db
        .prepare(
          "SELECT role FROM programme_members WHERE programme_id = ? AND user_id = ? AND role IN ('mentor', 'mentee') ORDER BY role"
        )
        .all(programmeId, userId) as { role: 'mentor' | 'mentee' }[]
    ).map((row) => row.role);
  }

  /** Whether the user holds any role (coordinator included) in the programme. */
  isMember(programmeId: string, userId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM programme_members WHERE programme_id = ? AND user_id = ?')
        .get(programmeId, userId) !== undefined
    );
  }

  /** Removes the user's participant roles (mentor, mentee) from the programme; a coordinator role stays. */
  removeParticipant(programmeId: string, userId: string): number {
    return this.db
      .prepare("DELETE FROM programme_members WHERE programme_id = ? AND user_id = ? AND role IN ('mentor', 'mentee')")
      .run(programmeId, userId).changes;
  }

  /** The user's active pairs in the programme, with the other member's name. */
  activePairs(programmeId: string, userId: string): { id: string; partnerId: string; partnerName: string }[] {
    return this.db
      .prepare(
        `SELECT m.id, u.id AS partnerId, u.name AS partnerName FROM mentorships m
         JOIN users u ON u.id = CASE WHEN m.mentor_id = @userId THEN m.mentee_id ELSE m.mentor_id END
         WHERE m.programme_id = @programmeId AND m.status = 'active' AND (m.mentor_id = @userId OR m.mentee_id = @userId)
         ORDER BY u.name`
      )
      .all({ programmeId, userId }) as { id: string; partnerId: string; partnerName: string }[];
  }

  /**
   * Ends a pair because a member left it (removed, moved or given another role by a coordinator): its mentorship is
   * closed with the reason `left` (its documents stay, read-only for the two of them).
   */
  endPair(mentorshipId: string, endedBy: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE mentorships SET status = 'closed', closed_at = @at, end_reason = 'left', end_note = '', ended_by = @endedBy
         WHERE id = @id AND status = 'active'`
      )
      .run({ id: mentorshipId, endedBy, at: now.toISOString() });
  }

  /**
   * Gives a mentor or mentee platform account the role it now holds, so the questionnaire it sees follows the
   * programme role a coordinator changed; admins and coordinators keep theirs.
   */
  followParticipantRole(userId: string, role: 'mentor' | 'mentee'): void {
    this.db.prepare("UPDATE users SET role = ? WHERE id = ? AND role IN ('mentor', 'mentee')").run(role, userId);
  }

  createInvitation(record: InvitationRecord): void {
    this.db
      .prepare(
        `INSERT INTO invitations (id, programme_id, email, name, role, language, token_hash, invited_by, created_at,
           sent_at, expires_at, opened_at, accepted_at, accepted_user_id, revoked_at)
         VALUES (@id, @programmeId, @email, @name, @role, @language, @tokenHash, @invitedBy, @createdAt, @sentAt,
           @expiresAt, @openedAt, @acceptedAt, @acceptedUserId, @revokedAt)`
      )
      .run(record);
  }

  getInvitation(id: string): InvitationRecord | null {
    const row = this.db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
    return row ? toInvitation(row) : null;
  }

  findInvitationByToken(tokenHash: string): InvitationRecord | null {
    const row = this.db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as
      InvitationRow | undefined;
    return row ? toInvitation(row) : null;
  }

  listInvitations(programmeId: string): InvitationRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM invitations WHERE programme_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(programmeId) as InvitationRow[];
    return rows.map(toInvitation);
  }

  /** Open (not accepted, not revoked) invitations of these addresses in the programme. */
  openInvitationEmails(programmeId: string): Set<string> {
    const rows = this.db
      .prepare(
        'SELECT email FROM invitations WHERE programme_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?'
      )
      .all(programmeId, new Date().toISOString()) as { email: string }[];
    return new Set(rows.map((row) => row.email));
  }

  markInvitationOpened(id: string, now: Date): void {
    this.db
      .prepare('UPDATE invitations SET opened_at = ? WHERE id = ? AND opened_at IS NULL')
      .run(now.toISOString(), id);
  }

  /** Marks the invitation accepted; false when it was accepted, revoked or expired meanwhile (single use). */
  acceptInvitation(id: string, userId: string, now: Date): boolean {
    return (
      this.db
        .prepare(
          `UPDATE invitations SET accepted_at = ?, accepted_user_id = ?
           WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`
        )
        .run(now.toISOString(), userId, id, now.toISOString()).changes === 1
    );
  }

  /** Gives the invitation a new token and expiry (resend, copy link): the earlier link stops working. */
  renewInvitation(id: string, tokenHash: string, now: Date, expiresAt: Date): void {
    this.db
      .prepare('UPDATE invitations SET token_hash = ?, sent_at = ?, expires_at = ?, opened_at = NULL WHERE id = ?')
      .run(tokenHash, now.toISOString(), expiresAt.toISOString(), id);
  }

  revokeInvitation(id: string, now: Date): void {
    this.db
      .prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now.toISOString(), id);
  }

  createJoinLink(link: JoinLinkRecord, createdBy: string): void {
    this.db
      .prepare(
        `INSERT INTO join_links (id, programme_id, token_hash, role, expires_at, max_uses, uses, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`
      )
      .run(
        link.id,
        link.programmeId,
        link.tokenHash,
        link.role,
        link.expiresAt,
        link.maxUses,
        createdBy,
        link.createdAt
      );
  }

  findJoinLinkByToken(tokenHash: string): JoinLinkRecord | null {
    const row = this.db.prepare('SELECT * FROM join_links WHERE token_hash = ?').get(tokenHash) as
      JoinLinkRow | undefined;
    return row ? toJoinLink(row) : null;
  }

  getJoinLink(id: string): JoinLinkRecord | null {
    const row = this.db.prepare('SELECT * FROM join_links WHERE id = ?').get(id) as JoinLinkRow | undefined;
    return row ? toJoinLink(row) : null;
  }

  listJoinLinks(programmeId: string): JoinLinkRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM join_links WHERE programme_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(programmeId) as JoinLinkRow[];
    return rows.map(toJoinLink);
  }

  /** Counts one use; false when the link is used up, revoked or expired (so concurrent joins never exceed max). */
  useJoinLink(id: string, now: Date): boolean {
    return (
      this.db
        .prepare(
          'UPDATE join_links SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND revoked_at IS NULL AND expires_at > ?'
        )
        .run(id, now.toISOString()).changes === 1
    );
  }

  revokeJoinLink(id: string, now: Date): void {
    this.db
      .prepare('UPDATE join_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now.toISOString(), id);
  }

  addJoinRequest(programmeId: string, userId: string, role: 'mentor' | 'mentee', linkId: string, now: Date): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO join_requests (programme_id, user_id, role, join_link_id, created_at) VALUES (?, ?, ?, ?, ?)'
      )
      .run(programmeId, userId, role, linkId, now.toISOString());
  }

  listJoinRequests(programmeId: string): PendingMember[] {
    return this.db
      .prepare(
        `SELECT r.user_id AS userId, u.name, u.email, r.role, r.created_at AS requestedAt,
                ${EMAIL_CONFIRMED_SQL} AS emailConfirmed
         FROM join_requests r JOIN users u ON u.id = r.user_id WHERE r.programme_id = ? ORDER BY r.created_at, u.name`
      )
      .all(programmeId)
      .map((row) => {
        const pending = row as Omit<PendingMember, 'emailConfirmed'> & { emailConfirmed: number };
        return { ...pending, emailConfirmed: pending.emailConfirmed === 1 };
      });
  }

  /** Removes and returns a pending request. */
  takeJoinRequest(programmeId: string, userId: string): PendingMember | null {
    const found = this.listJoinRequests(programmeId).find((p) => p.userId === userId) ?? null;
    if (found)
      this.db.prepare('DELETE FROM join_requests WHERE programme_id = ? AND user_id = ?').run(programmeId, userId);
    return found;
  }

  /** Programme ids where the user waits for approval. */
  pendingProgrammes(userId: string): string[] {
    return (
      this.db.prepare('SELECT programme_id FROM join_requests WHERE user_id = ?').all(userId) as {
        programme_id: string;
      }[]
    ).map((row) => row.programme_id);
  }

  /** Users matching a search (name or e-mail) and filters, newest first, with their memberships. */
  searchUsers(filter: {
    query: string;
    role?: string | undefined;
    organisationId?: string | undefined;
    programmeId?: string | undefined;
    limit: number;
  }): { users: AdminUser[]; total: number } {
    // Erased accounts (docs/privacy.md) are anonymous rows kept for the pairs' records, not people to administer.
    const where: string[] = ['u.erased_at IS NULL'];
    const values: unknown[] = [];
    if (filter.query) {
      where.push("(u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')");
      const like = `%${filter.query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      values.push(like, like);
    }
    if (filter.role) {
      where.push('u.role = ?');
      values.push(filter.role);
    }
    if (filter.programmeId) {
      where.push('u.id IN (SELECT user_id FROM programme_members WHERE programme_id = ?)');
      values.push(filter.programmeId);
    }
    if (filter.organisationId) {
      where.push(
        'u.id IN (SELECT pm.user_id FROM programme_members pm JOIN programmes p ON p.id = pm.programme_id WHERE p.organisation_id = ?)'
      );
      values.push(filter.organisationId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM users u ${clause}`).get(...values) as { n: number }).n;
    const ids = this.db
      .prepare(`SELECT u.id FROM users u ${clause} ORDER BY u.created_at DESC, u.id LIMIT ?`)
      .all(...values, filter.limit) as { id: string }[];
    return { users: ids.flatMap((row) => this.adminUser(row.id) ?? []), total };
  }

  adminUser(userId: string): AdminUser | null {
    const row = this.db
      .prepare('SELECT id, name, email, role, deactivated_at, created_at FROM users WHERE id = ?')
      .get(userId) as
      | {
          id: string;
          name: string;
          email: string;
          role: AdminUser['role'];
          deactivated_at: string | null;
          created_at: string;
        }
      | undefined;
    if (!row) return null;
    const memberships = this.db
      .prepare(
        `SELECT pm.programme_id AS programmeId, p.name AS programmeName, pm.role FROM programme_members pm
         JOIN programmes p ON p.id = pm.programme_id WHERE pm.user_id = ? ORDER BY p.name, pm.role`
      )
      .all(userId) as AdminUser['memberships'];
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      deactivatedAt: row.deactivated_at,
      createdAt: row.created_at,
      memberships
    };
  }

  /** Marks the user deactivated and deletes their sessions; returns the deleted sessions' hashes. */
  deactivateUser(userId: string, now: Date): string[] {
    this.db
      .prepare('UPDATE users SET deactivated_at = COALESCE(deactivated_at, ?) WHERE id = ?')
      .run(now.toISOString(), userId);
    const hashes = (
      this.db.prepare('SELECT token_hash FROM sessions WHERE user_id = ?').all(userId) as { token_hash: string }[]
    ).map((row) => row.token_hash);
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    return hashes;
  }

  reactivateUser(userId: string): void {
    this.db.prepare('UPDATE users SET deactivated_at = NULL WHERE id = ?').run(userId);
  }

  isDeactivated(userId: string): boolean {
    const row = this.db.prepare('SELECT deactivated_at FROM users WHERE id = ?').get(userId) as
      { deactivated_at: string | null } | undefined;
    return Boolean(row?.deactivated_at);
  }

  setPlatformRole(userId: string, role: AdminUser['role']): void {
    this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
  }

  audit(entry: AuditWrite, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, action, target_user_id, target_label, programme_id,
           organisation_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        now.toISOString(),
        entry.actorId,
        entry.actorName,
        entry.action,
        entry.targetUserId ?? null,
        entry.targetLabel ?? null,
        entry.programmeId ?? null,
        entry.organisationId ?? null,
        JSON.stringify(entry.details ?? {})
      );
  }

  listAudit(filter: AuditFilter): AuditEntry[] {
    const where: string[] = [];
    const values: unknown[] = [];
    const conditions: [string, string | undefined][] = [
      ['actor_id = ?', filter.actorId],
      ['target_user_id = ?', filter.targetUserId],
      ['programme_id = ?', filter.programmeId],
      ['action = ?', filter.action]
    ];
    for (const [condition, value] of conditions) {
      if (value === undefined) continue;
      where.push(condition);
      values.push(value);
    }
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
      .all(...values, filter.limit) as {
      id: number;
      at: string;
      actor_id: string | null;
      actor_name: string;
      action: string;
      target_user_id: string | null;
      target_label: string | null;
      programme_id: string | null;
      organisation_id: string | null;
      details: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetUserId: row.target_user_id,
      targetLabel: row.target_label,
      programmeId: row.programme_id,
      organisationId: row.organisation_id,
      details: JSON.parse(row.details) as Record<string, unknown>
    }));
  }

  private toProgramme(row: ProgrammeRow): Omit<ProgrammeDetails, 'selfMatching'> {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      languages: JSON.parse(row.languages) as string[],
      joinMode: row.join_mode,
      approvalRequired: row.approval_required === 1,
      archivedAt: row.archived_at,
      createdAt: row.created_at
    };
  }
}
