import type Database from 'better-sqlite3';
import type { AccessKind, AccessLogEntry, User } from '@mop/shared';
import type { PersonalDataRead } from '../module.ts';

/** Repeated reads of one person's data by one actor within this window are one entry. */
const REPEAT_WINDOW_MS = 10 * 60 * 1000;

interface AccessRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  subject_user_id: string | null;
  subject_name: string | null;
  programme_id: string | null;
  what: AccessKind;
}

const toEntry = (row: AccessRow): AccessLogEntry => ({
  id: row.id,
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  subjectUserId: row.subject_user_id,
  subjectName: row.subject_name,
  programmeId: row.programme_id,
  what: row.what
});

const SELECT = `SELECT a.id, a.at, a.actor_id, a.actor_name, a.subject_user_id, u.name AS subject_name, a.programme_id,
  a.what FROM access_log a LEFT JOIN users u ON u.id = a.subject_user_id`;

/** The access log: reads of personal data by coordinators and admins (docs/privacy.md). */
export class AccessLogStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Records a read by a coordinator or an admin, once per person shown. The same read of the same person by the same
   * actor within `REPEAT_WINDOW_MS` is one entry (a list reloaded ten times is not ten reads).
   */
  record(actor: User, read: PersonalDataRead, at: Date): void {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') return;
    const since = new Date(at.getTime() - REPEAT_WINDOW_MS).toISOString();
    const recent = this.db.prepare(
      `SELECT 1 FROM access_log WHERE actor_id = ? AND subject_user_id = ? AND what = ?
       AND coalesce(programme_id, '') = ? AND at >= ? LIMIT 1`
    );
    const insert = this.db.prepare(
      `INSERT INTO access_log (at, actor_id, actor_name, subject_user_id, programme_id, what) VALUES (?, ?, ?, ?, ?, ?)`
    );
    const programmeId = read.programmeId ?? null;
    this.db.transaction(() => {
      for (const subject of new Set(read.subjectUserIds)) {
        if (subject === actor.id || recent.get(actor.id, subject, read.what, programmeId ?? '', since)) continue;
        insert.run(at.toISOString(), actor.id, actor.name, subject, programmeId, read.what);
      }
    })();
  }

  /** Reads of one person's data (theirs to see), newest first. */
  about(userId: string, limit = 500): AccessLogEntry[] {
    return (
      this.db
        .prepare(`${SELECT} WHERE a.subject_user_id = ? ORDER BY a.id DESC LIMIT ?`)
        .all(userId, limit) as AccessRow[]
    ).map(toEntry);
  }

  /** Every read, newest first (admins). */
  all(limit = 500): AccessLogEntry[] {
    return (this.db.prepare(`${SELECT} ORDER BY a.id DESC LIMIT ?`).all(limit) as AccessRow[]).map(toEntry);
  }

  /** Forgets the person: reads of their data go, and their name leaves the reads they made. */
  erase(userId: string): void {
    this.db.prepare('DELETE FROM access_log WHERE subject_user_id = ?').run(userId);
    this.db.prepare("UPDATE access_log SET actor_name = '' WHERE actor_id = ?").run(userId);
    this.db.prepare('DELETE FROM privacy_acknowledgements WHERE user_id = ?').run(userId);
  }
}
