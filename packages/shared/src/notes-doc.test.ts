import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createNote,
  deleteNote,
  getNote,
  listNotes,
  migrateMentorshipDoc,
  noteBody,
  restoreNote,
  updateNoteMeta,
  docFormatVersion
} from './notes-doc.ts';
import { SYNC_FORMAT_VERSION } from './version.ts';
import { mentorshipDocName, parseDocName } from './doc-names.ts';

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('mentorship document', () => {
  it('creates, edits, soft-deletes and restores notes', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { title: ' First session ', date: '2026-11-20', createdBy: 'u1' });
    expect(getNote(doc, id)).toMatchObject({ title: 'First session', date: '2026-11-20', deletedAt: null });
    updateNoteMeta(doc, id, { title: 'Kick-off' });
    expect(getNote(doc, id)?.title).toBe('Kick-off');
    deleteNote(doc, id);
    expect(listNotes(doc)).toHaveLength(0);
    expect(listNotes(doc, { includeDeleted: true })).toHaveLength(1);
    restoreNote(doc, id);
    expect(listNotes(doc).map((n) => n.id)).toEqual([id]);
  });

  it('rejects bad dates and over-long titles', () => {
    const doc = new Y.Doc();
    expect(() => createNote(doc, { title: 'x', date: '2026-13-45', createdBy: 'u' })).toThrow(RangeError);
    expect(() => createNote(doc, { title: 'x'.repeat(201), date: '2026-01-01', createdBy: 'u' })).toThrow(RangeError);
    expect(listNotes(doc)).toHaveLength(0);
  });

  it('keeps an offline edit made while the other member deleted the note', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createNote(a, { title: 'Shared', date: '2026-11-01', createdBy: 'u1' });
    sync(a, b);
    deleteNote(a, id);
    const text = new Y.XmlText('typed offline');
    noteBody(b, id)?.insert(0, [text]);
    sync(a, b);
    expect(getNote(a, id)?.deletedAt).not.toBeNull();
    expect(noteBody(a, id)?.toString()).toContain('typed offline');
  });

  it('sorts newest session first and migrates the format version', () => {
    const doc = new Y.Doc();
    expect(docFormatVersion(doc)).toBe(0);
    expect(migrateMentorshipDoc(doc)).toBe(true);
    expect(docFormatVersion(doc)).toBe(SYNC_FORMAT_VERSION);
    createNote(doc, { title: 'old', date: '2026-01-01', createdBy: 'u' });
    createNote(doc, { title: 'new', date: '2026-06-01', createdBy: 'u' });
    expect(listNotes(doc).map((n) => n.title)).toEqual(['new', 'old']);
    doc.getMap('meta').set('formatVersion', SYNC_FORMAT_VERSION + 1);
    expect(migrateMentorshipDoc(doc)).toBe(false);
  });
});

describe('document names', () => {
  it('round-trips and refuses unknown kinds and bad ids', () => {
    expect(parseDocName(mentorshipDocName('m-1'))).toEqual({ kind: 'mentorship', id: 'm-1' });
    expect(parseDocName('secret:m-1')).toBeNull();
    expect(parseDocName('mentorship:../etc')).toBeNull();
    expect(parseDocName('mentorship:')).toBeNull();
    expect(parseDocName('mentorship')).toBeNull();
    expect(() => mentorshipDocName('BAD ID')).toThrow();
  });
});
