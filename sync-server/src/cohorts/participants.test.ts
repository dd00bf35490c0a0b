import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import * as Y from 'yjs';
import { ParticipantChangeResultSchema, profileDocName, readProfile } from '@mop/shared';
import { hashPassword } from '../auth/passwords.ts';
import { readError } from '../test-support/responses.ts';
import { EVERYONE, PASSWORD, startRealInstall, type RealInstall, type Who } from './test-install.ts';

let install: RealInstall;
beforeAll(async () => {
  install = await startRealInstall();
});
afterAll(async () => {
  await install.server.close();
});

const COORDINATORS: readonly Who[] = ['admin', 'coordinator'];

let people = 0;
/** A fresh mentee (or mentor) of the coordinator's programme, so no test depends on another's changes. */
async function newParticipant(role: 'mentor' | 'mentee' = 'mentee', programmeId = install.programmeId) {
  people += 1;
  const id = `participant-${people}`;
  install.server.store.createUser({
    id,
    email: `${id}@partner.example`,
    name: `Person ${people}`,
    role,
    passwordHash: await hashPassword(PASSWORD)
  });
  install.server.store.addProgrammeMember(programmeId, id, role);
  return id;
}

const rolesOf = (programmeId: string, userId: string) =>
  (
    install.server.db
      .prepare('SELECT role FROM programme_members WHERE programme_id = ? AND user_id = ? ORDER BY role')
      .all(programmeId, userId) as { role: string }[]
  ).map((row) => row.role);

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('participants: who may act', () => {
  const actions: [string, (userId: string) => [string, string, unknown]][] = [
    ['remove', (u) => ['POST', `/api/programmes/${install.programmeId}/participants/${u}/remove`, {}]],
    ['change role', (u) => ['PATCH', `/api/programmes/${install.programmeId}/participants/${u}`, { role: 'mentor' }]],
    [
      'move',
      (u) => [
        'PATCH',
        `/api/programmes/${install.programmeId}/participants/${u}`,
        { moveToProgrammeId: install.otherProgrammeId }
      ]
    ]
  ];
  for (const [what, request] of actions) {
    it(`${what}: admins and the programme's coordinator only`, async () => {
      for (const who of EVERYONE) {
        const userId = await newParticipant();
        const [method, path, body] = request(userId);
        const response = await install.call(who, method, path, body);
        if (what === 'move' && who === 'coordinator') {
          // Their own programme, but the target is another coordinator's.
          expect(response.status, who).toBe(403);
          continue;
        }
        const expected = COORDINATORS.includes(who) ? 200 : who === 'anonymous' ? 401 : 403;
        expect(response.status, `${who} ${what}`).toBe(expected);
        if (expected !== 200) {
          expect(await errorCode(response)).toMatch(/unauthenticated|forbidden/);
          expect(rolesOf(install.programmeId, userId)).toEqual(['mentee']);
        }
      }
    });
  }
});

