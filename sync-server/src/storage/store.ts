import type { Mentorship, Role, User } from '@mop/shared';

/** A user as stored, with the password hash the API never returns. */
export interface StoredUser extends User {
  passwordHash: string;
  createdAt: string;
  /** Set while an admin has deactivated the account: no sign-in, no session. */
  deactivatedAt: string | null;
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface MentorshipRecord {
  id: string;
  programmeId: string;
  mentorId: string;
  menteeId: string;
  status: 'active' | 'closed';
  createdAt: string;
}

export interface StoredDocUpdate {
  seq: number;
  data: Uint8Array;
}

export type ProgrammeRole = 'coordinator' | 'mentor' | 'mentee';

/**
 * Everything the server persists, behind one small interface so another engine can replace SQLite without
 * touching the handlers. All methods are synchronous: the SQLite implementation is, and the sync layer relies
 * on an update being stored before it is broadcast.
 */
export interface MopStore {
  /** True when no user exists yet (a fresh database). */
  isEmpty(): boolean;

  createUser(user: NewUser): StoredUser;
  findUserByEmail(email: string): StoredUser | null;
  findUserById(id: string): StoredUser | null;
  /**
   * Anonymises an erased account in place: no name, an address that names no one, no password, deactivated, with
   * `erased_at` set. The row stays so the pair's records keep an author id that no longer identifies anybody.
   */
  anonymiseUser(id: string, now: Date): void;

  /** `userAgent` is the browser's own description, shown to the person in their list of sessions. */
  createSession(tokenHash: string, userId: string, expiresAt: Date, userAgent?: string | null, now?: Date): void;
  /**
   * The user of a session that has neither expired nor gone unused for longer than the idle limit, or null. Marks
   * the session as used at `now`.
   */
  findSessionUser(tokenHash: string, now?: Date): User | null;
  deleteSession(tokenHash: string): void;
  /** Deletes sessions past their lifetime or idle for longer than the idle limit. */
  deleteExpiredSessions(now?: Date): number;
  /** Replaces a password hash (a re-hash at today's cost) unless the password was changed meanwhile. */
  replacePasswordHash(userId: string, oldHash: string, newHash: string): void;

  createProgramme(programme: { id: string; name: string; description?: string }): void;
  addProgrammeMember(programmeId: string, userId: string, role: ProgrammeRole): void;
  createMentorship(mentorship: {
    id: string;
    programmeId: string;
    mentorId: string;
    menteeId: string;
  }): MentorshipRecord;
  getMentorship(id: string): MentorshipRecord | null;
  /** Whether the programme is archived (read-only for its members; migration 008's `archived_at`). */
  isProgrammeArchived(programmeId: string): boolean;
  /** Every role a user holds in each programme they belong to. */
  listProgrammeRoles(userId: string): { programmeId: string; role: ProgrammeRole }[];
  /** The mentorships a user may see listed: their own pairs, those of programmes they coordinate, all for admins. */
  listVisibleMentorships(user: User): Mentorship[];

  /** The stored updates of a document, oldest first. */
  loadDocUpdates(docName: string): StoredDocUpdate[];
  /** Appends one update to a document's log and returns its sequence number. */
  appendDocUpdate(docName: string, data: Uint8Array): number;
  /**
   * Appends updates to the logs of one or more documents in one transaction (all or none) and returns the
   * sequence number of each, in order. The sync layer's group commit.
   */
  appendDocUpdates(updates: readonly { docName: string; data: Uint8Array }[]): number[];
  /**
   * Replaces every row of a document with seq <= `upToSeq` by one merged update, in one transaction.
   * Returns the sequence number of the merged row.
   */
  compactDoc(docName: string, merged: Uint8Array, upToSeq: number): number;
  /** Deletes a document's whole log (an erased person's profile); returns the number of rows removed. */
  deleteDocLog(docName: string): number;

  /**
   * Runs `work` in one transaction spanning every store of the database (the other stores' own transactions nest in
   * it as savepoints): everything it writes lands, or nothing does. `work` must be synchronous.
   */
  transaction<T>(work: () => T): T;
  close(): void;
}
