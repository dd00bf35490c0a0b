import type { MatchExplanation, MatchingRun, MatchingSettings, MatchRequest } from '@mop/shared';
import type { ProgrammeRole } from '../storage/index.ts';

export interface ProgrammeRecord {
  id: string;
  name: string;
  description: string;
}

export interface ProgrammeMember {
  userId: string;
  name: string;
  email: string;
  role: ProgrammeRole;
}

export interface ProgrammeMentorship {
  id: string;
  mentorId: string;
  menteeId: string;
  status: 'active' | 'closed';
}

/** A mentorship to create when a run is published or a request accepted, with its "why you were matched". */
export interface NewMatchedMentorship {
  id: string;
  mentorId: string;
  menteeId: string;
  explanation: MatchExplanation;
}

/** A stored match request (the wire `MatchRequest` without the joined names). */
export interface StoredMatchRequest {
  id: string;
  programmeId: string;
  menteeId: string;
  mentorId: string;
  message: string;
  status: MatchRequest['status'];
  createdAt: string;
  decidedAt: string | null;
  mentorshipId: string | null;
}

/**
 * What the matching workflow persists, behind one interface (SQLite by default, like `MopStore`). Writes that
 * create mentorships are single transactions that re-check their precondition, so a double click or two
 * coordinators publishing at once cannot create a pair twice.
 */
export interface MatchingStore {
  listProgrammes(): ProgrammeRecord[];
  getProgramme(id: string): ProgrammeRecord | null;
  listMembers(programmeId: string): ProgrammeMember[];
  /** Every mentorship of the programme, active and closed. */
  listMentorships(programmeId: string): ProgrammeMentorship[];

  /** The stored settings, or null when the programme still uses the defaults. */
  getSettings(programmeId: string): MatchingSettings | null;
  saveSettings(programmeId: string, settings: MatchingSettings): void;

  saveRun(run: MatchingRun): void;
  getRun(programmeId: string, runId: string): MatchingRun | null;
  /** Every run of the programme, newest first. */
  listRuns(programmeId: string): MatchingRun[];
  /**
   * Marks a draft run published and creates its mentorships with their explanations, in one transaction.
   * Returns false (and changes nothing) when the run is no longer a draft.
   */
  publishRun(run: MatchingRun, mentorships: NewMatchedMentorship[]): boolean;

  /** The stored explanations of these mentorships, by mentorship id. */
  matchExplanations(mentorshipIds: readonly string[]): Map<string, MatchExplanation>;

  createMatchRequest(request: StoredMatchRequest): void;
  getMatchRequest(id: string): StoredMatchRequest | null;
  /** Requests where the user is the mentee or the mentor, newest first. */
  listMatchRequests(userId: string): StoredMatchRequest[];
  /** Declines a pending request; false when it was not pending any more. */
  declineMatchRequest(id: string, decidedAt: string): boolean;
  /**
   * Accepts a pending request and creates its mentorship in one transaction; `stillAllowed` is re-checked inside
   * the transaction (capacity, mentee still unmatched) and its error message returned when it fails.
   */
  acceptMatchRequest(
    id: string,
    mentorship: NewMatchedMentorship,
    decidedAt: string,
    stillAllowed: () => string | null
  ): { ok: true } | { ok: false; reason: string };
}
