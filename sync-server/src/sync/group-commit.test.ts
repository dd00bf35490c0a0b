import { afterEach, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  cookieWebSocket,
  login,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';
import { docJournalPath, type MopStore } from '../storage/index.ts';
import { JOURNAL_HEADER_BYTES } from '../storage/doc-journal.ts';
import { CLOSE_NOT_STORED } from './room.ts';

const PAIR_1 = mentorshipDocName('demo-pair-1');
const here = path.dirname(fileURLToPath(import.meta.url));

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

/** Counts the store's group-commit transactions (one call = one transaction) and the updates they append. */
function countCommits(store: MopStore): { transactions: number; updates: number; fail: boolean } {
  const counter = { transactions: 0, updates: 0, fail: false };
  const original = store.appendDocUpdates.bind(store);
  store.appendDocUpdates = (updates) => {
    if (counter.fail) throw new Error('disk full (injected by the test)');
    const seqs = original(updates);
    counter.transactions += 1;
    counter.updates += updates.length;
    return seqs;
  };
  return counter;
}

function storedDoc(server: TestServer): Y.Doc {
  const doc = new Y.Doc();
  for (const row of server.store.loadDocUpdates(PAIR_1)) Y.applyUpdate(doc, row.data);
  return doc;
}

describe('group commit', () => {
  it('stores a burst from several clients in fewer transactions than updates', async () => {
    const server = await start();
    const counter = countCommits(server.store);
    const writers = [
      client(server, await login(server.url, 'mentor@example.org')),
      client(server, await login(server.url, 'mentee@example.org')),
      client(server, await login(server.url, 'mentor@example.org'))
    ];
    await Promise.all(writers.map((w) => waitSynced(w)));
    const perWriter = 100;
    for (let i = 0; i < perWriter; i++) {
      // Each insert is its own transaction, hence its own WebSocket message and its own stored update.
      for (const [w, writer] of writers.entries()) writer.text.insert(0, String(w));
    }
    const total = writers.length * perWriter;
    await waitFor(() => writers.every((w) => w.text.length === total), 'every client to have every edit');
    await waitFor(() => counter.updates === total, 'every update stored');
    expect(counter.transactions).toBeGreaterThan(0);
    expect(counter.transactions).toBeLessThan(counter.updates);
    expect(storedDoc(server).getText('t').length).toBe(total);
  });

  it('shows no peer an update it could not store, and stores it when the client resends it', async () => {
    const server = await start();
    const counter = countCommits(server.store);
    const writer = client(server, await login(server.url, 'mentor@example.org'));
    const peer = client(server, await login(server.url, 'mentee@example.org'));
    await Promise.all([waitSynced(writer), waitSynced(peer)]);
    const closeCodes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => closeCodes.push(event?.code ?? 0));

    counter.fail = true;
    writer.text.insert(0, 'not stored yet');
    await waitFor(() => closeCodes.includes(CLOSE_NOT_STORED), 'the writer to be closed with 1011');
    expect(peer.text.toString()).toBe('');
    expect(server.logger.errors).toHaveLength(1);

    counter.fail = false;
    await waitFor(() => peer.text.toString() === 'not stored yet', 'the resent update to reach the peer');
    expect(storedDoc(server).getText('t').toString()).toBe('not stored yet');
  });

  it('kill -9 under write load never loses an update a peer has seen', async () => {
    const setup = await start();
    const writerCookie = await login(setup.url, 'mentor@example.org');
    const peerCookie = await login(setup.url, 'mentee@example.org');
    await setup.close();
    const dataDir = setup.dataDir;

    for (let cycle = 0; cycle < 2; cycle++) {
      const child = fork(path.join(here, 'crash-child.ts'), [dataDir], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc']
      });
      cleanups.push(() => void child.kill('SIGKILL'));
      const port = await new Promise<number>((resolve, reject) => {
        child.once('message', (message: { port: number }) => resolve(message.port));
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const wsUrl = `ws://127.0.0.1:${port}/sync`;
      const connect = (cookie: string) => {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(wsUrl, PAIR_1, doc, {
          WebSocketPolyfill: cookieWebSocket(cookie),
          disableBc: true,
          maxBackoffTime: 200
        });
        cleanups.push(() => {
          provider.destroy();
          doc.destroy();
        });
        return { doc, provider };
      };
      const writer = connect(writerCookie);
      const peer = connect(peerCookie);
      await waitFor(() => writer.provider.synced && peer.provider.synced, 'both clients to sync');
      const startLength = peer.doc.getText('t').length;
      let seen = Y.encodeStateVector(peer.doc);
      peer.doc.on('update', () => {
        seen = Y.encodeStateVector(peer.doc);
      });
      const typing = setInterval(() => {
        for (let k = 0; k < 5; k++) writer.doc.getText('t').insert(0, 'x');
      }, 2);
      // Kill at a moment when updates are in flight: after the peer has seen a good number of them, and well before
      // the room's first compaction (past COMPACT_AFTER_ROWS = 200 rows; a compaction of the only open document
      // empties the journal), so the last updates are in the journal only.
      await waitFor(() => peer.doc.getText('t').length >= startLength + 60 + cycle * 17, 'the peer to see edits');
      child.kill('SIGKILL');
      clearInterval(typing);
      const seenAtKill = Y.decodeStateVector(seen);
      writer.provider.destroy();
      peer.provider.destroy();
      await new Promise((resolve) => child.once('exit', resolve));
      // The killed server left the last updates in its journal only (they reach doc_updates at compaction or a fold).
      expect(fs.statSync(docJournalPath(dataDir)).size).toBeGreaterThan(JOURNAL_HEADER_BYTES);

      // What survived: the database as the restarted server reads it.
      const restarted = await start(dataDir);
      // The restart folded the journal into the database and started it over.
      expect(fs.statSync(docJournalPath(dataDir)).size).toBe(JOURNAL_HEADER_BYTES);
      const stored = storedDoc(restarted);
      const storedState = Y.decodeStateVector(Y.encodeStateVector(stored));
      for (const [clientId, clock] of seenAtKill) expect(storedState.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
      expect(stored.getText('t').length).toBeGreaterThanOrEqual(peer.doc.getText('t').length);
      await restarted.close();
    }
    // Two child servers started under tsx on a shared machine: generous, and not a measure of speed.
  }, 120_000);
});
