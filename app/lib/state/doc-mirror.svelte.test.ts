import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGoal, createNote, noteBody, proposeSession, sendMessage, type PairMembers } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { WorkspaceState } from '$lib/workspace/workspace.svelte';
import { followProjections } from './doc-mirror.svelte';
import { NotesListState } from './notes.svelte';

const pair: PairMembers = { mentorId: 'mentor-1', menteeId: 'mentee-1' };

/** A document as `openDoc` gives it, already loaded (or failing to load) from IndexedDB. */
function handleOf(doc: Y.Doc, ready: Promise<void> = Promise.resolve()): DocHandle {
  return { docName: 'mentorship:test', doc, ready, provider: null!, sync: null!, formatSupported: () => true };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('followProjections', () => {
  it('refreshes only the projections whose top-level types changed, once per transaction', () => {
    const doc = new Y.Doc();
    const runs = { a: 0, b: 0, both: 0 };
    const a = doc.getMap('a');
    const b = doc.getArray('b');
    const stop = followProjections(doc, [
      { sources: () => [a], refresh: () => runs.a++ },
      { sources: () => [b], refresh: () => runs.b++ },
      { sources: () => [a, b], refresh: () => runs.both++ }
    ]);
    expect(runs).toEqual({ a: 1, b: 1, both: 1 });
    a.set('x', 1);
    expect(runs).toEqual({ a: 2, b: 1, both: 2 });
    doc.transact(() => {
      a.set('y', 2);
      b.push([1]);
    });
    expect(runs).toEqual({ a: 3, b: 2, both: 3 });
    // A nested change counts for its top-level type.
    const nested = new Y.Map<unknown>();
    a.set('nested', nested);
    nested.set('deep', true);
    expect(runs).toEqual({ a: 5, b: 2, both: 5 });
    doc.getMap('unrelated').set('z', 1);
    expect(runs).toEqual({ a: 5, b: 2, both: 5 });
    stop();
    a.set('after', 1);
    expect(runs.a).toBe(5);
  });
});

describe('WorkspaceState', () => {
  it('mirrors the document once loaded and recomputes only what a change touched', async () => {
    const doc = new Y.Doc();
    addGoal(doc, { title: 'Finish the portfolio', createdBy: pair.menteeId });
    const ws = new WorkspaceState(handleOf(doc), pair, pair.menteeId);
    expect(ws.status).toBe('loading');
    await settle();
    expect(ws.status).toBe('ready');
    expect(ws.goals.map((goal) => goal.title)).toEqual(['Finish the portfolio']);

    const { upcoming, goals, pins } = ws;
    const progressBefore = ws.progress;
    sendMessage(doc, { author: pair.mentorId, text: 'Hello' });
    expect(ws.messages.map((message) => message.text)).toEqual(['Hello']);
    expect(ws.unread).toBe(1);
    // The sessions, goals and pins were not read again: the same arrays are still there.
    expect(ws.upcoming).toBe(upcoming);
    expect(ws.goals).toBe(goals);
    expect(ws.pins).toBe(pins);
    expect(ws.progress).not.toBe(progressBefore);

    const inAWeek = new Date(Date.now() + 7 * 24 * 3600_000);
    inAWeek.setUTCMinutes(0, 0, 0);
    const offer = { slots: [inAWeek.toISOString()], durationMinutes: 60, timeZone: 'Europe/Rome', place: 'Studio' };
    proposeSession(doc, pair, pair.mentorId, offer);
    expect(ws.upcoming).toHaveLength(1);
    expect(ws.goals).toBe(goals);
    ws.dispose();
    sendMessage(doc, { author: pair.mentorId, text: 'After' });
    expect(ws.messages).toHaveLength(1);
  });

  it('shows a failed load as an error in words', async () => {
    const failure = Object.assign(new Error('open failed'), { name: 'OpenFailedError' });
    const ws = new WorkspaceState(handleOf(new Y.Doc(), Promise.reject(failure)), pair, pair.mentorId);
    await settle();
    expect(ws.status).toBe('error');
    expect(ws.error).toMatch(/storage/);
  });
});

describe('NotesListState', () => {
  it('follows notes created after loading, and stops when disposed', async () => {
    const doc = new Y.Doc();
    const notes = new NotesListState(handleOf(doc));
    await settle();
    expect(notes.notes).toEqual([]);
    createNote(doc, { title: 'First session', date: '2026-01-10', createdBy: pair.mentorId });
    expect(notes.notes.map((note) => note.title)).toEqual(['First session']);
    notes.dispose();
    createNote(doc, { title: 'Second', date: '2026-01-11', createdBy: pair.mentorId });
    expect(notes.notes).toHaveLength(1);
  });

  it('previews each note by its first line of text, shortened, and follows typing', async () => {
    const doc = new Y.Doc();
    const notes = new NotesListState(handleOf(doc));
    await settle();
    const id = createNote(doc, { title: 'Session', date: '2026-01-10', createdBy: pair.mentorId });
    expect(notes.previews[id]).toBe('');
    const paragraph = new Y.XmlElement('paragraph');
    noteBody(doc, id)!.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('Talked about the grant.')]);
    expect(notes.previews[id]).toBe('Talked about the grant.');
    const long = new Y.XmlElement('paragraph');
    noteBody(doc, id)!.insert(0, [long]);
    long.insert(0, [new Y.XmlText('x'.repeat(300))]);
    expect(notes.previews[id]).toHaveLength(140);
    expect(notes.previews[id]!.endsWith('…')).toBe(true);
    notes.dispose();
  });
});
