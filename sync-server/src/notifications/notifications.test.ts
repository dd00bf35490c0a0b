import { afterEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import * as v from 'valibot';
import {
  CCI_SECTORS,
  MATCHING_SKILLS,
  NotificationPreferencesSchema,
  PublishRunResponseSchema,
  MatchingRunSchema,
  UnsubscribeResultSchema,
  acceptSession,
  cancelSession,
  getSession,
  mentorshipDocName,
  profileDocName,
  proposeSession,
  rescheduleSession,
  sendMessage,
  writeProfile,
  type SessionOfferInput
} from '@mop/shared';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import {
  connectClient,
  login,
  makeTempDir,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
  type TestServer
} from '../test-support/harness.ts';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../test-support/smtp.ts';
import { readStoredProfile } from '../matching/profiles.ts';
import { isNotificationsModule } from './index.ts';

const PUBLIC_URL = 'https://mentoring.example.org';
const PAIR = { id: 'demo-pair-1', mentorId: 'demo-mentor-1', menteeId: 'demo-mentee-1' };
const MENTOR = 'mentor@example.org';
const MENTEE = 'mentee@example.org';
// Sunday 29 March 2099, 10:00 in Rome: the morning after the EU clocks went forward (01:00 UTC that day).
const AFTER_DST = '2099-03-29T08:00:00.000Z';
const LATER = '2099-04-02T15:00:00.000Z';

/** A clock the test moves; the server reads it as `ctx.now()`. */
function testClock(start: string) {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = Date.parse(iso);
    }
  };
}

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const smtps: TestSmtpServer[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close();
  for (const smtp of smtps.splice(0)) await smtp.close();
});

async function setup(clock: ReturnType<typeof testClock>, dataDir = makeTempDir()) {
  const smtp = await startTestSmtpServer();
  smtps.push(smtp);
  const server = await start(clock, smtp, dataDir);
  return { smtp, server };
}

async function start(clock: ReturnType<typeof testClock>, smtp: TestSmtpServer, dataDir: string) {
  const server = await startTestServer({
    dataDir,
    publicUrl: PUBLIC_URL,
    now: clock.now,
    mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } }
  });
  servers.push(server);
  return server;
}

function runDue(server: TestServer): number {
  const module = server.modules.find(isNotificationsModule);
  if (!module) throw new Error('no notifications module');
  return module.runDue();
}

async function pairClient(server: TestServer, email: string): Promise<TestClient> {
  const client = connectClient(server, mentorshipDocName(PAIR.id), await login(server.url, email));
  clients.push(client);
  await waitSynced(client);
  return client;
}

/** Gives the server and the outbox time to act on what was sent, for tests that check nothing more arrives. */
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

const offer = (slot: string): SessionOfferInput => ({
  title: 'SECRET-TITLE',
  slots: [slot],
  durationMinutes: 60,
  timeZone: 'Europe/Rome',
  agenda: 'SECRET-AGENDA'
});

