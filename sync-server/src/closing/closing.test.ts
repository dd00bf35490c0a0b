import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  EndMentorshipResultSchema,
  MatchingRunSchema,
  MentorshipListSchema,
  MentorshipWithdrawnSchema,
  ProgrammeProgressSchema,
  MyFeedbackSchema,
  OkResponseSchema,
  ProgrammeFeedbackSchema,
  ProgrammeFeedbackQuestionsSchema,
  ProgrammeReportSchema,
  ReportListSchema,
  AvailableMentorListSchema,
  addGoal,
  createNote,
  mentorshipDocName,
  migrateMentorshipDoc,
  sendMessage
} from '@mop/shared';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import { api, expectBody, freshDemoServer } from '../matching/test-api.ts';
import { connectClient, login, startTestServer, waitFor, waitSynced } from '../test-support/harness.ts';
import { startTestSmtpServer } from '../test-support/smtp.ts';

const P = `/api/programmes/${DEMO_PROGRAMME_ID}`;
const SECRETS = [
  'SECRET-END-NOTE',
  'SECRET-HELPED',
  'SECRET-IMPROVE',
  'SECRET-ANSWER',
  'SECRET-MESSAGE',
  'SECRET-GOAL'
];
const EMAILS = ['mentor@example.org', 'mentee@example.org', 'coordinator@example.org', 'admin@example.org'];
const feedback = (extra: Record<string, unknown> = {}) => ({
  relationshipRating: 2,
  programmeRating: 4,
  helped: 'SECRET-HELPED',
  improve: 'SECRET-IMPROVE',
  answers: ['SECRET-ANSWER'],
  shareIndividually: false,
  ...extra
});

