import {
  MAX_NOTE_TITLE,
  createNote,
  deleteNote,
  migrateMentorshipDoc,
  restoreNote,
  touchNote,
  updateNoteMeta,
  type User
} from '@mop/shared';
import type { DocHandle } from './docs.service';

/** Today's date in the user's time zone, as YYYY-MM-DD. */
export function todayIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Creates a session note dated today (a local Yjs change: it works offline) and returns its id. */
export function createSessionNote(handle: DocHandle, user: User, title: string, date = todayIsoDate()): string {
  if (!migrateMentorshipDoc(handle.doc)) throw new Error('This document was written by a newer version of MOP');
  return createNote(handle.doc, { title, date, createdBy: user.id });
}

/**
 * Why a title cannot be stored as typed, or null when it can. The stored title is trimmed, so surrounding spaces do
 * not count towards the limit. Checked before renaming so the page can keep the user's text and explain instead.
 */
export function noteTitleProblem(title: string): 'too_long' | null {
  return title.trim().length > MAX_NOTE_TITLE ? 'too_long' : null;
}

export function renameNote(handle: DocHandle, noteId: string, title: string): void {
  updateNoteMeta(handle.doc, noteId, { title });
}

export function redateNote(handle: DocHandle, noteId: string, date: string): void {
  updateNoteMeta(handle.doc, noteId, { date });
}

export function moveNoteToBin(handle: DocHandle, noteId: string): void {
  deleteNote(handle.doc, noteId);
}

export function restoreNoteFromBin(handle: DocHandle, noteId: string): void {
  restoreNote(handle.doc, noteId);
}

const lastTouched = new Map<string, number>();
/** Body edits bump the note's "last updated" at most every few seconds, to keep the document small. */
const TOUCH_INTERVAL_MS = 5_000;

export function recordBodyEdit(handle: DocHandle, noteId: string): void {
  const key = `${handle.docName}/${noteId}`;
  const now = Date.now();
  if (now - (lastTouched.get(key) ?? 0) < TOUCH_INTERVAL_MS) return;
  lastTouched.set(key, now);
  touchNote(handle.doc, noteId);
}
