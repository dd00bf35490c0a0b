import type Database from 'better-sqlite3';
import type { EndReason, FeedbackAnswer, MentorshipEnding } from '@mop/shared';

/** A mentorship row as closing reads it. */
export interface PairRecord {
  id: string;
  programmeId: string;
  mentorId: string;
  menteeId: string;
  status: 'active' | 'closed';
  createdAt: string;
  closedAt: string | null;
  endReason: EndReason | null;
  endNote: string | null;
  endedBy: string | null;
  /** The run that published this pair, or null for a pair from a request or a seed. */
  runId: string | null;
}

/** A programme as the reports name it. */
export interface ProgrammeRecord {
  id: string;
  name: string;
  archivedAt: string | null;
  organisationName: string | null;
}

/** One stored closing feedback. */
export interface FeedbackRecord extends FeedbackAnswer {
  mentorshipId: string;
  userId: string;
  submittedAt: string;
}

interface FeedbackRow {
  mentorship_id: string;
  user_id: string;
  relationship_rating: number;
  programme_rating: number;
  helped: string;
  improve: string;
  answers: string;
  share_individually: number;
  submitted_at: string;
}

const toFeedback = (row: FeedbackRow): FeedbackRecord => ({
  mentorshipId: row.mentorship_id,
  userId: row.user_id,
  relationshipRating: row.relationship_rating,
  programmeRating: row.programme_rating,
  helped: row.helped,
  improve: row.improve,
  answers: JSON.parse(row.answers) as string[],
  shareIndividually: row.share_individually === 1,
  submittedAt: row.submitted_at
});

const PAIR_COLUMNS = `m.id, m.programme_id AS programmeId, m.mentor_id AS mentorId, m.mentee_id AS menteeId, m.status,
  m.created_at AS createdAt, m.closed_at AS closedAt, m.end_reason AS endReason, m.end_note AS endNote,
  m.ended_by AS endedBy, mm.run_id AS runId`;

/** The closing tables (migration 014) and the ending columns of `mentorships`. */
export class ClosingStore {
  constructor(private readonly db: Database.Database) {}

  /** A programme with its organisation's name, or null. */
  programme(id: string): ProgrammeRecord | null {
    return (
      (this.db
        .prepare(
          `SELECT p.id, p.name, p.archived_at AS archivedAt, o.name AS organisationName FROM programmes p
           LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?`
        )
        .get(id) as ProgrammeRecord | undefined) ?? null
    );
  }

  /** Every programme, by organisation then name (the admin's cross-programme report). */
  listProgrammes(): ProgrammeRecord[] {
    return this.db
      .prepare(
        `SELECT p.id, p.name, p.archived_at AS archivedAt, o.name AS organisationName FROM programmes p
         LEFT JOIN organisations o ON o.id = p.organisation_id ORDER BY o.name, p.name, p.id`
      )
      .all() as ProgrammeRecord[];
  }

  getPair(id: string): PairRecord | null {
    return (
      (this.db
        .prepare(
          `SELECT ${PAIR_COLUMNS} FROM mentorships m LEFT JOIN mentorship_matches mm ON mm.mentorship_id = m.id
           WHERE m.id = ?`
        )
        .get(id) as PairRecord | undefined) ?? null
    );
  }

  /** Every pair of a programme, oldest first. */
  listPairs(programmeId: string): PairRecord[] {
    return this.db
      .prepare(
        `SELECT ${PAIR_COLUMNS} FROM mentorships m LEFT JOIN mentorship_matches mm ON mm.mentorship_id = m.id
         WHERE m.programme_id = ? ORDER BY m.created_at, m.id`
      )
      .all(programmeId) as PairRecord[];
  }

  /** Closes an active pair with its reason; false when it was not active any more (a double click, a race). */
  endPair(id: string, ending: { reason: EndReason; note: string; endedBy: string | null; at: string }): boolean {
    return (
      this.db
        .prepare(
          `UPDATE mentorships SET status = 'closed', closed_at = @at, end_reason = @reason, end_note = @note,
             ended_by = @endedBy
           WHERE id = @id AND status = 'active'`
        )
        .run({ id, ...ending }).changes === 1
    );
  }

  /** Deletes a pair that was never used (its match explanation and feedback go with it by cascade). */
  deletePair(id: string): void {
    this.db.prepare('UPDATE match_requests SET mentorship_id = NULL WHERE mentorship_id = ?').run(id);
    this.db.prepare('DELETE FROM mentorships WHERE id = ?').run(id);
  }

