import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { mentorshipDocName } from '@mop/shared';

/** Why a pair cannot be unpublished, as the REST refusal's code. */
type UnpublishRefusal = 'not_from_matching' | 'pair_in_use';

/** What deciding needs of the sync layer and the stored document log. */
interface PairDocs {
  liveDoc(docName: string): Y.Doc | undefined;
  hasStoredUpdates(docName: string): boolean;
}

/**
 * Whether a member has used a pair, which decides whether a coordinator may still unpublish it ("only while neither
 * member has opened it"). The server records when a member first opens their pair (`markOpened`, on their first
 * sync connection; migration 015); a pair is also used when the server holds anything of its document, a file was
 * uploaded for it, or it has ended (pairs opened before the record existed).
 */
export class PairUsage {
  constructor(private readonly db: Database.Database) {}

  /** Records the first time the pair's mentor or mentee opened it (later opens keep the first time). */
  markOpened(mentorshipId: string, at: string): void {
    this.db
      .prepare('UPDATE mentorships SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL')
      .run(at, mentorshipId);
  }

  /** Null when the pair may be unpublished, else why not. A pair that does not exist answers `not_from_matching`. */
  unpublishRefusal(mentorshipId: string, docs: PairDocs): UnpublishRefusal | null {
    const row = this.db
      .prepare(
        `SELECT m.status, m.first_opened_at AS openedAt, mm.run_id AS runId,
           (SELECT COUNT(*) FROM pair_files f WHERE f.mentorship_id = m.id) AS files
         FROM mentorships m LEFT JOIN mentorship_matches mm ON mm.mentorship_id = m.id WHERE m.id = ?`
      )
      .get(mentorshipId) as
      { status: string; openedAt: string | null; runId: string | null; files: number } | undefined;
    if (!row || row.runId === null) return 'not_from_matching';
    if (row.status !== 'active' || row.openedAt !== null || row.files > 0) return 'pair_in_use';
    const docName = mentorshipDocName(mentorshipId);
    const live = docs.liveDoc(docName);
    if (live && Y.encodeStateVector(live).length > 1) return 'pair_in_use';
    return docs.hasStoredUpdates(docName) ? 'pair_in_use' : null;
  }

  /** Keeps a withdrawn pair's id and members, so its old links say what happened. */
  recordWithdrawn(pair: { id: string; programmeId: string; mentorId: string; menteeId: string }, at: string): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO withdrawn_pairs (mentorship_id, programme_id, mentor_id, mentee_id, withdrawn_at)
         VALUES (?, ?, ?, ?, ?)`
      )
      .run(pair.id, pair.programmeId, pair.mentorId, pair.menteeId, at);
  }

  /** Whether `userId` was a member of the pair `mentorshipId` that a coordinator withdrew. */
  wasWithdrawnFor(mentorshipId: string, userId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM withdrawn_pairs WHERE mentorship_id = ? AND (mentor_id = ? OR mentee_id = ?)')
        .get(mentorshipId, userId, userId) !== undefined
    );
  }

  /** Erasure: forgets the withdrawn pairs a person was part of. */
  forgetWithdrawn(userId: string): void {
    this.db.prepare('DELETE FROM withdrawn_pairs WHERE mentor_id = ? OR mentee_id = ?').run(userId, userId);
  }
}

/** `PairDocs` over a module's context: the live room, else the stored log. */
export function pairDocs(ctx: {
  docs: { liveDoc(docName: string): Y.Doc | undefined };
  store: { loadDocUpdates(docName: string): unknown[] };
}): PairDocs {
  return {
    liveDoc: (docName) => ctx.docs.liveDoc(docName),
    hasStoredUpdates: (docName) => ctx.store.loadDocUpdates(docName).length > 0
  };
}
