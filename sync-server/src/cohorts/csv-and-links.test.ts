import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@mop/shared';
import { EVERYONE, PASSWORD, startRealInstall, type RealInstall } from './test-install.ts';
import { login, upgradeStatus, connectClient, waitFor } from '../test-support/harness.ts';

let install: RealInstall;
beforeAll(async () => {
  install = await startRealInstall();
});
afterAll(async () => {
  await install.server.close();
});

const upload = (body: string | Uint8Array, dryRun: boolean, who: 'coordinator' | 'otherCoordinator' = 'coordinator') =>
  fetch(`${install.server.url}/api/programmes/${install.programmeId}/invitations/csv${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { cookie: install.cookies[who], 'content-type': 'text/csv' },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)])
  });

const invitationCount = () =>
  (install.server.db.prepare('SELECT COUNT(*) AS n FROM invitations').get() as { n: number }).n;

describe('CSV invitations', () => {
  it('reports every row problem in the preview and sends nothing while any remains', async () => {
    const latin1 = Buffer.from('Jos\xe9 Garc\xeda,jose@x.example,mentee\n', 'latin1');
    const csv = Buffer.concat([
      Buffer.from(
        '\ufeffName;E-mail;Role;Language\n' +
          'Ana Good;ana@x.example;mentor;it\n' +
          'Dup One;dup@x.example;mentee;\n' +
          'Dup Two;DUP@x.example;mentee;\n' +
          "=cmd|' /C calc'!A0;evil@x.example;mentee;\n" +
          'No Mail;;mentee;\n' +
          'Bad Role;role@x.example;boss;\n' +
          'Wrong Lang;lang@x.example;mentor;fr\n' +
          'Already;mentor@partner.example;mentor;\n'
      ),
      Buffer.from(latin1.toString('latin1').replace(/,/g, ';'), 'latin1')
    ]);
    const before = invitationCount();
    const preview = await upload(csv, true);
    expect(preview.status).toBe(200);
    const result = await preview.json();
    expect(result).toMatchObject({ rows: 9, valid: 2, fileProblems: [], invitations: [] });
    type Problem = { code: string; params: Record<string, string | number>; message: string };
    const problems: Record<number, Problem[]> = Object.fromEntries(
      result.report.map((row: { line: number; problems: Problem[] }) => [row.line, row.problems])
    );
    const codes = (line: number) => (problems[line] ?? []).map((p) => p.code);
    expect(problems[2]).toEqual([]);
    expect(problems[3]).toEqual([]);
    // A code and its values, for the app to word in the reader's language; the English sentence for API users.
    expect(problems[4]).toEqual([{ code: 'duplicate', params: { line: 3 }, message: 'the same e-mail as line 3' }]);
    expect(problems[5]?.[0]).toMatchObject({ code: 'formula', params: { column: 'name', start: '=' } });
    expect(problems[5]?.[0]?.message).toMatch(/starts with "=".*formula/);
    expect(problems[6]).toEqual([expect.objectContaining({ code: 'missing', params: { column: 'email' } })]);
    expect(problems[7]).toEqual([expect.objectContaining({ code: 'unknown_role', params: { value: 'boss' } })]);
    expect(problems[8]).toEqual([expect.objectContaining({ code: 'unknown_language', params: { value: 'fr' } })]);
    expect(problems[9]).toEqual([expect.objectContaining({ code: 'already_member', params: { role: 'mentor' } })]);
    expect(codes(10)).toEqual(['not_utf8']);
    expect(problems[10]?.[0]?.message).toMatch(/could not be read.*CSV UTF-8/);

    const refused = await upload(csv, false);
    expect(refused.status).toBe(422);
    const refusal = (await refused.json()).error;
    expect(refusal).toMatchObject({
      code: 'csv_has_problems',
      message: 'Nothing was sent: line 4: the same e-mail as line 3'
    });
    // The first line with problems, as codes the app words in the reader's language.
    expect(refusal.details).toEqual({
      line: 4,
      problems: [expect.objectContaining({ code: 'duplicate', params: { line: 3 } })]
    });
    expect(invitationCount()).toBe(before);
  });

  it('a file without the needed columns is a file problem; another content type is a 415', async () => {
    const result = await (await upload('first,last\nA,B\n', true)).json();
    expect(result.fileProblems).toEqual([
      expect.objectContaining({ code: 'missing_column', params: { column: 'name', found: 'first, last' } }),
      expect.objectContaining({ code: 'missing_column', params: { column: 'email', found: 'first, last' } }),
      expect.objectContaining({ code: 'missing_column', params: { column: 'role', found: 'first, last' } })
    ]);
    expect(result.fileProblems[0].message).toMatch(/no "name" column/);
    const wrong = await fetch(`${install.server.url}/api/programmes/${install.programmeId}/invitations/csv`, {
      method: 'POST',
      headers: { cookie: install.cookies.coordinator, 'content-type': 'application/json' },
      body: '{}'
    });
    expect(wrong.status).toBe(415);
  });

  it('only the programme coordinator or an admin may upload', async () => {
    expect((await upload('name,email,role\nA,a@x.example,mentee\n', true, 'otherCoordinator')).status).toBe(403);
  });

  it('previews and imports 10,000 rows at once, and refuses 10,001', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `Person ${i},p${i}@bulk.example,${i % 3 ? 'mentee' : 'mentor'}`
    );
    const csv = `name,email,role\n${rows.join('\n')}\n`;
    const preview = await (await upload(csv, true)).json();
    expect(preview).toMatchObject({ rows: 10_000, valid: 10_000 });
    const before = invitationCount();
    const imported = await upload(csv, false);
    expect(imported.status).toBe(201);
    expect((await imported.json()).invitations).toHaveLength(10_000);
    expect(invitationCount()).toBe(before + 10_000);
    expect(install.mails.filter((m) => m.to.endsWith('@bulk.example'))).toHaveLength(10_000);
    const tooMany = await (await upload(`${csv}Extra,extra@bulk.example,mentee\n`, true)).json();
    expect(tooMany.fileProblems).toEqual([
      { code: 'too_many_rows', params: { rows: 10_001, max: 10_000 }, message: expect.stringMatching(/10001 rows/) }
    ]);
  }, 60_000);
});

describe('workshop join links', () => {
  it('never makes anyone a coordinator', async () => {
    const response = await install.call('coordinator', 'POST', `/api/programmes/${install.programmeId}/join-links`, {
      role: 'coordinator',
      expiresInHours: 2,
      maxUses: 30
    });
    expect(response.status).toBe(400);
  });

  it('joins from the link, waits for approval, respects max uses, and the coordinator approves', async () => {
    const created = await install.call('coordinator', 'POST', `/api/programmes/${install.programmeId}/join-links`, {
      role: 'mentee',
      expiresInHours: 2,
      maxUses: 2
    });
    expect(created.status).toBe(201);
    const { link } = await created.json();
    const token = link.split('#')[1];
    expect(await (await fetch(`${install.server.url}/api/join/${token}`)).json()).toMatchObject({
      programmeName: 'Cohort 2026',
      role: 'mentee',
      approvalRequired: true
    });
    const join = (n: number) =>
      fetch(`${install.server.url}/api/join/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Walk-in ${n}`,
          email: `walkin${n}@x.example`,
          password: PASSWORD,
          language: 'en'
        })
      });
    const first = await join(1);
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toContain(SESSION_COOKIE);
    expect(await first.json()).toMatchObject({ pending: true, next: '/profile' });
    expect((await join(2)).status).toBe(200);
    const third = await join(3);
    expect(third.status).toBe(410);
    expect((await third.json()).error.code).toBe('join_link_used_up');

    const pending = await (
      await install.call('coordinator', 'GET', `/api/programmes/${install.programmeId}/pending`)
    ).json();
    expect(pending.pending.map((p: { name: string }) => p.name)).toEqual(['Walk-in 1', 'Walk-in 2']);
    const walkIn = pending.pending[0].userId;
    expect(install.server.store.listProgrammeRoles(walkIn)).toEqual([]);
    // The coordinator is told someone waits; the walk-in is asked to confirm the typed address.
    expect(install.mails.filter((m) => m.to === 'coordinator@partner.example').map((m) => m.subject)).toContain(
      'Walk-in 1 waits for your approval in Cohort 2026'
    );
    expect(pending.pending[0].emailConfirmed).toBe(false);
    const early = await install.call(
      'coordinator',
      'POST',
      `/api/programmes/${install.programmeId}/pending/${walkIn}/approve`
    );
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe('email_unconfirmed');
    const confirmMail = install.mails.filter((m) => m.to === 'walkin1@x.example').at(-1);
    const confirmToken = /\/confirm-email#token=([A-Za-z0-9_-]+)/.exec(confirmMail?.text ?? '')?.[1];
    expect(confirmToken).toBeDefined();
    const confirmed = await fetch(`${install.server.url}/api/auth/confirm-email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: confirmToken })
    });
    expect(confirmed.status).toBe(200);
    // The first confirmation of the address typed at sign-up: the page must not speak of a "new" address.
    expect(await confirmed.json()).toEqual({ email: 'walkin1@x.example', changed: false });
    const afterConfirm = await (
      await install.call('coordinator', 'GET', `/api/programmes/${install.programmeId}/pending`)
    ).json();
    expect(afterConfirm.pending[0]).toMatchObject({ userId: walkIn, emailConfirmed: true });
    const approved = await install.call(
      'coordinator',
      'POST',
      `/api/programmes/${install.programmeId}/pending/${walkIn}/approve`
    );
    expect((await approved.json()).pending).toHaveLength(1);
    expect(install.server.store.listProgrammeRoles(walkIn)).toEqual([
      { programmeId: install.programmeId, role: 'mentee' }
    ]);
    expect(install.mails.filter((m) => m.to === 'walkin1@x.example').at(-1)?.subject).toBe('You are in: Cohort 2026');
    const otherApproves = await install.call(
      'otherCoordinator',
      'POST',
      `/api/programmes/${install.programmeId}/pending/${pending.pending[1].userId}/decline`
    );
    expect(otherApproves.status).toBe(403);
  });
});

