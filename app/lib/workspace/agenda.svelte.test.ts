import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposeSession, type Mentorship, type User } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { AgendaState } from './agenda.svelte';

const me: User = { id: 'mentee-1', name: 'Jonas', email: 'jonas@example.org', role: 'mentee' };

function mentorshipWith(id: string, mentorId: string, menteeId: string): Mentorship {
  return {
    id,
    programmeId: 'prog',
    programmeName: 'Pilot',
    mentor: { id: mentorId, name: `Mentor ${id}`, email: `${mentorId}@example.org` },
    mentee: { id: menteeId, name: 'Jonas', email: 'jonas@example.org' },
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    docName: `mentorship:${id}`
  };
}

/** A document as `openDoc` gives it, loaded (or failing to load) from IndexedDB when `ready` settles. */
function handleOf(docName: string, doc: Y.Doc, ready: Promise<void> = Promise.resolve()): DocHandle {
  return { docName, doc, ready, provider: null!, sync: null!, formatSupported: () => true };
}

/** A promise settled by hand, for a document that loads later. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An hour-aligned instant `days` from now. */
function inDays(days: number): string {
  const at = new Date(Date.now() + days * 24 * 3600_000);
  at.setUTCMinutes(0, 0, 0);
  return at.toISOString();
}

function propose(doc: Y.Doc, mentorship: Mentorship, title: string, slot: string): void {
  const pair = { mentorId: mentorship.mentor.id, menteeId: mentorship.mentee.id };
  proposeSession(doc, pair, pair.mentorId, { title, slots: [slot], durationMinutes: 60, timeZone: 'UTC' });
}

describe('AgendaState', () => {
  it("lists the upcoming sessions of the user's pairs by start, once every document was read, and follows changes", async () => {
    const first = mentorshipWith('a', 'mentor-a', me.id);
    const second = mentorshipWith('b', 'mentor-b', me.id);
    const someoneElses = mentorshipWith('c', 'mentor-c', 'mentee-9');
    const docs = new Map([first, second, someoneElses].map((m) => [m.docName, new Y.Doc()]));
    const docOf = (m: Mentorship) => docs.get(m.docName)!;
    propose(docOf(first), first, 'Later', inDays(5));
    propose(docOf(someoneElses), someoneElses, 'Not mine', inDays(1));
    const secondLoaded = deferred();
    const opened: string[] = [];
    const state = new AgendaState([first, second, someoneElses], me, (name) => {
      opened.push(name);
      return handleOf(name, docs.get(name)!, name === second.docName ? secondLoaded.promise : undefined);
    });
    expect(opened).toEqual([first.docName, second.docName]);

    await settle();
    // The second pair's document is still being read: the agenda does not show a partial list as complete.
    expect(state.loading).toBe(true);
    secondLoaded.resolve();
    await settle();
    expect(state.loading).toBe(false);
    expect(state.error).toBeNull();
    expect(state.entries.map((entry) => entry.session.offer.title)).toEqual(['Later']);

    propose(docOf(second), second, 'Sooner', inDays(2));
    expect(state.entries.map((entry) => [entry.mentorship.id, entry.session.offer.title])).toEqual([
      ['b', 'Sooner'],
      ['a', 'Later']
    ]);

    state.dispose();
    propose(docOf(first), first, 'After leaving', inDays(1));
    expect(state.entries).toHaveLength(2);
  });

  it("shows a pair whose document cannot be read as an error in words, and still lists the others' sessions", async () => {
    const readable = mentorshipWith('a', 'mentor-a', me.id);
    const broken = mentorshipWith('b', 'mentor-b', me.id);
    const doc = new Y.Doc();
    propose(doc, readable, 'Kick-off', inDays(3));
    const failure = Object.assign(new Error('open failed'), { name: 'OpenFailedError' });
    const state = new AgendaState([readable, broken], me, (name) =>
      name === broken.docName ? handleOf(name, new Y.Doc(), Promise.reject(failure)) : handleOf(name, doc)
    );
    await settle();
    expect(state.loading).toBe(false);
    expect(state.error).toMatch(/storage/);
    expect(state.entries.map((entry) => entry.session.offer.title)).toEqual(['Kick-off']);
    state.dispose();
  });
});
