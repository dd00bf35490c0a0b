import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, type Mentorship } from '@mop/shared';
import { db } from './storage.service';
import { rememberOwnPairs } from './pair-summaries.service';
import { followPairSummary } from './pair-summary-refresh';

const pair: Mentorship = {
  id: 'refresh-pair',
  programmeId: 'prog',
  programmeName: 'Pilot',
  mentor: { id: 'refresh-mentor', name: 'Marta', email: 'marta@example.org' },
  mentee: { id: 'refresh-mentee', name: 'Jonas', email: 'jonas@example.org' },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  docName: 'mentorship:refresh-pair'
};

const kept = async () => (await db().pairSummaries.get(`refresh-mentor:${pair.id}`))?.summary ?? null;

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the summary');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('followPairSummary', () => {
  it('rewrites the kept summary after an edit on an open document, not after loading the stored copy', async () => {
    rememberOwnPairs('refresh-mentor', [pair]);
    const doc = new Y.Doc();
    const stored = Symbol('indexeddb');
    const stop = followPairSummary(pair.docName, doc, stored);

    // The copy loaded from IndexedDB may be older than the server's summary: it changes nothing.
    const old = new Y.Doc();
    createNote(old, { title: 'From the stored copy', date: '2026-02-01', createdBy: pair.mentor.id });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(old), stored);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kept()).toBeNull();

    // An edit here (offline too) is on the home at once.
    createNote(doc, { title: 'Written offline', date: '2026-02-02', createdBy: pair.mentor.id });
    await until(async () => (await kept()) !== null);
    expect((await kept())!.latestNotes.map((note) => note.title).sort()).toEqual([
      'From the stored copy',
      'Written offline'
    ]);

    // Closing the document writes a change still waiting.
    createNote(doc, { title: 'Just before closing', date: '2026-02-03', createdBy: pair.mentor.id });
    stop();
    await until(async () => (await kept())!.latestNotes.some((note) => note.title === 'Just before closing'));
  });
});
