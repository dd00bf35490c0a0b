import * as Y from 'yjs';
import { WorkspaceError } from './workspace-error.ts';

/**
 * The pair's workspace inside the mentorship document (`mentorship:<id>`), added by format version 2 beside the
 * session notes of version 1 (see `notes-doc.ts`).
 *
 * ```
 * Y.Doc
 * ├─ meta: Y.Map                      formatVersion: 2
 * ├─ notes: Y.Map<id, Y.Map>          session notes (unchanged, see notes-doc.ts)
 * ├─ availability: Y.Map<userId, {timeZone, slots: {day, start, end}[], updatedAt}>  plain JSON, written by that user
 * ├─ sessions: Y.Map<sessionId, Y.Map>
 * │    ├─ id, createdBy, createdAt, noteId (string | null)
 * │    └─ events: Y.Array<SessionEvent>  append-only: propose/accept/decline/counter/reschedule/cancel
 * ├─ steps: Y.Map<stepId, {done, by, at}>           MENTRA steps ticked (ids in framework.ts)
 * ├─ goals: Y.Map<goalId, Y.Map>      id, title, targetDate (YYYY-MM-DD | null), status, createdBy, createdAt,
 * │                                    updatedAt, statusChangedAt
 * ├─ reflections: Y.Map<id, Y.Map>    id, sessionId | null, author, text, createdAt, updatedAt, deletedAt
 * │    └─ comments: Y.Array<{id, author, text, createdAt}>   the mentor's comments
 * ├─ pins: Y.Map<pinId, Y.Map>        id, kind (resource | link | file), resourceId | url | file {fileId, name,
 * │                                    mediaType, size}, title, comment, pinnedBy, pinnedAt, removedAt, removedBy
 * ├─ messages: Y.Array<{id, author, text, createdAt}>   Markdown text, appended in order
 * └─ lastRead: Y.Map<userId, {count, messageId, at}>     per-user read marker (count of others' messages seen)
 * ```
 *
 * Every container is a top-level type or a nested type created together with a record that has a fresh random id,
 * so two devices never create the same nested type concurrently (which Yjs would resolve by dropping one of them).
 * Top-level types are created lazily by name and Yjs merges them, so migrating a version-1 document needs no
 * structural change: see `migrateMentorshipDoc`.
 */
export const WORKSPACE_KEYS = {
  availability: 'availability',
  sessions: 'sessions',
  steps: 'steps',
  goals: 'goals',
  reflections: 'reflections',
  pins: 'pins',
  messages: 'messages',
  lastRead: 'lastRead'
} as const;

/** A record kept in a nested Y.Map. */
export type RecordMap = Y.Map<unknown>;

/** A fresh random record id: 16 lower-case letters and digits (valid as a `isValidId` id). */
export function newRecordId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

/** A string field of a record, or the fallback. */
export function str(map: RecordMap, key: string, fallback = ''): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
}

/** A nullable string field of a record. */
export function strOrNull(map: RecordMap, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

/** The nested record of a top-level map, or a clear error. */
export function recordOf(parent: Y.Map<RecordMap>, id: string, what: string): RecordMap {
  const map = parent.get(id);
  if (!(map instanceof Y.Map)) throw new WorkspaceError('not_found', `No ${what} ${id}`);
  return map;
}

/** Sets every key of `fields` on a new Y.Map and returns it (call inside a transaction). */
export function newRecord(fields: Record<string, unknown>): RecordMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

// In a file of its own, which does not import Yjs: the app's error messages need the class, not the documents.
export { WorkspaceError };

/** Trims a text field and checks its length; throws `invalid_input` naming the field. */
export function checkText(field: string, value: string, max: number, { allowEmpty = false } = {}): string {
  if (typeof value !== 'string') throw new WorkspaceError('invalid_input', `${field} must be text`);
  const trimmed = value.trim();
  if (!allowEmpty && trimmed === '') throw new WorkspaceError('invalid_input', `${field} is required`);
  if (trimmed.length > max) throw new WorkspaceError('invalid_input', `${field} is at most ${max} characters`);
  return trimmed;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a `YYYY-MM-DD` date. */
export function checkDate(field: string, value: string): string {
  if (!DATE_ONLY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new WorkspaceError('invalid_input', `${field} must be a date (YYYY-MM-DD)`);
  }
  return value;
}
