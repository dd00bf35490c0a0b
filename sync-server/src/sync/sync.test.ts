import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_SESSION_ENDED, mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  login,
  openRawSocket,
  startTestServer,
  upgradeStatus,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';

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

function client(server: TestServer, docName: string, cookie: string): TestClient {
  const c = connectClient(server, docName, cookie);
  cleanups.push(() => c.destroy());
  return c;
}

describe('sync with the stock y-websocket provider', () => {
  it('makes the mentor and the mentee converge on their document', async () => {
    const server = await start();
    const mentor = client(server, PAIR_1, await login(server.url, 'mentor@example.org'));
    const mentee = client(server, PAIR_1, await login(server.url, 'mentee@example.org'));
    await Promise.all([waitSynced(mentor), waitSynced(mentee)]);

    mentor.text.insert(0, 'from the mentor. ');
    mentee.text.insert(0, 'from the mentee. ');
    const both = (c: TestClient) =>
      c.text.toString().includes('from the mentor') && c.text.toString().includes('from the mentee');
    await waitFor(() => both(mentor) && both(mentee), 'both edits on both sides');
    expect(mentor.text.toString()).toBe(mentee.text.toString());
    expect(server.logger.errors).toEqual([]);
  });

  it('relays awareness and removes a departed client’s state', async () => {
    const server = await start();
    const mentor = client(server, PAIR_1, await login(server.url, 'mentor@example.org'));
    const mentee = client(server, PAIR_1, await login(server.url, 'mentee@example.org'));
    await Promise.all([waitSynced(mentor), waitSynced(mentee)]);
    mentor.provider.awareness.setLocalStateField('user', { name: 'Marta' });
    await waitFor(() => mentee.provider.awareness.getStates().has(mentor.doc.clientID), 'mentee to see the mentor');
    mentor.provider.disconnect();
    await waitFor(() => !mentee.provider.awareness.getStates().has(mentor.doc.clientID), 'the mentor’s presence to go');
  });

  it('sends quiet connections a keep-alive message', async () => {
    const server = await startTestServer({ keepaliveIntervalMs: 100 });
    cleanups.push(() => server.close());
    const socket = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, await login(server.url, 'mentor@example.org'));
    cleanups.push(() => socket.terminate());
    let messages = 0;
    socket.on('message', () => messages++);
    // The handshake sends one message (sync step 1); keep-alives must follow although this client says nothing.
    await waitFor(() => messages >= 4, 'keep-alive messages', 5000);
    expect(socket.readyState).toBe(socket.OPEN);
  });
});

describe('logout', () => {
  it('closes the sockets of the session that signed out, with a code the provider treats as final', async () => {
    const server = await start();
    const cookie = await login(server.url, 'mentor@example.org');
    const other = client(server, PAIR_1, await login(server.url, 'mentee@example.org'));
    const socket = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, cookie);
    cleanups.push(() => socket.terminate());
    await waitSynced(other);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const response = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await closed).toBe(CLOSE_SESSION_ENDED);
    expect(await upgradeStatus(`${server.wsUrl}/${PAIR_1}`, { cookie })).toBe(401);
    expect(other.provider.wsconnected).toBe(true);
  });
});

