import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { CLOSE_TOO_MANY_CLIENTS, MESSAGE_SYNC, SYNC_STEP_1, mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  login,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';
import { manyClientsUpdate, pendingDeleteUpdate, structAheadUpdate, updateFrame } from './crafted-updates.ts';
import { DEFAULT_MAX_CLIENTS_PER_DOC } from './room.ts';

const PAIR_1 = mentorshipDocName('demo-pair-1');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(dataDir?: string): Promise<TestServer> {
  const server = await startTestServer(dataDir ? { dataDir } : {});
  cleanups.push(() => server.close());
  return server;
}

function client(server: TestServer, cookie: string): TestClient {
  const c = connectClient(server, PAIR_1, cookie);
  cleanups.push(() => c.destroy());
  return c;
}

/** A raw socket that records every frame from the first one (the handshake can arrive with the upgrade answer). */
async function raw(server: TestServer, cookie: string): Promise<{ socket: WebSocket; received: Uint8Array[] }> {
  const socket = new WebSocket(`${server.wsUrl}/${PAIR_1}`, { headers: { cookie } });
  cleanups.push(() => socket.terminate());
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  return { socket, received };
}

const isStep1 = (frame: Uint8Array): boolean => {
  const decoder = decoding.createDecoder(frame);
  return decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP_1;
};

/** The document as stored: every row of its log applied to a fresh Y.Doc. */
function storedDoc(server: TestServer): Y.Doc {
  const doc = new Y.Doc();
  for (const row of server.store.loadDocUpdates(PAIR_1)) Y.applyUpdate(doc, row.data);
  return doc;
}

const storedBytes = (server: TestServer): number =>
  server.store.loadDocUpdates(PAIR_1).reduce((sum, row) => sum + row.data.byteLength, 0);

const hasPending = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

describe('updates that would leave something pending', () => {
  it('refuses a 300,000-range delete of a client that does not exist: the sender is told, nobody else sees it', async () => {
    const server = await start();
    const mentor = client(server, await login(server.url, 'mentor@example.org'));
    await waitSynced(mentor);
    mentor.text.insert(0, 'the pair’s notes');
    await waitFor(() => storedDoc(server).getText('t').toString() === 'the pair’s notes', 'the edit stored');
    const bytesBefore = storedBytes(server);
    let mentorUpdates = 0;
    mentor.doc.on('update', () => mentorUpdates++);

    const attacker = await raw(server, await login(server.url, 'mentee@example.org'));
    await waitFor(() => attacker.received.some(isStep1), 'the handshake');
    const handshake = attacker.received.length;
    const poison = pendingDeleteUpdate(0x7fff_fff0, 300_000);
    expect(poison.byteLength).toBeGreaterThan(1_000_000);
    attacker.socket.send(updateFrame(poison));
    // The answer to a refused update is our sync step 1: "here is what I have, send me what I lack".
    await waitFor(() => attacker.received.slice(handshake).some(isStep1), 'the refusal (a sync step 1)');

    // The honest client keeps working, and got nothing from the attacker.
    mentor.text.insert(mentor.text.length, ' — still fine');
    await waitFor(() => storedDoc(server).getText('t').toString().endsWith('still fine'), 'the next edit stored');
    expect(mentorUpdates).toBe(1); // its own edit only
    expect(mentor.provider.wsconnected).toBe(true);
    // Nothing of the poison is stored, or kept pending in the live document.
    const stored = storedDoc(server);
    expect(hasPending(stored)).toBe(false);
    expect(storedBytes(server) - bytesBefore).toBeLessThan(1000);

    // A new client (the room is still open: the attacker is connected) gets exactly the honest document, with
    // nothing pending, as small as before.
    mentor.destroy();
    const reader = client(server, await login(server.url, 'mentor@example.org'));
    await waitSynced(reader);
    expect(reader.text.toString()).toBe('the pair’s notes — still fine');
    expect(hasPending(reader.doc)).toBe(false);
    expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThan(500);
    expect(server.logger.errors).toEqual([]);
  });

  it('refuses an update whose structs are ahead of the document, and accepts it once its predecessor came', async () => {
    const server = await start();
    const mentor = client(server, await login(server.url, 'mentor@example.org'));
    await waitSynced(mentor);
    const attacker = await raw(server, await login(server.url, 'mentee@example.org'));
    await waitFor(() => attacker.received.some(isStep1), 'the handshake');
    const { update, doc } = structAheadUpdate();
    const handshake = attacker.received.length;
    attacker.socket.send(updateFrame(update));
    await waitFor(() => attacker.received.slice(handshake).some(isStep1), 'the refusal (a sync step 1)');
    mentor.text.insert(0, 'mentor. ');
    await waitFor(() => storedDoc(server).getText('t').toString() === 'mentor. ', 'the mentor’s edit stored');
    expect(hasPending(storedDoc(server))).toBe(false);
    expect(mentor.text.toString()).toBe('mentor. ');

    // Sending the whole state (what a stock client answers to the step 1) is complete, so it goes through.
    attacker.socket.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => mentor.text.toString().includes('second edit, sent alone.'), 'the complete update relayed');
    expect(mentor.text.toString()).toContain('first edit, never sent.');
    expect(hasPending(storedDoc(server))).toBe(false);
  });

  it('lets a stock client that raced (an edit built on one not yet at the server) recover through the step 1', async () => {
    const server = await start();
    const cookie = await login(server.url, 'mentor@example.org');
    const a = client(server, cookie);
    const b = client(server, await login(server.url, 'mentee@example.org'));
    await Promise.all([waitSynced(a), waitSynced(b)]);
    // Another tab's edit reaches b directly (as over BroadcastChannel) and never reaches the server itself.
    const tab = new Y.Doc();
    tab.getText('t').insert(0, 'from the other tab. ');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(tab), 'broadcast-channel');
    // b's own edit now depends on the tab's items; the server refuses it and asks b for what it lacks.
    b.text.insert(b.text.length, 'b builds on it.');
    await waitFor(() => a.text.toString() === 'from the other tab. b builds on it.', 'both edits at a');
    expect(hasPending(storedDoc(server))).toBe(false);
    expect(b.provider.wsconnected).toBe(true);
  });

  it('drops what an old log kept pending when it loads it, and stores the document without it', async () => {
    const server = await start();
    const honest = new Y.Doc();
    honest.getText('t').insert(0, 'written before the rule');
    server.store.appendDocUpdate(PAIR_1, Y.encodeStateAsUpdate(honest));
    server.store.appendDocUpdate(PAIR_1, pendingDeleteUpdate(31337, 50_000));
    server.store.appendDocUpdate(PAIR_1, structAheadUpdate().update);
    expect(hasPending(storedDoc(server))).toBe(true);

    const reader = client(server, await login(server.url, 'mentor@example.org'));
    await waitSynced(reader);
    expect(reader.text.toString()).toBe('written before the rule');
    expect(hasPending(reader.doc)).toBe(false);
    expect(hasPending(storedDoc(server))).toBe(false);
    expect(server.store.loadDocUpdates(PAIR_1)).toHaveLength(1);
    expect(server.logger.warnings.map(([m]) => m)).toContain(
      `sync: ${PAIR_1} was stored with pending structs or deletions; they are dropped`
    );
  });

  it(`caps a document at ${DEFAULT_MAX_CLIENTS_PER_DOC} client IDs, closing the sender with ${CLOSE_TOO_MANY_CLIENTS}`, async () => {
    const server = await start();
    const mentor = client(server, await login(server.url, 'mentor@example.org'));
    await waitSynced(mentor);
    const attacker = await raw(server, await login(server.url, 'mentee@example.org'));
    const closed = new Promise<number>((resolve) => attacker.socket.on('close', (code) => resolve(code)));
    attacker.socket.send(updateFrame(manyClientsUpdate(1_000_000, DEFAULT_MAX_CLIENTS_PER_DOC + 1)));
    expect(await closed).toBe(CLOSE_TOO_MANY_CLIENTS);
    mentor.text.insert(0, 'unaffected');
    await waitFor(() => storedDoc(server).getText('t').toString() === 'unaffected', 'the honest edit stored');
    expect(storedDoc(server).store.clients.size).toBe(1);
  });
});
