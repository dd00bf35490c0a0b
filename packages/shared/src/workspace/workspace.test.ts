import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, docFormatVersion, listNotes, migrateMentorshipDoc } from '../notes-doc.ts';
import { SYNC_FORMAT_VERSION } from '../version.ts';
import {
  addGoal,
  addReflection,
  commentOnReflection,
  listGoals,
  listReflections,
  setStepDone,
  updateGoal
} from './goals.ts';
import { listMessages, markMessagesRead, sendMessage, unreadCount } from './messages.ts';
import { addPin, listPins, pinnedFileIds, removePin, restorePin } from './pins.ts';
import { summariseProgress } from './progress.ts';
import { acceptSession, proposeSession } from './sessions.ts';
import { WorkspaceError } from './shape.ts';
import { MENTRA_STEP_IDS } from './framework.ts';

const pair = { mentorId: 'mentor', menteeId: 'mentee' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** A document as a version-1 app wrote it: meta.formatVersion = 1 and a note. */
function versionOneDoc(): Y.Doc {
  const doc = new Y.Doc();
  createNote(doc, { title: 'First session', date: '2025-01-10', createdBy: 'mentor' });
  doc.getMap('meta').set('formatVersion', 1);
  return doc;
}

describe('migration 1 → 2', () => {
  it('upgrades a version-1 document, keeps its notes and is idempotent', () => {
    const doc = versionOneDoc();
    expect(SYNC_FORMAT_VERSION).toBe(2);
    expect(migrateMentorshipDoc(doc)).toBe(true);
    expect(docFormatVersion(doc)).toBe(2);
    const before = Y.encodeStateVector(doc);
    expect(migrateMentorshipDoc(doc)).toBe(true);
    expect(Y.encodeStateVector(doc)).toEqual(before); // a second run changes nothing
    expect(listNotes(doc).map((n) => n.title)).toEqual(['First session']);
  });

  it('two offline devices migrate and write concurrently, then merge without losing anything', () => {
    const server = versionOneDoc();
    const mentorDoc = new Y.Doc();
    const menteeDoc = new Y.Doc();
    sync(server, mentorDoc);
    sync(server, menteeDoc);
    migrateMentorshipDoc(mentorDoc);
    migrateMentorshipDoc(menteeDoc);
    sendMessage(mentorDoc, { author: 'mentor', text: 'Hello from the train' });
    proposeSession(mentorDoc, pair, 'mentor', {
      slots: ['2025-05-01T10:00:00Z'],
      durationMinutes: 60,
      timeZone: 'Europe/Rome'
    });
    sendMessage(menteeDoc, { author: 'mentee', text: 'Hello from the studio' });
    addGoal(menteeDoc, { title: 'Finish the portfolio', createdBy: 'mentee' });
    setStepDone(menteeDoc, 'brl-first-session', true, 'mentee');
    sync(mentorDoc, menteeDoc);
    sync(mentorDoc, server);
    for (const doc of [mentorDoc, menteeDoc, server]) {
      expect(docFormatVersion(doc)).toBe(2);
      expect(listMessages(doc)).toHaveLength(2);
      expect(listGoals(doc)).toHaveLength(1);
      expect(listNotes(doc)).toHaveLength(1);
      expect(summariseProgress(doc, pair).stepsDone).toBe(1);
    }
    expect(listMessages(mentorDoc)).toEqual(listMessages(menteeDoc));
  });

  it('refuses a document from a newer app', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('formatVersion', SYNC_FORMAT_VERSION + 1);
    expect(migrateMentorshipDoc(doc)).toBe(false);
  });
});

describe('messages', () => {
  it('keeps one stable order across offline devices and counts unread per user', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    sendMessage(a, { author: 'mentor', text: 'one' });
    sync(a, b);
    markMessagesRead(b, 'mentee');
    expect(unreadCount(b, 'mentee')).toBe(0);
    // Offline on both sides.
    sendMessage(a, { author: 'mentor', text: 'two' });
    sendMessage(a, { author: 'mentor', text: 'three' });
    sendMessage(b, { author: 'mentee', text: 'reply' });
    markMessagesRead(b, 'mentee');
    sync(b, a);
    const order = listMessages(a).map((m) => m.text);
    expect(listMessages(b).map((m) => m.text)).toEqual(order);
    expect(order.filter((t) => t !== 'reply')).toEqual(['one', 'two', 'three']); // each device's own order is kept
    expect(unreadCount(b, 'mentee')).toBe(2); // 'two' and 'three' arrived after the mentee's marker
    expect(unreadCount(a, 'mentor')).toBe(1);
    markMessagesRead(a, 'mentor');
    expect(unreadCount(a, 'mentor')).toBe(0);
  });

  it('does not add a message twice when an outbox retries with the same id, and refuses empty text', () => {
    const doc = new Y.Doc();
    const id = sendMessage(doc, { author: 'mentee', text: '**hi**' });
    sendMessage(doc, { author: 'mentee', text: '**hi**', id });
    expect(listMessages(doc)).toHaveLength(1);
    expect(() => sendMessage(doc, { author: 'mentee', text: '   ' })).toThrow(WorkspaceError);
  });
});

