import * as Y from 'yjs';
import { SYNC_FORMAT_VERSION } from './version.ts';

/**
 * The shape of a mentorship document (`mentorship:<id>`), the pair's private workspace.
 *
 * ```
 * Y.Doc
 * ├─ meta: Y.Map            formatVersion: number
 * ├─ notes: Y.Map<id, Y.Map> one entry per session note
 *      ├─ id, title, date (YYYY-MM-DD), createdBy (user id), createdAt, updatedAt (ISO), deletedAt (ISO | null)
 *      └─ body: Y.XmlFragment  the rich text, edited by TipTap's Collaboration extension
 * └─ …                      the workspace (format 2): see `workspace/shape.ts`
 * ```
 *
 * Notes are never removed from the map: "delete" sets `deletedAt`, so an edit made offline by the other member
 * while the note was being deleted is kept and the note can be restored.
 */
export const META_KEY = 'meta';
export const NOTES_KEY = 'notes';

export interface NoteMeta {
  id: string;
  title: string;
  date: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

type NoteMap = Y.Map<unknown>;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_NOTE_TITLE = 200;

export function notesMap(doc: Y.Doc): Y.Map<NoteMap> {
  return doc.getMap<NoteMap>(NOTES_KEY);
}

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/** The format version a document was written with (0 for a document that has never been written). */
export function docFormatVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('formatVersion');
  return typeof v === 'number' ? v : 0;
}

/**
 * Brings a mentorship document up to `SYNC_FORMAT_VERSION`. Each future format step goes here, guarded by the
 * version it upgrades from, and must be idempotent because two offline clients may run it concurrently.
 * Returns false when the document was written by a newer app than this one (the caller should ask to update).
 */
export function migrateMentorshipDoc(doc: Y.Doc): boolean {
  const current = docFormatVersion(doc);
  if (current > SYNC_FORMAT_VERSION) return false;
  if (current < SYNC_FORMAT_VERSION) {
    doc.transact(() => {
      // 1 → 2 (the workspace): nothing to convert. Its containers are top-level types, created lazily by name, which
      // Yjs merges when two offline devices both "create" them; nested ones only come with new random-id records.
      // So two devices migrating concurrently write the same value here and merge cleanly.
      metaMap(doc).set('formatVersion', SYNC_FORMAT_VERSION);
    });
  }
  return true;
}

function readNote(map: NoteMap): NoteMeta | null {
  const id = map.get('id');
  if (typeof id !== 'string') return null;
  const str = (key: string, fallback = '') => {
    const value = map.get(key);
    return typeof value === 'string' ? value : fallback;
  };
  const deletedAt = map.get('deletedAt');
  return {
    id,
    title: str('title'),
    date: str('date'),
    createdBy: str('createdBy'),
    createdAt: str('createdAt'),
    updatedAt: str('updatedAt', str('createdAt')),
    deletedAt: typeof deletedAt === 'string' ? deletedAt : null
  };
}

/** All notes with their metadata, newest session date first (ties: newest created first). */
export function listNotes(doc: Y.Doc, options: { includeDeleted?: boolean } = {}): NoteMeta[] {
  const notes: NoteMeta[] = [];
  notesMap(doc).forEach((map) => {
    const note = map instanceof Y.Map ? readNote(map) : null;
    if (note && (options.includeDeleted || note.deletedAt === null)) notes.push(note);
  });
  return notes.sort(
    (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)
  );
}

export function getNote(doc: Y.Doc, id: string): NoteMeta | null {
  const map = notesMap(doc).get(id);
  return map instanceof Y.Map ? readNote(map) : null;
}

/** The rich-text body of a note, for TipTap's Collaboration extension (`fragment` option). */
export function noteBody(doc: Y.Doc, id: string): Y.XmlFragment | null {
  const map = notesMap(doc).get(id);
  const body = map instanceof Y.Map ? map.get('body') : null;
  return body instanceof Y.XmlFragment ? body : null;
}

function randomId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 16);
}

export interface NewNote {
  title: string;
  date: string;
  createdBy: string;
  now?: Date;
}

function validateTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length > MAX_NOTE_TITLE) throw new RangeError(`A title is at most ${MAX_NOTE_TITLE} characters`);
  return trimmed;
}

function validateDate(date: string): string {
  if (!DATE_PATTERN.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return date;
}

/** Creates a note and returns its id. Works the same offline: the change is a local Yjs transaction. */
export function createNote(doc: Y.Doc, note: NewNote): string {
  const id = randomId();
  const now = (note.now ?? new Date()).toISOString();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', id);
    map.set('title', validateTitle(note.title));
    map.set('date', validateDate(note.date));
    map.set('createdBy', note.createdBy);
    map.set('createdAt', now);
    map.set('updatedAt', now);
    map.set('deletedAt', null);
    map.set('body', new Y.XmlFragment());
    notesMap(doc).set(id, map);
  });
  return id;
}

function noteMap(doc: Y.Doc, id: string): NoteMap {
  const map = notesMap(doc).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`No note ${id}`);
  return map;
}

/** Changes a note's title and/or date. */
export function updateNoteMeta(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; date?: string },
  now = new Date()
): void {
  const map = noteMap(doc, id);
  const title = patch.title === undefined ? undefined : validateTitle(patch.title);
  const date = patch.date === undefined ? undefined : validateDate(patch.date);
  doc.transact(() => {
    if (title !== undefined && title !== map.get('title')) map.set('title', title);
    if (date !== undefined && date !== map.get('date')) map.set('date', date);
    map.set('updatedAt', now.toISOString());
  });
}

/** Records that a note's body changed (the body itself is edited through its XmlFragment). */
export function touchNote(doc: Y.Doc, id: string, now = new Date()): void {
  noteMap(doc, id).set('updatedAt', now.toISOString());
}

/** Moves a note to the bin; nothing is lost, `restoreNote` brings it back. */
export function deleteNote(doc: Y.Doc, id: string, now = new Date()): void {
  noteMap(doc, id).set('deletedAt', now.toISOString());
}

export function restoreNote(doc: Y.Doc, id: string): void {
  noteMap(doc, id).set('deletedAt', null);
}

/** Plain text of a note body (for previews and search). */
export function noteBodyText(doc: Y.Doc, id: string): string {
  const body = noteBody(doc, id);
  if (!body) return '';
  const parts: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      parts.push(node.toString().replace(/<[^>]*>/g, ''));
      return;
    }
    node.toArray().forEach((child) => {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) walk(child);
    });
    if (node instanceof Y.XmlElement) parts.push('\n');
  };
  walk(body);
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