describe('ending a mentorship', () => {
  it('a mentee ends a pair as not a fit: the mentor is told, the document turns read-only, feedback opens', async () => {
    const { server, cookies } = await freshDemoServer(EMAILS);
    const [mentor, mentee, coordinator] = cookies as [string, string, string];
    const end = `/api/mentorships/demo-pair-1/end`;

    expect((await api(server.url, mentee, 'POST', end, { reason: 'bored' })).status).toBe(400);
    expect((await api(server.url, mentee, 'POST', end, 'not json')).status).toBe(400);
    const mentor2 = (await login(server.url, 'mentor2@example.org'))!;
    expect((await api(server.url, mentor2, 'POST', end, { reason: 'other' })).status).toBe(403);
    expect(
      (await api(server.url, mentee, 'PUT', '/api/mentorships/demo-pair-1/feedback', feedback())).body.error?.code
    ).toBe('mentorship_active');

    const ended = expectBody(
      await api(server.url, mentee, 'POST', end, { reason: 'not-a-fit', note: 'SECRET-END-NOTE' }),
      200,
      EndMentorshipResultSchema
    );
    expect(ended.ending).toMatchObject({ reason: 'not-a-fit', rematchOffered: true, endedBy: { id: 'demo-mentee-1' } });
    const again = await api(server.url, mentor, 'POST', end, { reason: 'completed' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('mentorship_closed');

    // The mentor's list carries the ending (the app's notification), without the re-matching offer (that is the mentee's).
    const list = expectBody(await api(server.url, mentor, 'GET', '/api/mentorships'), 200, MentorshipListSchema);
    const pair = list.mentorships.find((m) => m.id === 'demo-pair-1')!;
    expect(pair.status).toBe('closed');
    expect(pair.ending).toMatchObject({ reason: 'not-a-fit', note: 'SECRET-END-NOTE', rematchOffered: false });
    // The sync layer's access: read-only for the two members from now on.
    const { checkDocAccess } = await import('../mentorships/access.ts');
    expect(
      checkDocAccess(server.store, server.store.findUserById('demo-mentor-1')!, mentorshipDocName('demo-pair-1'))
    ).toMatchObject({ ok: true, readOnly: true });

    // Feedback: each member their own; the other member never sees it.
    expectBody(
      await api(server.url, coordinator, 'PUT', `${P}/feedback-questions`, { questions: ['Would you mentor again?'] }),
      200,
      ProgrammeFeedbackQuestionsSchema
    );
    expect(
      (
        await api(server.url, mentee, 'PUT', '/api/mentorships/demo-pair-1/feedback', {
          ...feedback(),
          relationshipRating: 9
        })
      ).status
    ).toBe(400);
    expectBody(
      await api(server.url, mentee, 'PUT', '/api/mentorships/demo-pair-1/feedback', feedback()),
      200,
      MyFeedbackSchema
    );
    expectBody(
      await api(
        server.url,
        mentor,
        'PUT',
        '/api/mentorships/demo-pair-1/feedback',
        feedback({ relationshipRating: 4, programmeRating: 5, shareIndividually: true, helped: 'shared words' })
      ),
      200,
      MyFeedbackSchema
    );
    const mine = expectBody(
      await api(server.url, mentor, 'GET', '/api/mentorships/demo-pair-1/feedback'),
      200,
      MyFeedbackSchema
    );
    expect(mine.mine?.helped).toBe('shared words');
    expect(JSON.stringify(mine)).not.toContain('SECRET-HELPED');
    expect((await api(server.url, coordinator, 'GET', '/api/mentorships/demo-pair-1/feedback')).status).toBe(403);

    // The coordinator: totals of both, the words of the one who agreed only.
    const totals = expectBody(await api(server.url, coordinator, 'GET', `${P}/feedback`), 200, ProgrammeFeedbackSchema);
    expect(totals).toMatchObject({ responses: 2, relationshipAverage: 3, programmeAverage: 4.5 });
    expect(totals.shared.map((f) => f.respondent.id)).toEqual(['demo-mentor-1']);
    expect(JSON.stringify(totals)).not.toContain('SECRET-HELPED');

    // Re-matching: the mentee is back in the pool, and the next run proposes someone other than the ended pair's mentor.
    const run = expectBody(
      await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {}),
      201,
      MatchingRunSchema
    );
    const proposal = run.pairs.find((p) => p.mentee.id === 'demo-mentee-1');
    expect(proposal).toBeDefined();
    expect(proposal!.mentor.id).not.toBe('demo-mentor-1');
  });

  it('e-mails the other member that the pair ended, with the reason and a link, never the end note', async () => {
    const smtp = await startTestSmtpServer();
    const server = await startTestServer({ mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    onTestFinished(async () => {
      await server.close();
      await smtp.close();
    });
    const mentee = (await login(server.url, 'mentee@example.org'))!;
    expect(
      (
        await api(server.url, mentee, 'POST', '/api/mentorships/demo-pair-1/end', {
          reason: 'not-a-fit',
          note: 'SECRET-END-NOTE'
        })
      ).status
    ).toBe(200);
    const mail = await smtp.waitForMail('mentor@example.org');
    expect(mail.subject).toMatch(/ended your mentorship/);
    expect(mail.text).toContain('no longer a good fit');
    expect(mail.links).toContain(`${server.url}/mentoring/demo-pair-1/feedback`);
    expect(mail.text + mail.html).not.toContain('SECRET-END-NOTE');
    expect(mail.parsed.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true);
    // The one who ended it gets no e-mail about it.
    expect(smtp.received.filter((m) => m.to === 'mentee@example.org' && /ended/.test(m.subject))).toEqual([]);
  });

  it('a matched mentee is told so by the mentors list (no request button), unmatched after the pair ends', async () => {
    const { server, cookies } = await freshDemoServer(EMAILS);
    const mentee = cookies[1]!;
    const before = expectBody(
      await api(server.url, mentee, 'GET', `${P}/mentors/available`),
      200,
      AvailableMentorListSchema
    );
    expect(before.matched).toBe(true);
    await api(server.url, mentee, 'POST', '/api/mentorships/demo-pair-1/end', { reason: 'completed' });
    const after = expectBody(
      await api(server.url, mentee, 'GET', `${P}/mentors/available`),
      200,
      AvailableMentorListSchema
    );
    expect(after.matched).toBe(false);
  });
});

describe('unpublishing a pair', () => {
  it('removes a published pair nobody opened, and refuses one a member has opened', async () => {
    const { server, cookies } = await freshDemoServer(EMAILS);
    const coordinator = cookies[2]!;
    const run = expectBody(
      await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {}),
      201,
      MatchingRunSchema
    );
    const published = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${run.id}/publish`, {});
    expect(published.status).toBe(200);
    const [unused, used] = (published.body.mentorships as { id: string }[]).map((m) => m.id);
    // "Used": the server holds something of the pair's document (a pair opened before opens were recorded).
    const doc = new Y.Doc();
    migrateMentorshipDoc(doc);
    server.store.appendDocUpdate(mentorshipDocName(used!), Y.encodeStateAsUpdate(doc));

    const refused = await api(server.url, coordinator, 'POST', `/api/mentorships/${used}/unpublish`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('pair_in_use');
    // The seeded demo pairs come from no run.
    expect(
      (await api(server.url, coordinator, 'POST', '/api/mentorships/demo-pair-2/unpublish')).body.error?.code
    ).toBe('not_from_matching');
    expect((await api(server.url, cookies[0]!, 'POST', `/api/mentorships/${unused}/unpublish`)).status).toBe(403);
    expectBody(
      await api(server.url, coordinator, 'POST', `/api/mentorships/${unused}/unpublish`),
      200,
      OkResponseSchema
    );
    expect(server.store.getMentorship(unused!)).toBeNull();
    expect((await api(server.url, coordinator, 'POST', `/api/mentorships/${unused}/unpublish`)).status).toBe(404);
  });

  it('refuses once a member opened the pair (a sync connection that wrote nothing); otherwise tells both members', async () => {
    const smtp = await startTestSmtpServer();
    const server = await startTestServer({ mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    onTestFinished(async () => {
      await server.close();
      await smtp.close();
    });
    const coordinator = (await login(server.url, 'coordinator@example.org'))!;
    const run = expectBody(
      await api(server.url, coordinator, 'POST', `${P}/matching/runs`, {}),
      201,
      MatchingRunSchema
    );
    const published = await api(server.url, coordinator, 'POST', `${P}/matching/runs/${run.id}/publish`, {});
    const pairs = (published.body.mentorships as { id: string; mentor: { id: string }; mentee: { id: string } }[]).map(
      (m) => ({ id: m.id, mentorId: m.mentor.id, menteeId: m.mentee.id })
    );
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    const [opened, untouched] = pairs as [(typeof pairs)[0], (typeof pairs)[0]];
    const emailOf = (id: string) => server.store.findUserById(id)!.email;
    const progress = async () =>
      expectBody(await api(server.url, coordinator, 'GET', `${P}/progress`), 200, ProgrammeProgressSchema).pairs;
    expect((await progress()).find((p) => p.mentorshipId === opened.id)?.unpublishable).toBe(true);

    // The mentee opens the workspace: the app connects to the pair's document and may write nothing at all.
    const mentee = await login(server.url, emailOf(opened.menteeId), 'mop-demo');
    const client = connectClient(server, mentorshipDocName(opened.id), mentee);
    await waitSynced(client);
    client.destroy();
    expect(server.store.loadDocUpdates(mentorshipDocName(opened.id))).toEqual([]);
    expect((await progress()).find((p) => p.mentorshipId === opened.id)?.unpublishable).toBe(false);
    const refused = await api(server.url, coordinator, 'POST', `/api/mentorships/${opened.id}/unpublish`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('pair_in_use');
    expect(server.store.getMentorship(opened.id)).not.toBeNull();

    // A pair nobody opened: removed, both members told, the old link answers "withdrawn" to them only.
    expectBody(
      await api(server.url, coordinator, 'POST', `/api/mentorships/${untouched.id}/unpublish`),
      200,
      OkResponseSchema
    );
    const withdrawnMail = (to: string) =>
      waitFor(
        () => smtp.received.some((m) => m.to === to && /was withdrawn/.test(m.subject)),
        `withdrawn mail to ${to}`,
        // Behind the match e-mails of the whole run, on a loaded machine.
        30_000
      );
    await withdrawnMail(emailOf(untouched.mentorId));
    await withdrawnMail(emailOf(untouched.menteeId));
    // Nobody else is told (the opened pair's members were matched, never withdrawn).
    expect(smtp.received.filter((m) => /was withdrawn/.test(m.subject))).toHaveLength(2);
    const member = await login(server.url, emailOf(untouched.mentorId), 'mop-demo');
    expect(
      expectBody(
        await api(server.url, member, 'GET', `/api/mentorships/${untouched.id}/withdrawn`),
        200,
        MentorshipWithdrawnSchema
      ).withdrawn
    ).toBe(true);
    expect(
      expectBody(
        await api(server.url, coordinator, 'GET', `/api/mentorships/${untouched.id}/withdrawn`),
        200,
        MentorshipWithdrawnSchema
      ).withdrawn
    ).toBe(false);
  }, 90_000);
});

describe('reports and exports', () => {
  it('give counts only: no note, message, goal, end note or feedback text in any report or export', async () => {
    const { server, cookies } = await freshDemoServer(EMAILS);
    const [mentor, mentee, coordinator, admin] = cookies as [string, string, string, string];
    const doc = new Y.Doc();
    migrateMentorshipDoc(doc);
    createNote(doc, { title: 'SECRET-NOTE', date: '2025-03-31', createdBy: 'demo-mentor-1' });
    sendMessage(doc, { author: 'demo-mentee-1', text: 'SECRET-MESSAGE' });
    addGoal(doc, { title: 'SECRET-GOAL', createdBy: 'demo-mentee-1' });
    server.store.appendDocUpdate(mentorshipDocName('demo-pair-1'), Y.encodeStateAsUpdate(doc));
    await api(server.url, coordinator, 'PUT', `${P}/feedback-questions`, { questions: ['Anything else?'] });
    await api(server.url, mentee, 'POST', '/api/mentorships/demo-pair-1/end', {
      reason: 'not-a-fit',
      note: 'SECRET-END-NOTE'
    });
    await api(
      server.url,
      mentee,
      'PUT',
      '/api/mentorships/demo-pair-1/feedback',
      feedback({ shareIndividually: true })
    );
    await api(server.url, mentor, 'PUT', '/api/mentorships/demo-pair-1/feedback', feedback());

    const report = expectBody(await api(server.url, coordinator, 'GET', `${P}/report`), 200, ProgrammeReportSchema);
    expect(report.pairs).toMatchObject({ active: 1, ended: 1, endedByReason: { 'not-a-fit': 1 } });
    expect(report.feedback).toEqual({ responses: 2, relationshipAverage: 2, programmeAverage: 4 });
    expect(report.goalsTotal).toBe(1);
    expect(report.participants.joined).toBeGreaterThan(4);

    const texts: string[] = [JSON.stringify(report)];
    texts.push(JSON.stringify((await api(server.url, admin, 'GET', '/api/reports')).body));
    const csvResponse = await fetch(`${server.url}${P}/report.csv?from=2020-01-01`, {
      headers: { cookie: coordinator }
    });
    expect(csvResponse.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await csvResponse.text();
    texts.push(csv);
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // The reasons read as on the dashboard, in the language asked for (English without one), never as raw keys.
    expect(rows).toContainEqual([DEMO_PROGRAMME_ID, 'pairs ended by reason', 'No longer a good fit', '1']);
    expect(rows).toContainEqual([DEMO_PROGRAMME_ID, 'pairs ended by reason', 'Account deleted', '0']);
    expect(csv).not.toContain('not-a-fit');
    const xlsx = await fetch(`${server.url}${P}/report.xlsx?lang=it`, { headers: { cookie: coordinator } });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
    expect(cells.some((c) => c.includes('"Non è più un buon abbinamento",1'))).toBe(true);
    texts.push(cells.join('\n'));
    for (const text of texts) for (const secret of [...SECRETS, 'SECRET-NOTE']) expect(text).not.toContain(secret);

    const reports = expectBody(await api(server.url, admin, 'GET', '/api/reports'), 200, ReportListSchema);
    expect(reports.reports.map((r) => r.programmeId)).toContain(DEMO_PROGRAMME_ID);
    expect((await api(server.url, coordinator, 'GET', '/api/reports')).status).toBe(403);
    expect((await api(server.url, coordinator, 'GET', `${P}/report?from=yesterday`)).status).toBe(400);
    expect((await api(server.url, coordinator, 'GET', `${P}/report?from=2026-02-01&to=2026-01-01`)).status).toBe(400);
    expect((await api(server.url, coordinator, 'GET', `${P}/report?inactiveWeeks=0`)).status).toBe(400);
    // A range before anything happened: nothing ended then.
    const early = expectBody(
      await api(server.url, coordinator, 'GET', `${P}/report?to=2000-01-01`),
      200,
      ProgrammeReportSchema
    );
    expect(early.pairs.ended).toBe(0);

    // A member deletes their account: their active pair closes with no chosen reason, counted as an account deletion
    // rather than as "other".
    await server.eraseUserData('demo-mentee-2');
    const after = expectBody(await api(server.url, coordinator, 'GET', `${P}/report`), 200, ProgrammeReportSchema);
    expect(after.pairs.endedByReason).toMatchObject({ 'not-a-fit': 1, other: 0, 'account-deleted': 1 });
  });

  it('exports and erases a person’s feedback and endings', async () => {
    const { server, cookies } = await freshDemoServer(EMAILS);
    const mentee = cookies[1]!;
    await api(server.url, cookies[2]!, 'PUT', `${P}/feedback-questions`, { questions: ['Anything else?'] });
    await api(server.url, mentee, 'POST', '/api/mentorships/demo-pair-1/end', { reason: 'other', note: 'my note' });
    await api(server.url, mentee, 'PUT', '/api/mentorships/demo-pair-1/feedback', feedback());
    const files = await server.exportUserData('demo-mentee-1');
    const all = files.flatMap((f) => f.files.map((file) => String(file.content))).join('\n');
    expect(all).toContain('SECRET-HELPED');
    expect(all).toContain('my note');
    await server.eraseUserData('demo-mentee-1');
    const row = server.db
      .prepare('SELECT ended_by, end_note, end_reason FROM mentorships WHERE id = ?')
      .get('demo-pair-1');
    expect(row).toEqual({ ended_by: null, end_note: '', end_reason: 'other' });
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM mentorship_feedback').get()).toEqual({ n: 0 });
  });
});
