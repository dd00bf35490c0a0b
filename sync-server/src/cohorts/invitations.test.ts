import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevokedInvitationSchema, SESSION_COOKIE } from '@mop/shared';
import { readJson } from '../test-support/responses.ts';
import { EVERYONE, linkInMail, startRealInstall, type RealInstall, type Who } from './test-install.ts';

let install: RealInstall;
let clock = new Date();
beforeAll(async () => {
  install = await startRealInstall({ now: () => clock });
});
afterAll(async () => {
  await install.server.close();
});

const tokenOf = (link: string) => link.split('#')[1] ?? '';

/** Who may do what: admins and the programme's own coordinator, nobody else. */
const COORDINATORS: readonly Who[] = ['admin', 'coordinator'];

describe('authorisation of every cohorts endpoint', () => {
  const cases: [string, string, (i: RealInstall) => string, unknown, readonly Who[]][] = [
    ['GET', 'organisations', () => '/api/organisations', undefined, ['admin']],
    ['POST', 'organisations', () => '/api/organisations', { name: 'New org' }, ['admin']],
    ['POST', 'programmes', () => '/api/programmes', undefined, ['admin']],
    ['GET', 'details', (i) => `/api/programmes/${i.programmeId}/details`, undefined, COORDINATORS],
    ['PATCH', 'edit', (i) => `/api/programmes/${i.programmeId}`, { description: 'Edited' }, COORDINATORS],
    ['GET', 'invitations', (i) => `/api/programmes/${i.programmeId}/invitations`, undefined, COORDINATORS],
    ['GET', 'join links', (i) => `/api/programmes/${i.programmeId}/join-links`, undefined, COORDINATORS],
    ['GET', 'pending', (i) => `/api/programmes/${i.programmeId}/pending`, undefined, COORDINATORS],
    ['GET', 'audit', () => '/api/admin/audit', undefined, ['admin']]
  ];
  for (const [method, what, path, body, allowed] of cases) {
    it(`${method} ${what}: ${allowed.join(', ')} only`, async () => {
      for (const who of EVERYONE) {
        const payload = what === 'programmes' ? { organisationId: install.organisationId, name: `By ${who}` } : body;
        const response = await install.call(who, method, path(install), payload);
        const expected = allowed.includes(who) ? [200, 201] : who === 'anonymous' ? [401] : [403];
        expect(expected, `${who} ${method} ${what} answered ${response.status}`).toContain(response.status);
        if (response.status >= 400) expect((await response.json()).error.code).toMatch(/unauthenticated|forbidden/);
      }
    });
  }

  it('inviting: admins and the own coordinator only; a coordinator of another programme cannot', async () => {
    for (const who of EVERYONE) {
      const response = await install.call(who, 'POST', `/api/programmes/${install.programmeId}/invitations`, {
        invitations: [{ name: `Invited by ${who}`, email: `by-${who.toLowerCase()}@x.example`, role: 'mentee' }]
      });
      expect(response.status, who).toBe(COORDINATORS.includes(who) ? 201 : who === 'anonymous' ? 401 : 403);
    }
  });
});