describe('admin console', () => {
  it('searches and filters users, for admins only', async () => {
    for (const who of EVERYONE) {
      const response = await install.call(who, 'GET', '/api/admin/users?q=partner');
      expect(response.status, who).toBe(who === 'admin' ? 200 : who === 'anonymous' ? 401 : 403);
    }
    const byRole = await (await install.call('admin', 'GET', '/api/admin/users?role=mentor&q=partner')).json();
    expect(byRole.users.map((u: { email: string }) => u.email)).toEqual(['mentor@partner.example']);
    const byProgramme = await (
      await install.call('admin', 'GET', `/api/admin/users?programmeId=${install.otherProgrammeId}`)
    ).json();
    expect(byProgramme.users.map((u: { email: string }) => u.email)).toContain('othercoordinator@partner.example');
    const wildcard = await (await install.call('admin', 'GET', '/api/admin/users?q=%25')).json();
    expect(wildcard.total).toBe(0);
  });

  it('deactivating ends sessions and open sockets at once, refuses sign-in, and is audited', async () => {
    const cookie = await login(install.server.url, 'mentor@partner.example', PASSWORD);
    const client = connectClient(install.server, 'profile:user-mentor', cookie);
    await waitFor(() => client.provider.wsconnected, 'socket to open');
    const closed = new Promise<number>((resolve) =>
      client.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code))
    );
    const response = await install.call('admin', 'POST', '/api/admin/users/user-mentor/deactivate');
    expect(response.status).toBe(200);
    expect((await response.json()).deactivatedAt).not.toBeNull();
    expect(await closed).toBeGreaterThanOrEqual(4000);
    client.destroy();
    expect((await fetch(`${install.server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect(await upgradeStatus(`${install.server.wsUrl}/profile:user-mentor`, { cookie })).not.toBe(101);
    const signIn = await fetch(`${install.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mentor@partner.example', password: PASSWORD })
    });
    expect(signIn.status).toBe(403);
    expect((await signIn.json()).error.code).toBe('account_deactivated');

    expect((await install.call('admin', 'POST', '/api/admin/users/user-mentor/reactivate')).status).toBe(200);
    expect((await install.call('admin', 'PATCH', '/api/admin/users/user-mentor', { role: 'coordinator' })).status).toBe(
      200
    );
    const audit = await (await install.call('admin', 'GET', '/api/admin/audit?targetUserId=user-mentor')).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual([
      'user.role',
      'user.reactivate',
      'user.deactivate'
    ]);
    expect((await install.call('admin', 'PATCH', '/api/admin/users/user-mentor', { role: 'root' })).status).toBe(400);
  });
});
