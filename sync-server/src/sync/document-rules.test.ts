import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE_UPDATE_REFUSED,
  CLOSE_UPDATE_TOO_LARGE,
  MAX_MENTORSHIP_DOC_BYTES,
  PROFILE_LIMITS,
  addGoal,
  addPin,
  addReflection,
  commentOnReflection,
  createNote,
  listGoals,
  listMessages,
  listPins,
  markMessagesRead,
  mentorshipDocName,
  newRecord,
  noteBody,
  profileDocName,
  proposeSession,
  readProfile,
  removePin,
  sendMessage,
  setAvailability,
  setStepDone,
  touchNote,
  updateGoal,
  updatePinComment,
  writeProfile
} from '@mop/shared';
import {
  connectClient,
  login,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';

const PAIR_1 = mentorshipDocName('demo-pair-1');
const MENTOR = 'demo-mentor-1';
const MENTEE = 'demo-mentee-1';
const PAIR = { mentorId: MENTOR, menteeId: MENTEE };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(): Promise<TestServer> {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  return server;
}

/** A stock client that records the close codes the server sent it. */
interface WatchedClient extends TestClient {
  closeCodes: number[];
}

async function client(server: TestServer, email: string, docName = PAIR_1): Promise<WatchedClient> {
  const c = connectClient(server, docName, await login(server.url, email));
  cleanups.push(() => c.destroy());
  const closeCodes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  await waitSynced(c);
  return Object.assign(c, { closeCodes });
}

/** The document as stored: every row of its log applied to a fresh Y.Doc. */
function storedDoc(server: TestServer, docName = PAIR_1): Y.Doc {
  const doc = new Y.Doc();
  for (const row of server.store.loadDocUpdates(docName)) Y.applyUpdate(doc, row.data);
  return doc;
}

/** The sender is told with a close code; the honest member's next edit still goes through, and is stored. */
async function expectRefused(
  server: TestServer,
  attacker: WatchedClient,
  code: number,
  honest: { client: WatchedClient; id: string }
): Promise<void> {
  await waitFor(() => attacker.closeCodes.includes(code), `the sender to be closed with ${code}`);
  const marker = `still here ${Math.random()}`;
  sendMessage(honest.client.doc, { author: honest.id, text: marker });
  await waitFor(() => listMessages(storedDoc(server)).some((m) => m.text === marker), 'the honest edit stored');
  expect(honest.client.provider.wsconnected).toBe(true);
  // The stock client treats 4400–4499 as final: it does not reconnect to resend the refused update.
  expect(attacker.provider.wsconnected).toBe(false);
}

async function pair(server: TestServer): Promise<{ mentor: WatchedClient; mentee: WatchedClient }> {
  const mentor = await client(server, 'mentor@example.org');
  const mentee = await client(server, 'mentee@example.org');
  return { mentor, mentee };
}

describe('what a pair’s document accepts', () => {
  it('accepts everything the app writes, from both members, and both converge', async () => {
    const server = await start();
    const { mentor, mentee } = await pair(server);
    sendMessage(mentor.doc, { author: MENTOR, text: 'Hello **Inês**' });
    sendMessage(mentee.doc, { author: MENTEE, text: 'Hello!' });
    markMessagesRead(mentee.doc, MENTEE);
    setStepDone(mentor.doc, 'brl-first-session', true, MENTOR);
    addGoal(mentee.doc, { title: 'Apply for a grant', targetDate: '2026-06-01', createdBy: MENTEE });
    addPin(mentor.doc, { kind: 'link', url: 'https://example.org/guide' }, { pinnedBy: MENTOR, comment: 'read me' });
    const reflection = addReflection(mentee.doc, PAIR, { author: MENTEE, text: 'It went well.' });
    setAvailability(mentee.doc, MENTEE, {
      timeZone: 'Europe/Lisbon',
      slots: [{ day: 1, start: '18:00', end: '20:00' }]
    });
    proposeSession(mentor.doc, PAIR, MENTOR, {
      slots: ['2026-03-02T10:00:00Z'],
      durationMinutes: 60,
      timeZone: 'Europe/Rome',
      videoUrl: 'https://meet.example.org/abc'
    });
    const note = createNote(mentor.doc, { title: 'First session', date: '2026-01-10', createdBy: MENTOR });
    noteBody(mentor.doc, note)?.insert(0, [new Y.XmlText('We talked about goals.')]);
    await waitFor(() => mentor.doc.getMap('reflections').has(reflection), 'the reflection at the mentor');
    commentOnReflection(mentor.doc, PAIR, reflection, { author: MENTOR, text: 'Well done.' });
    // Later edits of existing records (map overwrites, placed through the value they replace), by either member.
    await waitFor(() => listGoals(mentor.doc).length === 1 && listPins(mentee.doc).length === 1, 'goal and pin');
    updateGoal(mentor.doc, listGoals(mentor.doc)[0]!.id, { status: 'in-progress' });
    const pin = listPins(mentee.doc)[0]!.id;
    updatePinComment(mentee.doc, pin, 'read it, thanks');
    removePin(mentee.doc, pin, MENTEE);
    touchNote(mentor.doc, note);
    markMessagesRead(mentee.doc, MENTEE);

    const same = () =>
      Buffer.from(Y.encodeStateVector(mentor.doc)).equals(Buffer.from(Y.encodeStateVector(mentee.doc))) &&
      Buffer.from(Y.encodeStateVector(storedDoc(server))).equals(Buffer.from(Y.encodeStateVector(mentor.doc)));
    await waitFor(same, 'both members and the store to converge');
    expect(listMessages(storedDoc(server)).map((m) => m.text)).toHaveLength(2);
    expect(mentor.closeCodes).toEqual([]);
    expect(mentee.closeCodes).toEqual([]);
    expect(server.logger.warnings).toEqual([]);
  });

  it('refuses a message forged in the other member’s name: dropped for everyone, the sender closed with 4422', async () => {
    const server = await start();
    const { mentor, mentee } = await pair(server);
    sendMessage(mentee.doc, { author: MENTEE, text: 'See you Tuesday' });
    await waitFor(() => listMessages(mentor.doc).length === 1, 'the honest message at the mentor');

    sendMessage(mentor.doc, { author: MENTEE, text: 'I want to stop the mentoring.' });
    await expectRefused(server, mentor, CLOSE_UPDATE_REFUSED, { client: mentee, id: MENTEE });
    expect(listMessages(mentee.doc).map((m) => m.text)).not.toContain('I want to stop the mentoring.');
    expect(listMessages(storedDoc(server)).map((m) => m.author)).not.toContain(undefined);
    expect(listMessages(storedDoc(server)).filter((m) => m.author === MENTEE)).toHaveLength(2);
    // One line with the reason, one when the connection closes (docs/sync.md, "Logs under attack").
    expect(server.logger.warnings.map(([line]) => line)).toEqual([
      expect.stringContaining(`refused an update from user ${MENTOR} (messages: the author must be`),
      expect.stringContaining('closed by the server with 4422')
    ]);
  });

  it('refuses a forged step tick, a session event in the other’s name and deleting the other’s message', async () => {
    const server = await start();
    const { mentor, mentee } = await pair(server);
    sendMessage(mentee.doc, { author: MENTEE, text: 'mine' });
    await waitFor(() => listMessages(mentor.doc).length === 1, 'the message at the mentor');
    setStepDone(mentor.doc, 'brl-agreement', true, MENTEE);
    await expectRefused(server, mentor, CLOSE_UPDATE_REFUSED, { client: mentee, id: MENTEE });

    const second = await client(server, 'mentor@example.org');
    proposeSession(second.doc, PAIR, MENTEE, { slots: ['2026-03-02T10:00:00Z'], durationMinutes: 60, timeZone: 'UTC' });
    await expectRefused(server, second, CLOSE_UPDATE_REFUSED, { client: mentee, id: MENTEE });

    // The session's cool-down (10 s) is per session: a new sign-in is a new session.
    const third = await client(server, 'mentor@example.org');
    third.doc.getArray('messages').delete(0, 1);
    await expectRefused(server, third, CLOSE_UPDATE_REFUSED, { client: mentee, id: MENTEE });
    expect(listMessages(storedDoc(server)).map((m) => m.text)).toContain('mine');
    expect(storedDoc(server).getMap('steps').has('brl-agreement')).toBe(false);
    expect(storedDoc(server).getMap('sessions').size).toBe(0);
  });

  it('refuses a pin with a javascript: link', async () => {
    const server = await start();
    const { mentor, mentee } = await pair(server);
    addPin(mentee.doc, { kind: 'link', url: 'https://example.org/' }, { pinnedBy: MENTEE });
    await waitFor(() => listPins(mentor.doc).length === 1, 'the honest pin at the mentor');
    // `addPin` refuses such a link, so a hand-made client writes the record itself.
    mentor.doc.getMap('pins').set(
      'evilpin000000000',
      newRecord({
        id: 'evilpin000000000',
        kind: 'link',
        resourceId: null,
        url: 'javascript:alert(document.cookie)',
        file: null,
        title: 'Slides',
        comment: '',
        pinnedBy: MENTOR,
        pinnedAt: new Date().toISOString(),
        removedAt: null,
        removedBy: null
      })
    );
    await expectRefused(server, mentor, CLOSE_UPDATE_REFUSED, { client: mentee, id: MENTEE });
    expect(listPins(mentee.doc).map((pin) => pin.url)).toEqual(['https://example.org/']);
    expect(listPins(storedDoc(server)).map((pin) => pin.url)).toEqual(['https://example.org/']);
  });

  it('refuses an update over 1 MiB, and a document past its cap, with 4413', async () => {
    const server = await start();
    const { mentor, mentee } = await pair(server);
    mentor.doc.getText('t').insert(0, 'x'.repeat(1_100_000));
    await expectRefused(server, mentor, CLOSE_UPDATE_TOO_LARGE, { client: mentee, id: MENTEE });
    expect(mentee.doc.getText('t').length).toBe(0);
    expect(storedDoc(server).getText('t').length).toBe(0);

    const filler = await client(server, 'mentor@example.org');
    const chunk = 900_000;
    const chunks = Math.floor(MAX_MENTORSHIP_DOC_BYTES / chunk);
    for (let i = 0; i < chunks; i++) {
      filler.doc.getText('t').insert(0, String(i % 10).repeat(chunk));
      await waitFor(() => storedDoc(server).getText('t').length === (i + 1) * chunk, `chunk ${i} stored`);
    }
    filler.doc.getText('t').insert(0, 'one too many'.repeat(chunk / 12));
    await waitFor(() => filler.closeCodes.includes(CLOSE_UPDATE_TOO_LARGE), 'the document cap');
    expect(storedDoc(server).getText('t').length).toBe(chunks * chunk);
    expect(mentee.doc.getText('t').length).toBe(chunks * chunk);
  }, 60_000);
});

describe('what a profile document accepts', () => {
  it('refuses an oversized profile from its owner: the coordinator still reads the stored one', async () => {
    const server = await start();
    const owner = await client(server, 'mentee@example.org', profileDocName(MENTEE));
    writeProfile(owner.doc, { displayName: 'Inês', availability: [{ day: 1, start: '18:00', end: '20:00' }] });
    const coordinator = await client(server, 'coordinator@example.org', profileDocName(MENTEE));
    await waitFor(() => readProfile(coordinator.doc).displayName === 'Inês', 'the profile at the coordinator');
    const bio = readProfile(owner.doc).bio;

    // Written straight into the map: `writeProfile` keeps to the caps.
    const slots = Array.from({ length: PROFILE_LIMITS.availabilitySlots + 1 }, (_, i) => ({
      day: i % 7,
      start: '09:00',
      end: '10:00'
    }));
    owner.doc.getMap('profile').set('availability', slots);
    await waitFor(() => owner.closeCodes.includes(CLOSE_UPDATE_REFUSED), 'the owner to be told');
    owner.doc.getMap('profile').set('bio', 'ignored: the connection is closed');
    const stored = readProfile(storedDoc(server, profileDocName(MENTEE)));
    expect(stored.availability).toHaveLength(1);
    expect(stored.bio).toBe(bio);
    expect(readProfile(coordinator.doc).availability).toHaveLength(1);
    expect(coordinator.provider.wsconnected).toBe(true);
  });

  it('drops awareness from a read-only connection: a coordinator cannot show a spoofed cursor', async () => {
    const server = await start();
    const owner = await client(server, 'mentee@example.org', profileDocName(MENTEE));
    const coordinator = await client(server, 'coordinator@example.org', profileDocName(MENTEE));
    coordinator.provider.awareness.setLocalStateField('user', { name: 'Inês (you)' });
    owner.provider.awareness.setLocalStateField('user', { name: 'Inês' });
    await waitFor(
      () => coordinator.provider.awareness.getStates().has(owner.doc.clientID),
      'the owner’s presence at the coordinator'
    );
    // The owner's own state came back through the server; the coordinator's, sent before it, never did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(owner.provider.awareness.getStates().has(coordinator.doc.clientID)).toBe(false);
    expect(coordinator.closeCodes).toEqual([]);
  });
});