describe('goals, reflections and pins', () => {
  it('tracks goal status changes and refuses bad input', () => {
    const doc = new Y.Doc();
    const id = addGoal(doc, { title: ' Apply for a residency ', targetDate: '2025-09-01', createdBy: 'mentee' });
    updateGoal(doc, id, { status: 'done' }, new Date('2025-06-01T00:00:00Z'));
    expect(listGoals(doc)[0]).toMatchObject({
      title: 'Apply for a residency',
      status: 'done',
      statusChangedAt: '2025-06-01T00:00:00.000Z'
    });
    expect(() => addGoal(doc, { title: 'x', targetDate: '2025-13-45', createdBy: 'mentee' })).toThrow(/targetDate/);
    expect(() => setStepDone(doc, 'no-such-step', true, 'mentor')).toThrow(/Unknown step/);
  });

  it('lets the mentee reflect and the mentor comment, not the other way round', () => {
    const doc = new Y.Doc();
    const id = addReflection(doc, pair, { author: 'mentee', text: 'I learned to say no.' });
    commentOnReflection(doc, pair, id, { author: 'mentor', text: 'Well done' });
    expect(listReflections(doc)[0]!.comments.map((c) => c.text)).toEqual(['Well done']);
    expect(() => addReflection(doc, pair, { author: 'mentor', text: 'x' })).toThrow(WorkspaceError);
    expect(() => commentOnReflection(doc, pair, id, { author: 'mentee', text: 'x' })).toThrow(WorkspaceError);
  });

  it('pins resources, links and files; removing works offline and can be undone', () => {
    const doc = new Y.Doc();
    addPin(
      doc,
      { kind: 'resource', resourceId: 'feedback-guide' },
      { pinnedBy: 'mentor', comment: 'Read before Tuesday' }
    );
    addPin(doc, { kind: 'link', url: 'https://example.org/open-call' }, { pinnedBy: 'mentee' });
    const fileId = addPin(
      doc,
      { kind: 'file', file: { fileId: 'abc123', name: 'cv.pdf', mediaType: 'application/pdf', size: 10 } },
      { pinnedBy: 'mentee' }
    );
    expect(() => addPin(doc, { kind: 'link', url: 'javascript:alert(1)' }, { pinnedBy: 'mentee' })).toThrow(/http/);
    expect(pinnedFileIds(doc)).toEqual(['abc123']);
    removePin(doc, fileId, 'mentor');
    expect(listPins(doc)).toHaveLength(2);
    expect(pinnedFileIds(doc)).toEqual([]);
    restorePin(doc, fileId);
    expect(listPins(doc)).toHaveLength(3);
  });
});

describe('summariseProgress', () => {
  it('computes phase, steps, goals by status, sessions held, last activity and weekly history', () => {
    const doc = new Y.Doc();
    const week1 = new Date('2025-03-03T09:00:00Z');
    for (const step of MENTRA_STEP_IDS.slice(0, 5)) setStepDone(doc, step, true, 'mentor', week1); // all of phase 1
    setStepDone(doc, 'sg-choose-goals', true, 'mentee', new Date('2025-03-12T09:00:00Z'));
    const g1 = addGoal(doc, { title: 'secret goal text', createdBy: 'mentee' }, week1);
    addGoal(doc, { title: 'another', createdBy: 'mentee' }, week1);
    updateGoal(doc, g1, { status: 'done' }, new Date('2025-03-13T09:00:00Z'));
    const s = proposeSession(
      doc,
      pair,
      'mentor',
      { slots: ['2025-03-05T10:00:00Z'], durationMinutes: 60, timeZone: 'Europe/Rome' },
      week1
    );
    acceptSession(doc, pair, s, 'mentee', '2025-03-05T10:00:00Z', week1);
    proposeSession(
      doc,
      pair,
      'mentor',
      { slots: ['2025-04-05T10:00:00Z'], durationMinutes: 60, timeZone: 'Europe/Rome' },
      week1
    );
    sendMessage(doc, { author: 'mentee', text: 'secret message' }, new Date('2025-03-14T09:00:00Z'));

    const summary = summariseProgress(doc, pair, new Date('2025-03-20T12:00:00Z'));
    expect(summary.phase).toMatchObject({ id: 'setting-goals', index: 1, stepsDone: 1, stepsTotal: 4 });
    expect(summary).toMatchObject({
      stepsDone: 6,
      stepsTotal: MENTRA_STEP_IDS.length,
      goalsByStatus: { 'not-started': 1, 'in-progress': 0, done: 1, dropped: 0 },
      goalsTotal: 2,
      sessionsHeld: 1,
      sessionsUpcoming: 0,
      lastActivity: '2025-03-14T09:00:00.000Z'
    });
    expect(summary.history).toEqual([
      { week: '2025-03-03', stepsDone: 5, goalsDone: 0, sessionsHeld: 1 },
      { week: '2025-03-10', stepsDone: 6, goalsDone: 1, sessionsHeld: 1 },
      { week: '2025-03-17', stepsDone: 6, goalsDone: 1, sessionsHeld: 1 }
    ]);
    expect(JSON.stringify(summary)).not.toMatch(/secret/);
  });

  it('summarises an empty document', () => {
    const summary = summariseProgress(new Y.Doc(), pair);
    expect(summary).toMatchObject({
      phase: { id: 'building-the-relationship' },
      stepsDone: 0,
      sessionsHeld: 0,
      lastActivity: null,
      history: []
    });
  });
});