describe('participants: what the actions do', () => {
  it('removes a mentee (audited), keeps the account, and a second removal is a 404', async () => {
    const userId = await newParticipant();
    const path = `/api/programmes/${install.programmeId}/participants/${userId}/remove`;
    const removed = await install.call('coordinator', 'POST', path, {});
    expect(v.parse(ParticipantChangeResultSchema, await removed.json())).toEqual({
      userId,
      programmeId: null,
      role: null,
      endedPairs: 0
    });
    expect(rolesOf(install.programmeId, userId)).toEqual([]);
    expect(install.server.store.findUserById(userId)).not.toBeNull();
    const again = await install.call('coordinator', 'POST', path, {});
    expect(again.status).toBe(404);
    const audit = await (await install.call('admin', 'GET', `/api/admin/audit?action=member.remove`)).json();
    expect(audit.entries[0]).toMatchObject({ targetUserId: userId, actorName: expect.stringContaining('coordinator') });
  });

  it('a person in a pair: refused naming the partner, then ended on request (the pair is closed, not deleted)', async () => {
    const mentee = await newParticipant('mentee');
    const mentor = await newParticipant('mentor');
    install.server.store.createMentorship({
      id: `pair-${mentee}`,
      programmeId: install.programmeId,
      mentorId: mentor,
      menteeId: mentee
    });
    const path = `/api/programmes/${install.programmeId}/participants/${mentee}/remove`;
    const refused = await install.call('coordinator', 'POST', path, {});
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('participant_has_pair');
    expect(error.message).toContain(`Person ${people}`);
    expect(rolesOf(install.programmeId, mentee)).toEqual(['mentee']);

    const removed = await install.call('coordinator', 'POST', path, { endPairs: true });
    expect((await removed.json()).endedPairs).toBe(1);
    expect(install.server.store.getMentorship(`pair-${mentee}`)?.status).toBe('closed');
    const audit = await (await install.call('admin', 'GET', `/api/admin/audit?action=mentorship.end`)).json();
    expect(audit.entries[0].details).toMatchObject({ mentorshipId: `pair-${mentee}` });
  });

  it('changes a mentee into a mentor: the membership and the questionnaire follow; the same role is a no-op', async () => {
    const userId = await newParticipant('mentee');
    const path = `/api/programmes/${install.programmeId}/participants/${userId}`;
    const changed = await install.call('coordinator', 'PATCH', path, { role: 'mentor' });
    expect(await changed.json()).toMatchObject({ role: 'mentor', programmeId: install.programmeId });
    expect(rolesOf(install.programmeId, userId)).toEqual(['mentor']);
    expect(install.server.store.findUserById(userId)?.role).toBe('mentor');
    const same = await install.call('coordinator', 'PATCH', path, { role: 'mentor' });
    expect(same.status).toBe(200);
    const participants = await (
      await install.call('coordinator', 'GET', `/api/programmes/${install.programmeId}/participants`)
    ).json();
    expect(participants.participants.find((p: { userId: string }) => p.userId === userId).role).toBe('mentor');
  });

  it('moves a person to another programme of the same coordinator, and refuses where they are already', async () => {
    const userId = await newParticipant('mentor');
    const path = `/api/programmes/${install.programmeId}/participants/${userId}`;
    // The admin runs both programmes.
    const moved = await install.call('admin', 'PATCH', path, { moveToProgrammeId: install.otherProgrammeId });
    expect(await moved.json()).toMatchObject({ programmeId: install.otherProgrammeId, role: 'mentor' });
    expect(rolesOf(install.programmeId, userId)).toEqual([]);
    expect(rolesOf(install.otherProgrammeId, userId)).toEqual(['mentor']);

    // A coordinator who also runs the other programme moves someone there; moving them again is refused.
    install.server.store.addProgrammeMember(install.otherProgrammeId, 'user-coordinator', 'coordinator');
    const second = await newParticipant('mentee');
    const secondPath = `/api/programmes/${install.programmeId}/participants/${second}`;
    install.server.store.addProgrammeMember(install.otherProgrammeId, second, 'mentee');
    const already = await install.call('coordinator', 'PATCH', secondPath, {
      moveToProgrammeId: install.otherProgrammeId
    });
    expect(already.status).toBe(409);
    expect(await errorCode(already)).toBe('already_member');
    install.server.db
      .prepare("DELETE FROM programme_members WHERE programme_id = ? AND user_id = 'user-coordinator'")
      .run(install.otherProgrammeId);
  });

  it('bad requests are 4xx JSON: both or neither change, an unknown target, the same programme, a coordinator role', async () => {
    const userId = await newParticipant();
    const path = `/api/programmes/${install.programmeId}/participants/${userId}`;
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ role: 'mentor', moveToProgrammeId: install.otherProgrammeId }, 400],
      [{ role: 'coordinator' }, 400],
      [{ role: 'mentor', extra: true }, 400],
      [{ moveToProgrammeId: 'no-such-programme' }, 404],
      [{ moveToProgrammeId: install.programmeId }, 400]
    ];
    for (const [body, status] of cases) {
      const response = await install.call('admin', 'PATCH', path, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const error = await readError(response);
      expect(error.code, JSON.stringify(body)).toBe(status === 404 ? 'not_found' : 'invalid_request');
      expect(error.message).not.toBe('');
    }
    const unknownPerson = await install.call(
      'admin',
      'POST',
      `/api/programmes/${install.programmeId}/participants/nobody/remove`,
      {}
    );
    expect(unknownPerson.status).toBe(404);
    // Coordinators are not participants: the page's actions do not reach them.
    const coordinator = await install.call(
      'admin',
      'POST',
      `/api/programmes/${install.programmeId}/participants/user-coordinator/remove`,
      {}
    );
    expect(coordinator.status).toBe(404);
    expect(rolesOf(install.programmeId, userId)).toEqual(['mentee']);
  });

  it('an archived programme is read-only: no removal', async () => {
    const userId = await newParticipant();
    await install.call('admin', 'POST', `/api/programmes/${install.programmeId}/archive`);
    const refused = await install.call(
      'coordinator',
      'POST',
      `/api/programmes/${install.programmeId}/participants/${userId}/remove`,
      {}
    );
    await install.call('admin', 'POST', `/api/programmes/${install.programmeId}/unarchive`);
    expect(refused.status).toBe(409);
    expect(await errorCode(refused)).toBe('programme_archived');
  });
});

describe('a new member starts with their name in the questionnaire', () => {
  it('an invitee who accepts finds the name they gave as the profile name', async () => {
    const created = await (
      await install.call('coordinator', 'POST', `/api/programmes/${install.programmeId}/invitations`, {
        invitations: [{ name: 'Nadia Invited', email: 'nadia@partner.example', role: 'mentee' }]
      })
    ).json();
    const token = String(created.invitations[0].link).split('#')[1];
    const accepted = await fetch(`${install.server.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nadia N.', password: PASSWORD })
    });
    const { user } = (await accepted.json()) as { user: { id: string } };
    const doc = new Y.Doc();
    for (const update of install.server.store.loadDocUpdates(profileDocName(user.id))) Y.applyUpdate(doc, update.data);
    expect(readProfile(doc).displayName).toBe('Nadia N.');
  });
});
