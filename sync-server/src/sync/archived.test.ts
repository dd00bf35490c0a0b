import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_ACCESS_CHANGED, mentorshipDocName, profileDocName } from '@mop/shared';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import {
  connectClient,
  login,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';

/**
 * Archived programmes are read-only in the sync layer as in REST: the pair's stock y-websocket clients are
 * reconnected when the coordinator archives the programme, still read their document, and their edits no longer
 * reach the server or each other; unarchiving makes them writable again.
 */

const PAIR = mentorshipDocName('demo-pair-1');
const MENTEE_PROFILE = profileDocName('demo-mentee-1');

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function connect(docName: string, cookie: string): TestClient {
  const client = connectClient(server, docName, cookie);
  clients.push(client);
  return client;
}

/** The close codes a client's connections ended with. */
function closeCodes(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

const storedUpdates = (docName: string) => server.store.loadDocUpdates(docName).length;

/** Gives the server time to handle (and here: drop) frames already sent; the positive checks below wait instead. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('a pair of an archived programme', () => {
  it('reconnects read-only on archiving, writes again after unarchiving', async () => {
    const mentorCookie = await login(server.url, 'mentor@example.org');
    const menteeCookie = await login(server.url, 'mentee@example.org');
    const coordinatorCookie = await login(server.url, 'coordinator@example.org');
    const mentor = connect(PAIR, mentorCookie);
    const mentee = connect(PAIR, menteeCookie);
    const profile = connect(MENTEE_PROFILE, menteeCookie);
    const mentorCodes = closeCodes(mentor);
    await Promise.all([waitSynced(mentor), waitSynced(mentee), waitSynced(profile)]);
    mentor.text.insert(0, 'written before. ');
    await waitFor(() => mentee.text.toString().includes('written before'), 'the mentee to see the edit');

    const archived = await fetch(`${server.url}/api/programmes/${DEMO_PROGRAMME_ID}/archive`, {
      method: 'POST',
      headers: { cookie: coordinatorCookie }
    });
    expect(archived.status).toBe(200);
    // The open connections were closed so that they reconnect under the new access.
    await waitFor(() => mentorCodes.includes(CLOSE_ACCESS_CHANGED), 'the mentor to be reconnected');
    await Promise.all([waitSynced(mentor), waitSynced(mentee), waitSynced(profile)]);

    const pairUpdates = storedUpdates(PAIR);
    const profileUpdates = storedUpdates(MENTEE_PROFILE);
    mentor.text.insert(0, 'written after archiving. ');
    profile.doc.getMap('profile').set('displayName', 'Changed after archiving');
    await settle();
    expect(storedUpdates(PAIR)).toBe(pairUpdates);
    expect(storedUpdates(MENTEE_PROFILE)).toBe(profileUpdates);
    expect(mentee.text.toString()).not.toContain('written after archiving');

    // A new device of the mentee still reads the pair's document, without the refused edit.
    const reader = connect(PAIR, menteeCookie);
    await waitSynced(reader);
    expect(reader.text.toString()).toContain('written before');
    expect(reader.text.toString()).not.toContain('written after archiving');

    const unarchived = await fetch(`${server.url}/api/programmes/${DEMO_PROGRAMME_ID}/unarchive`, {
      method: 'POST',
      headers: { cookie: coordinatorCookie }
    });
    expect(unarchived.status).toBe(200);
    await waitFor(() => mentorCodes.filter((code) => code === CLOSE_ACCESS_CHANGED).length >= 2, 'a reconnect');
    // Writable again: the mentor's offline-kept edit and a new one reach the mentee.
    await waitSynced(mentor);
    mentor.text.insert(0, 'written after unarchiving. ');
    await waitFor(() => mentee.text.toString().includes('written after unarchiving'), 'the mentee to see it');
    expect(storedUpdates(PAIR)).toBeGreaterThan(pairUpdates);
    expect(server.logger.errors).toEqual([]);
  });
});