  pairFileCount(id: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM pair_files WHERE mentorship_id = ?').get(id) as { n: number }).n;
  }

  questions(programmeId: string): string[] {
    const row = this.db.prepare('SELECT questions FROM feedback_questions WHERE programme_id = ?').get(programmeId) as
      { questions: string } | undefined;
    return row ? (JSON.parse(row.questions) as string[]) : [];
  }

  saveQuestions(programmeId: string, questions: readonly string[], at: string): void {
    this.db
      .prepare(
        `INSERT INTO feedback_questions (programme_id, questions, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (programme_id) DO UPDATE SET questions = excluded.questions, updated_at = excluded.updated_at`
      )
      .run(programmeId, JSON.stringify(questions), at);
  }

  feedbackOf(mentorshipId: string, userId: string): FeedbackRecord | null {
    const row = this.db
      .prepare('SELECT * FROM mentorship_feedback WHERE mentorship_id = ? AND user_id = ?')
      .get(mentorshipId, userId) as FeedbackRow | undefined;
    return row ? toFeedback(row) : null;
  }

  saveFeedback(record: FeedbackRecord): void {
    this.db
      .prepare(
        `INSERT INTO mentorship_feedback (mentorship_id, user_id, relationship_rating, programme_rating, helped, improve,
           answers, share_individually, submitted_at)
         VALUES (@mentorshipId, @userId, @relationshipRating, @programmeRating, @helped, @improve, @answers, @share,
           @submittedAt)
         ON CONFLICT (mentorship_id, user_id) DO UPDATE SET relationship_rating = excluded.relationship_rating,
           programme_rating = excluded.programme_rating, helped = excluded.helped, improve = excluded.improve,
           answers = excluded.answers, share_individually = excluded.share_individually,
           submitted_at = excluded.submitted_at`
      )
      .run({
        mentorshipId: record.mentorshipId,
        userId: record.userId,
        relationshipRating: record.relationshipRating,
        programmeRating: record.programmeRating,
        helped: record.helped,
        improve: record.improve,
        answers: JSON.stringify(record.answers),
        share: record.shareIndividually ? 1 : 0,
        submittedAt: record.submittedAt
      });
  }

  /** Every feedback given in a programme's pairs. */
  programmeFeedback(programmeId: string): FeedbackRecord[] {
    return (
      this.db
        .prepare(
          `SELECT f.* FROM mentorship_feedback f JOIN mentorships m ON m.id = f.mentorship_id
           WHERE m.programme_id = ? ORDER BY f.submitted_at, f.user_id`
        )
        .all(programmeId) as FeedbackRow[]
    ).map(toFeedback);
  }

  /** The feedback a person gave, for their data export. */
  feedbackBy(userId: string): FeedbackRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM mentorship_feedback WHERE user_id = ? ORDER BY submitted_at')
        .all(userId) as FeedbackRow[]
    ).map(toFeedback);
  }

  /** Erases a person's feedback, and their name from the endings they made (the reason stays: it is a count). */
  eraseFeedbackAndEndings(userId: string): void {
    this.db.prepare('DELETE FROM mentorship_feedback WHERE user_id = ?').run(userId);
    this.db.prepare("UPDATE mentorships SET ended_by = NULL, end_note = '' WHERE ended_by = ?").run(userId);
  }

  /** The endings a person made, for their data export. */
  endingsBy(userId: string): PairRecord[] {
    return this.db
      .prepare(
        `SELECT ${PAIR_COLUMNS} FROM mentorships m LEFT JOIN mentorship_matches mm ON mm.mentorship_id = m.id
         WHERE m.ended_by = ? ORDER BY m.closed_at`
      )
      .all(userId) as PairRecord[];
  }
}

/** The wire form of a pair's ending, or undefined while it is active or was closed without a reason (older data). */
export function endingOf(
  pair: Pick<PairRecord, 'status' | 'closedAt' | 'endReason' | 'endNote' | 'endedBy' | 'menteeId'>,
  nameOf: (userId: string) => string | null,
  viewerId: string
): MentorshipEnding | undefined {
  if (pair.status !== 'closed' || pair.endReason === null) return undefined;
  const name = pair.endedBy ? nameOf(pair.endedBy) : null;
  return {
    reason: pair.endReason,
    endedBy: pair.endedBy && name !== null ? { id: pair.endedBy, name } : null,
    endedAt: pair.closedAt ?? '',
    note: pair.endNote ?? '',
    rematchOffered: pair.endReason === 'not-a-fit' && pair.menteeId === viewerId
  };
}