describe('authorisation at the upgrade', () => {
  it('refuses without a session (401), a stranger, a coordinator and an admin (403), and unknown docs (400/404)', async () => {
    const server = await start();
    const url = `${server.wsUrl}/${PAIR_1}`;
    expect(await upgradeStatus(url)).toBe(401);
    expect(await upgradeStatus(url, { cookie: 'mop_session=forged' })).toBe(401);
    for (const email of ['mentor2@example.org', 'coordinator@example.org', 'admin@example.org']) {
      expect(await upgradeStatus(url, { cookie: await login(server.url, email) }), email).toBe(403);
    }
    const mentor = await login(server.url, 'mentor@example.org');
    expect(await upgradeStatus(`${server.wsUrl}/secret:demo-pair-1`, { cookie: mentor })).toBe(400);
    expect(await upgradeStatus(`${server.wsUrl}/mentorship:..%2Fetc`, { cookie: mentor })).toBe(400);
    expect(await upgradeStatus(`${server.wsUrl}/mentorship:%E0%A4%A`, { cookie: mentor })).toBe(400);
    expect(await upgradeStatus(`${server.wsUrl}/mentorship:no-such-pair`, { cookie: mentor })).toBe(404);
    expect(await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/elsewhere`, { cookie: mentor })).toBe(404);
    // A percent-encoded colon is the same document.
    expect(await upgradeStatus(`${server.wsUrl}/mentorship%3Ademo-pair-1`, { cookie: mentor })).toBe(101);
    // Cross-site WebSocket hijacking: a page on another origin riding on the cookie.
    expect(await upgradeStatus(url, { cookie: mentor, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { cookie: mentor, origin: server.url })).toBe(101);
    expect(server.logger.errors).toEqual([]);
  });
});

describe('persistence', () => {
  it('serves exactly the same document after a restart', async () => {
    const first = await start();
    const mentorCookie = await login(first.url, 'mentor@example.org');
    const menteeCookie = await login(first.url, 'mentee@example.org');
    const mentor = client(first, PAIR_1, mentorCookie);
    const mentee = client(first, PAIR_1, menteeCookie);
    await Promise.all([waitSynced(mentor), waitSynced(mentee)]);
    for (let i = 0; i < 20; i++) {
      (i % 2 ? mentor : mentee).text.insert(0, `line ${i}\n`);
      mentor.doc.getMap('meta').set('formatVersion', 1);
    }
    mentee.text.delete(0, 3);
    await waitFor(() => mentor.text.toString() === mentee.text.toString() && mentor.text.length > 100, 'convergence');
    const expected = Y.encodeStateAsUpdate(mentor.doc);
    const expectedText = mentor.text.toString();
    // Give the server time to receive the mentee's last edit: the mentor has it, so the server relayed it.
    mentor.destroy();
    mentee.destroy();
    await first.close();

    const second = await start(first.dataDir);
    const fresh = client(second, PAIR_1, await login(second.url, 'mentee@example.org'));
    await waitSynced(fresh);
    expect(fresh.text.toString()).toBe(expectedText);
    // Same content, same history: applying the old full state adds nothing.
    const before = Y.encodeStateVector(fresh.doc);
    Y.applyUpdate(fresh.doc, expected);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(before);
  });

  it('compacts a long log while open and when the last connection closes', async () => {
    const server = await start();
    const mentor = client(server, PAIR_1, await login(server.url, 'mentor@example.org'));
    await waitSynced(mentor);
    const rows = () =>
      (server.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get(PAIR_1) as { n: number }).n;
    for (let i = 0; i < 260; i++) mentor.text.insert(mentor.text.length, `${i},`);
    await waitFor(() => {
      const stored = new Y.Doc();
      const data = server.store.loadDocUpdates(PAIR_1);
      for (const row of data) Y.applyUpdate(stored, row.data);
      return stored.getText('t').length === mentor.text.length;
    }, 'all edits stored');
    expect(rows()).toBeLessThanOrEqual(200);
    mentor.provider.disconnect();
    await waitFor(() => server.openDocuments() === 0, 'the room to unload');
    expect(rows()).toBe(1);

    const again = client(server, PAIR_1, await login(server.url, 'mentee@example.org'));
    await waitSynced(again);
    expect(again.text.toString()).toBe(mentor.text.toString());
  });

  it('refuses (500) rather than serving blank a document whose stored log cannot be read', async () => {
    const server = await start();
    const docName = mentorshipDocName('demo-pair-2');
    server.store.appendDocUpdate(docName, new Uint8Array([0xff, 0xff, 0xff]));
    const cookie = await login(server.url, 'mentor2@example.org');
    expect(await upgradeStatus(`${server.wsUrl}/${docName}`, { cookie })).toBe(500);
    expect(server.logger.errors.map(([message]) => message)).toEqual([`sync: could not load ${docName}`]);
    // The stored row is left for a person to look at, not overwritten.
    expect(server.store.loadDocUpdates(docName)).toHaveLength(1);
    expect(server.openDocuments()).toBe(0);
  });
});

describe('options', () => {
  it('accepts a logger given as one function', async () => {
    const lines: string[] = [];
    const server = await startTestServer({ logger: (level, message) => lines.push(`${level} ${message}`) });
    cleanups.push(() => server.close());
    const mentor = await login(server.url, 'mentor@example.org');
    const socket = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, mentor);
    cleanups.push(() => socket.terminate());
    socket.send(new Uint8Array([99]));
    socket.close();
    await waitFor(
      () => lines.some((line) => line.startsWith('warn sync: refused 1 frames')),
      'the warning to reach the function'
    );
  });
});