function calendarOf(mail: ReceivedMail): { method: string; uid: string; sequence: number; status: string } {
  const attachment = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error(`no .ics in "${mail.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status'))
  };
}

function header(mail: ReceivedMail, name: string): string | undefined {
  return mail.parsed.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
}

/** The mentee accepts `slot` on their own device, once the proposal reached it (the server checks who acts). */
async function acceptOn(client: TestClient, id: string, slot: string, at: Date): Promise<void> {
  await waitFor(() => getSession(client.doc, PAIR, id) !== null, 'the proposal on the mentee’s device');
  acceptSession(client.doc, PAIR, id, PAIR.menteeId, slot, at);
}

const mailsTo = (smtp: TestSmtpServer, to: string) => smtp.received.filter((mail) => mail.to === to);

describe('notification e-mails', () => {
  it('tells both members of a published match why they were matched and the first step', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    const coordinator = await login(server.url, 'coordinator@example.org');
    const base = `${server.url}/api/programmes/${DEMO_PROGRAMME_ID}/matching/runs`;
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { cookie: coordinator, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });
    const run = v.parse(MatchingRunSchema, await (await post(base, {})).json());
    const pair = run.pairs[0]!;
    const published = await post(`${base}/${run.id}/publish`, { pairs: [[pair.mentee.id, pair.mentor.id]] });
    const { mentorships } = v.parse(PublishRunResponseSchema, await published.json());
    const menteeEmail = server.store.findUserById(pair.mentee.id)!.email;
    const mentorEmail = server.store.findUserById(pair.mentor.id)!.email;

    const toMentee = await smtp.waitForMail(menteeEmail);
    expect(toMentee.subject).toBe(`You have a new mentor: ${pair.mentor.name}`);
    expect(toMentee.text).toContain('Why you were matched');
    expect(toMentee.text).toContain('First step');
    // The questionnaire's words, as the app shows them, not its ids ("performing-arts", "en").
    const shared = (label: string) =>
      toMentee.text
        .split('\n')
        .find((line) => line.includes(`${label}: `))
        ?.replace(/^.*?: /, '')
        .replace(/\.$/, '')
        .split(', ');
    const sectors = shared('Sectors you share');
    const skills = shared('Skills that match');
    expect(sectors ?? skills).toBeDefined();
    for (const item of sectors ?? []) expect(CCI_SECTORS.map((sector) => sector.label)).toContain(item);
    for (const item of skills ?? []) expect(MATCHING_SKILLS.map((skill) => skill.label)).toContain(item);
    for (const item of shared('Languages you share') ?? []) expect(item).toMatch(/^[A-Z][a-z]+$/);
    expect(toMentee.links).toContain(`${PUBLIC_URL}/mentoring/${mentorships[0]!.id}`);
    expect(toMentee.html).toContain(`href="${PUBLIC_URL}/mentoring/${mentorships[0]!.id}"`);
    expect(header(toMentee, 'list-unsubscribe')).toMatch(
      /^<https:\/\/mentoring\.example\.org\/api\/notifications\/unsubscribe\?token=/
    );
    expect(header(toMentee, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const toMentor = await smtp.waitForMail(mentorEmail);
    expect(toMentor.subject).toBe(`You have a new mentee: ${pair.mentee.name}`);
  });

  it('sends session e-mails whose .ics keep one UID, raise SEQUENCE and end with METHOD:CANCEL; no pair text', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    const mentor = await pairClient(server, MENTOR);
    const mentee = await pairClient(server, MENTEE);
    const at = () => clock.now();

    const id = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(AFTER_DST), at());
    const proposed = await smtp.waitForMail(MENTEE);
    expect(proposed.subject).toBe('Marta Rossi, illustrator proposes a mentoring session');
    expect(proposed.parsed.attachments).toHaveLength(0);
    expect(proposed.links).toContain(`${PUBLIC_URL}/mentoring/${PAIR.id}/sessions`);

    await waitFor(() => getSession(mentee.doc, PAIR, id) !== null, 'the proposal on the mentee’s device');
    acceptSession(mentee.doc, PAIR, id, PAIR.menteeId, AFTER_DST, at());
    const accepted = await smtp.waitForMail(MENTOR);
    expect(accepted.subject).toBe('Session confirmed with Jonas Weber, graphic novelist');

    await waitFor(
      () => getSession(mentor.doc, PAIR, id)?.status === 'accepted',
      'the acceptance on the mentor’s device'
    );
    rescheduleSession(mentor.doc, PAIR, id, PAIR.mentorId, offer(LATER), 'clash', at());
    const moveAsked = await smtp.waitForMail(MENTEE, { index: 1 });
    expect(moveAsked.subject).toBe('Marta Rossi, illustrator asks to move your session');

    await waitFor(
      () => getSession(mentee.doc, PAIR, id)?.status === 'rescheduled',
      'the new offer on the mentee’s device'
    );
    acceptSession(mentee.doc, PAIR, id, PAIR.menteeId, LATER, at());
    const moved = await smtp.waitForMail(MENTOR, { index: 1 });
    expect(moved.subject).toBe('Your session with Jonas Weber, graphic novelist has moved');

    await waitFor(() => getSession(mentor.doc, PAIR, id)?.status === 'accepted', 'the new time on the mentor’s device');
    cancelSession(mentor.doc, PAIR, id, PAIR.mentorId, 'ill', at());
    const cancelled = await smtp.waitForMail(MENTEE, { index: 2 });
    expect(cancelled.subject).toBe('Session with Marta Rossi, illustrator cancelled');

    const calendars = [accepted, moved, cancelled].map(calendarOf);
    expect(new Set(calendars.map((c) => c.uid))).toEqual(new Set([`session-${id}@mop`]));
    expect(calendars.map((c) => c.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(calendars[2]!.status).toBe('CANCELLED');
    const sequences = calendars.map((c) => c.sequence);
    expect(sequences[1]!).toBeGreaterThan(sequences[0]!);
    expect(sequences[2]!).toBeGreaterThan(sequences[1]!);
    for (const mail of smtp.received) {
      const attachments = mail.parsed.attachments.map((a) => a.content.toString('utf8')).join('');
      expect(`${mail.text}${mail.html}${attachments}`).not.toMatch(/SECRET|clash|ill\b/);
    }
    // Announced once each: the mentee's device echoing the state back adds no mail.
    await settle();
    expect(smtp.received).toHaveLength(5);
  });

  it('gives session times in the zone of the questionnaire when the account names none, never in UTC', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    server.db.prepare('UPDATE users SET time_zone = NULL WHERE id = ?').run(PAIR.menteeId);
    const profile = connectClient(server, profileDocName(PAIR.menteeId), await login(server.url, MENTEE));
    clients.push(profile);
    await waitSynced(profile);
    writeProfile(profile.doc, { timeZone: 'America/New_York' }, clock.now());
    await waitFor(
      () => readStoredProfile(server.store, () => undefined, PAIR.menteeId).timeZone === 'America/New_York',
      'the questionnaire answer stored on the server'
    );
    const mentor = await pairClient(server, MENTOR);
    proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(AFTER_DST), clock.now());
    const proposed = await smtp.waitForMail(MENTEE);
    // 08:00 UTC on 29 March 2099 is 04:00 in New York (summer time there since 8 March).
    expect(proposed.text).toContain('04:00 (America/New_York)');
    expect(proposed.text).not.toContain('(UTC)');
  });

  it('reminds each member the day before at the same local time, across a DST change in their zone', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    server.db.prepare("UPDATE users SET time_zone = 'Europe/Rome' WHERE id = ?").run(PAIR.menteeId);
    server.db.prepare("UPDATE users SET time_zone = 'UTC' WHERE id = ?").run(PAIR.mentorId);
    const mentor = await pairClient(server, MENTOR);
    const mentee = await pairClient(server, MENTEE);
    const id = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(AFTER_DST), clock.now());
    await acceptOn(mentee, id, AFTER_DST, clock.now());
    await smtp.waitForMail(MENTOR); // "confirmed"
    await waitFor(
      () =>
        (server.db.prepare("SELECT COUNT(*) AS n FROM scheduled_jobs WHERE kind = 'reminder'").get() as { n: number })
          .n === 2,
      'two reminders scheduled'
    );

    // The mentor (UTC): 24 hours before, 28 March 08:00 UTC. The mentee (Rome): 10:00 the day before, which is
    // still winter time: 09:00 UTC, 23 hours before the session.
    clock.set('2099-03-28T07:59:00.000Z');
    expect(runDue(server)).toBe(0);
    clock.set('2099-03-28T08:00:00.000Z');
    expect(runDue(server)).toBe(1);
    const toMentor = await smtp.waitForMail(MENTOR, { index: 1 });
    expect(toMentor.subject).toBe(
      'Reminder: session with Jonas Weber, graphic novelist, Sunday, 29 March 2099 at 08:00 (UTC)'
    );
    clock.set('2099-03-28T08:59:59.000Z');
    expect(runDue(server)).toBe(0);
    clock.set('2099-03-28T09:00:00.000Z');
    expect(runDue(server)).toBe(1);
    const toMentee = await smtp.waitForMail(MENTEE, { index: 1 });
    expect(toMentee.subject).toContain('Sunday, 29 March 2099 at 10:00 (Europe/Rome)');
    expect(toMentee.text).not.toContain('later than planned');
    expect(runDue(server)).toBe(0);
  });

  it('sends a reminder once across a restart between scheduling and sending, and drops one whose session began', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const dataDir = makeTempDir();
    const { smtp, server } = await setup(clock, dataDir);
    const mentor = await pairClient(server, MENTOR);
    const mentee = await pairClient(server, MENTEE);
    const first = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(AFTER_DST), clock.now());
    await acceptOn(mentee, first, AFTER_DST, clock.now());
    const second = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(LATER), clock.now());
    await acceptOn(mentee, second, LATER, clock.now());
    await waitFor(
      () =>
        (server.db.prepare("SELECT COUNT(*) AS n FROM scheduled_jobs WHERE kind = 'reminder'").get() as { n: number })
          .n === 4,
      'four reminders scheduled'
    );
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    servers.splice(0);

    // Down until after the first session started, but before the second one's reminder is late by a day.
    clock.set('2099-04-01T16:00:00.000Z');
    const restarted = await start(clock, smtp, dataDir);
    await waitFor(
      () => mailsTo(smtp, MENTEE).filter((m) => m.subject.startsWith('Reminder')).length === 1,
      'one reminder'
    );
    const reminder = mailsTo(smtp, MENTEE).find((m) => m.subject.startsWith('Reminder'))!;
    expect(reminder.subject).toContain('2 April 2099');
    expect(reminder.text).toContain('later than planned');
    expect(restarted.logger.warnings.some(([message]) => String(message).includes('the session started'))).toBe(true);

    // Another pass and another restart send nothing more.
    expect(runDue(restarted)).toBe(0);
    await restarted.close();
    servers.splice(0);
    await start(clock, smtp, dataDir);
    await settle();
    const reminders = smtp.received.filter((m) => m.subject.startsWith('Reminder'));
    expect(reminders.map((m) => m.to).sort()).toEqual([MENTEE, MENTOR]);
  });

  it('sends one digest for several unread messages, once they waited a few hours; never their text', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    const mentor = await pairClient(server, MENTOR);
    for (const n of [1, 2, 3])
      sendMessage(mentor.doc, { author: PAIR.mentorId, text: `SECRET-MESSAGE-${n}` }, clock.now());
    await waitFor(
      () =>
        (server.db.prepare("SELECT COUNT(*) AS n FROM scheduled_jobs WHERE kind = 'digest'").get() as { n: number })
          .n === 1,
      'one digest scheduled'
    );
    clock.set('2099-03-20T12:59:00.000Z');
    expect(runDue(server)).toBe(0);
    clock.set('2099-03-20T13:00:00.000Z');
    expect(runDue(server)).toBe(1);
    const digest = await smtp.waitForMail(MENTEE);
    expect(digest.subject).toBe('Your daily summary');
    expect(digest.text).toContain('3 unread messages from Marta Rossi, illustrator');
    expect(digest.links).toContain(`${PUBLIC_URL}/mentoring/${PAIR.id}/messages`);
    expect(`${digest.text}${digest.html}`).not.toContain('SECRET');

    // A new message the same day does not bring a second digest before a day has passed.
    sendMessage(mentor.doc, { author: PAIR.mentorId, text: 'SECRET-MESSAGE-4' }, clock.now());
    await settle();
    clock.set('2099-03-20T20:00:00.000Z');
    expect(runDue(server)).toBe(0);
    expect(mailsTo(smtp, MENTEE)).toHaveLength(1);
    expect(mailsTo(smtp, MENTOR)).toHaveLength(0);
  });

  it('stops only the category of an unsubscribe link, without signing in (RFC 8058 one-click)', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { smtp, server } = await setup(clock);
    server.db.prepare("UPDATE users SET time_zone = 'UTC' WHERE id IN (?, ?)").run(PAIR.mentorId, PAIR.menteeId);
    const mentor = await pairClient(server, MENTOR);
    const mentee = await pairClient(server, MENTEE);
    const first = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(AFTER_DST), clock.now());
    const proposed = await smtp.waitForMail(MENTEE);
    const oneClick = header(proposed, 'list-unsubscribe')!.replace(/^<|>$/g, '').replace(PUBLIC_URL, server.url);

    // Opening the link only leads to the confirmation page; a tampered token is refused with a clear 400.
    const opened = await fetch(oneClick, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toMatch(/^\/unsubscribe#token=/);
    const tampered = await fetch(oneClick.replace(/.{4}$/, 'AAAA'), { method: 'POST' });
    expect(tampered.status).toBe(400);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('invalid_unsubscribe_link');

    const answer = await fetch(oneClick, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click'
    });
    expect(answer.status).toBe(200);
    expect(v.parse(UnsubscribeResultSchema, await answer.json())).toEqual({ category: 'sessions' });
    const cookie = await login(server.url, MENTEE);
    const preferences = v.parse(
      NotificationPreferencesSchema,
      await (await fetch(`${server.url}/api/account/notifications`, { headers: { cookie } })).json()
    ).preferences;
    expect(preferences.find((p) => p.category === 'sessions')?.delivery).toBe('off');
    expect(preferences.find((p) => p.category === 'reminders')?.delivery).toBe('email');

    // Sessions are silent now; reminders still come.
    await acceptOn(mentee, first, AFTER_DST, clock.now());
    await smtp.waitForMail(MENTOR); // the mentor still gets "confirmed"
    const second = proposeSession(mentor.doc, PAIR, PAIR.mentorId, offer(LATER), clock.now());
    await waitFor(() => getSession(mentor.doc, PAIR, second) !== null, 'second proposal');
    await settle();
    expect(mailsTo(smtp, MENTEE)).toHaveLength(1);
    clock.set('2099-03-28T08:00:00.000Z');
    runDue(server);
    const reminder = await smtp.waitForMail(MENTEE, { index: 1 });
    expect(reminder.subject).toMatch(/^Reminder/);
  });

  it('refuses a delivery a category does not offer, keeps the choice, exports and erases it', async () => {
    const clock = testClock('2099-03-20T09:00:00.000Z');
    const { server } = await setup(clock);
    const cookie = await login(server.url, MENTEE);
    const put = (body: unknown) =>
      fetch(`${server.url}/api/account/notifications`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });
    const refused = await put({ category: 'messages', delivery: 'email' });
    expect(refused.status).toBe(400);
    const saved = await put({ category: 'community', delivery: 'off' });
    expect(saved.status).toBe(200);
    const { preferences } = v.parse(NotificationPreferencesSchema, await saved.json());
    expect(preferences.find((p) => p.category === 'community')?.delivery).toBe('off');
    expect(preferences.find((p) => p.category === 'messages')?.delivery).toBe('digest');

    // The person's choices are in their data download, and gone once they are erased.
    const exported = (await server.exportUserData(PAIR.menteeId)).find((part) => part.module === 'notifications');
    expect(String(exported?.files[0]?.content)).toContain('"community"');
    await server.eraseUserData(PAIR.menteeId);
    const left = server.db
      .prepare('SELECT COUNT(*) AS n FROM notification_preferences WHERE user_id = ?')
      .get(PAIR.menteeId) as { n: number };
    expect(left.n).toBe(0);
  });
});