describe('invitations', () => {
  it('invites a coordinator, who accepts from the mailed link, sets a password and is signed in', async () => {
    const invited = await install.call('admin', 'POST', `/api/programmes/${install.otherProgrammeId}/invitations`, {
      invitations: [{ name: 'Cora Coordinator', email: 'Cora@Partner.example', role: 'coordinator', language: 'it' }]
    });
    expect(invited.status).toBe(201);
    const mail = install.mails.at(-1);
    expect(mail).toMatchObject({ to: 'cora@partner.example', category: 'invitation' });
    expect(mail?.subject).toContain('Other cohort');
    expect(mail?.text).toContain('come coordinatore');
    const link = linkInMail(install.mails, 'cora@partner.example');
    const token = tokenOf(link);
    // Only the hash is stored.
    const rows = install.server.db.prepare('SELECT token_hash FROM invitations').all() as { token_hash: string }[];
    expect(rows.some((row) => row.token_hash === token)).toBe(false);

    const preview = await fetch(`${install.server.url}/api/invitations/${token}`);
    expect(await preview.json()).toMatchObject({
      programmeName: 'Other cohort',
      organisationName: 'Partner Org',
      role: 'coordinator',
      existingAccount: false
    });
    const list = await (
      await install.call('admin', 'GET', `/api/programmes/${install.otherProgrammeId}/invitations`)
    ).json();
    expect(list.invitations[0]).toMatchObject({ email: 'cora@partner.example', status: 'opened' });

    const accepted = await fetch(`${install.server.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cora C.', password: 'cora password 1' })
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
    const joined = await accepted.json();
    expect(joined).toMatchObject({ pending: false, next: `/programmes/${install.otherProgrammeId}/manage` });
    expect(joined.user).toMatchObject({ email: 'cora@partner.example', role: 'coordinator' });

    const second = await fetch(`${install.server.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory', password: 'mallory password' })
    });
    expect(second.status).toBe(410);
    expect((await second.json()).error.code).toBe('invitation_used');
  });

  it('an existing account must sign in to accept, then gains the membership with another role', async () => {
    await install.call('admin', 'POST', `/api/programmes/${install.otherProgrammeId}/invitations`, {
      invitations: [{ name: 'Mentee person', email: 'mentee@partner.example', role: 'mentor' }]
    });
    const token = tokenOf(linkInMail(install.mails, 'mentee@partner.example'));
    expect(await (await fetch(`${install.server.url}/api/invitations/${token}`)).json()).toMatchObject({
      existingAccount: true
    });
    const anonymous = await install.call('anonymous', 'POST', `/api/invitations/${token}/accept`, {});
    expect(anonymous.status).toBe(409);
    expect((await anonymous.json()).error.code).toBe('sign_in_required');
    const wrongPerson = await install.call('mentor', 'POST', `/api/invitations/${token}/accept`, {});
    expect(wrongPerson.status).toBe(409);
    const accepted = await install.call('mentee', 'POST', `/api/invitations/${token}/accept`, {});
    expect(accepted.status).toBe(200);
    const roles = install.server.store.listProgrammeRoles('user-mentee');
    expect(roles).toEqual(
      expect.arrayContaining([
        { programmeId: install.programmeId, role: 'mentee' },
        { programmeId: install.otherProgrammeId, role: 'mentor' }
      ])
    );
  });

  it('expires, renews (the old link dies) and revokes', async () => {
    const created = await (
      await install.call('coordinator', 'POST', `/api/programmes/${install.programmeId}/invitations`, {
        invitations: [{ name: 'Late Larry', email: 'larry@x.example', role: 'mentee' }]
      })
    ).json();
    const { invitation, link } = created.invitations[0];
    const saved = clock;
    clock = new Date(saved.getTime() + 15 * 86_400_000);
    const expired = await fetch(`${install.server.url}/api/invitations/${tokenOf(link)}`);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('invitation_expired');
    const listed = await (
      await install.call('coordinator', 'GET', `/api/programmes/${install.programmeId}/invitations`)
    ).json();
    expect(listed.invitations.find((i: { id: string }) => i.id === invitation.id).status).toBe('expired');

    const copied = await (
      await install.call(
        'coordinator',
        'POST',
        `/api/programmes/${install.programmeId}/invitations/${invitation.id}/link`
      )
    ).json();
    expect(copied.invitation.status).toBe('sent');
    expect((await fetch(`${install.server.url}/api/invitations/${tokenOf(link)}`)).status).toBe(404);
    expect((await fetch(`${install.server.url}/api/invitations/${tokenOf(copied.link)}`)).status).toBe(200);

    const revoked = await install.call(
      'coordinator',
      'POST',
      `/api/programmes/${install.programmeId}/invitations/${invitation.id}/revoke`
    );
    expect((await readJson(revoked, RevokedInvitationSchema)).invitation.status).toBe('revoked');
    const gone = await fetch(`${install.server.url}/api/invitations/${tokenOf(copied.link)}`);
    expect((await gone.json()).error.code).toBe('invitation_revoked');
    clock = saved;
  });

  it('refuses inviting someone twice, and an unknown token is a 404', async () => {
    const twice = await install.call('coordinator', 'POST', `/api/programmes/${install.programmeId}/invitations`, {
      invitations: [{ name: 'Mentor', email: 'mentor@partner.example', role: 'mentor' }]
    });
    expect(twice.status).toBe(409);
    const refusal = (await twice.json()).error;
    expect(refusal.message).toMatch(/already a mentor/);
    // Codes and params for the app to word in the reader's language, as the CSV preview's problems.
    expect(refusal.details).toEqual({
      email: 'mentor@partner.example',
      problems: [expect.objectContaining({ code: 'already_member', params: { role: 'mentor' } })]
    });
    const listedTwice = await install.call(
      'coordinator',
      'POST',
      `/api/programmes/${install.programmeId}/invitations`,
      {
        invitations: [
          { name: 'Nina', email: 'nina@partner.example', role: 'mentee' },
          { name: 'Nina', email: 'nina@partner.example', role: 'mentee' }
        ]
      }
    );
    expect(listedTwice.status).toBe(409);
    expect((await listedTwice.json()).error.details).toEqual({
      email: 'nina@partner.example',
      problems: [expect.objectContaining({ code: 'duplicate', params: { line: 1 } })]
    });
    expect((await fetch(`${install.server.url}/api/invitations/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${install.server.url}/api/invitations/not-a-token`)).status).toBe(404);
  });

  it('bad bodies are 4xx JSON naming the problem', async () => {
    const path = `/api/programmes/${install.programmeId}/invitations`;
    const bad = await install.call('coordinator', 'POST', path, {
      invitations: [{ name: 'X', email: 'nope', role: 'admin' }]
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/email.*not a valid address.*role/);
    const unknown = await install.call('coordinator', 'POST', path, { invitations: [], extra: 1 });
    expect(unknown.status).toBe(400);
  });
});

describe('programmes', () => {
  it('a coordinator edits, duplicates (settings, no people unless asked) and archives', async () => {
    const path = `/api/programmes/${install.programmeId}`;
    const edited = await install.call('coordinator', 'PATCH', path, {
      startsOn: '2026-02-01',
      endsOn: '2026-08-31',
      languages: ['en', 'it'],
      joinMode: 'open',
      selfMatching: true
    });
    expect(await edited.json()).toMatchObject({ languages: ['en', 'it'], joinMode: 'open', selfMatching: true });
    const backwards = await install.call('coordinator', 'PATCH', path, { endsOn: '2026-01-01' });
    expect(backwards.status).toBe(400);
    await install.call('coordinator', 'PUT', `${path}/matching/settings`, { weights: { skills: 77 } });

    const copy = await (
      await install.call('coordinator', 'POST', `${path}/duplicate`, { name: 'Cohort 2027', archiveOriginal: true })
    ).json();
    expect(copy).toMatchObject({ name: 'Cohort 2027', languages: ['en', 'it'], selfMatching: true, startsOn: null });
    const settings = await (
      await install.call('coordinator', 'GET', `/api/programmes/${copy.id}/matching/settings`)
    ).json();
    expect(settings.weights.skills).toBe(77);
    const members = install.server.db
      .prepare('SELECT user_id, role FROM programme_members WHERE programme_id = ?')
      .all(copy.id);
    expect(members).toEqual([{ user_id: 'user-coordinator', role: 'coordinator' }]);

    // The original is archived: read-only, hidden from the lists, its data kept.
    expect((await install.call('coordinator', 'PATCH', path, { description: 'x' })).status).toBe(409);
    const mine = await (await install.call('mentee', 'GET', '/api/programmes')).json();
    expect(mine.programmes.map((p: { id: string }) => p.id)).not.toContain(install.programmeId);
    const admin = await (await install.call('admin', 'GET', '/api/admin/programmes')).json();
    expect(admin.programmes.map((p: { id: string }) => p.id)).not.toContain(install.programmeId);
    const withArchived = await (await install.call('admin', 'GET', '/api/admin/programmes?archived=1')).json();
    expect(withArchived.programmes.map((p: { id: string }) => p.id)).toContain(install.programmeId);
    expect((await install.call('coordinator', 'POST', `${path}/unarchive`)).status).toBe(200);

    const audit = await (
      await install.call('admin', 'GET', `/api/admin/audit?programmeId=${install.programmeId}`)
    ).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['programme.update', 'programme.archive', 'programme.unarchive'])
    );
    expect(audit.entries[0].actorName).toContain('coordinator@partner.example');
  });
});
