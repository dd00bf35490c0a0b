import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleContext } from '../module.ts';
import { PASSWORD, linkInMail, startRealInstall, type RealInstall } from '../cohorts/test-install.ts';
import {
  communityReplyMail,
  digestMail,
  joinSignUpMail,
  matchMail,
  partnerDeletedMail,
  pairEndedMail,
  reminderMail,
  requestAnsweredMail,
  requestReceivedMail,
  sessionMail,
  whenIn
} from '../notifications/templates.ts';
import { login } from '../test-support/harness.ts';
import type { MailTemplate } from './template.ts';

/**
 * Every e-mail to a person is in their language: the account's, else the language they were invited in (accounts
 * made before sign-up stored one have none), never English by default. The tester's case: Luis invited in Spanish,
 * Paolo in Italian, both got "You have a new mentor" in English.
 */
let install: RealInstall;
let ctx: ModuleContext | null = null;
beforeAll(async () => {
  install = await startRealInstall({ onContext: (c) => (ctx = c) });
});
afterAll(async () => {
  await install.server.close();
});

const PEOPLE = [
  { name: 'Luis Pérez', email: 'luis@partner.example', language: 'es' },
  { name: 'Paolo Bianchi', email: 'paolo@partner.example', language: 'it' }
] as const;

const url = 'https://mentoring.example.org/x';
const when = whenIn('2099-03-29T08:00:00.000Z', 'Europe/Rome');
/** One notice of every kind the notifier sends (its parameters as the modules give them). */
const KINDS: [string, MailTemplate<never>, unknown][] = [
  [
    'match',
    matchMail as MailTemplate<never>,
    {
      name: 'X',
      otherName: 'Javier Ruiz',
      otherRole: 'mentor',
      programmeName: 'Cohort 2026',
      reasons: { sectors: [], skills: [], languages: ['es'], overlapHoursPerWeek: 2, rank: 1 },
      url
    }
  ],
  [
    'pair ended',
    pairEndedMail as MailTemplate<never>,
    { name: 'X', enderName: 'Marco Rossi', reason: 'completed', url }
  ],
  [
    'messages digest',
    digestMail as MailTemplate<never>,
    { name: 'X', unread: [], lines: [{ label: 'A line', url }], url }
  ],
  [
    'session',
    sessionMail as MailTemplate<never>,
    { name: 'X', otherName: 'Marco Rossi', kind: 'proposed', when, url, uid: 'u' }
  ],
  [
    'session reminder',
    reminderMail as MailTemplate<never>,
    { name: 'X', otherName: 'Marco Rossi', when, url, late: false }
  ],
  [
    'community reply',
    communityReplyMail as MailTemplate<never>,
    { name: 'X', authorName: 'Ana', topicTitle: 'T', url }
  ],
  [
    'partner deleted',
    partnerDeletedMail as MailTemplate<never>,
    { name: 'X', otherRole: 'mentee', programmeName: 'Cohort 2026', url }
  ],
  [
    'join sign-up (coordinator)',
    joinSignUpMail as MailTemplate<never>,
    { name: 'X', personName: 'Ana', role: 'mentee', programmeName: 'Cohort 2026', waiting: true, url }
  ],
  ['request received', requestReceivedMail as MailTemplate<never>, { name: 'X', menteeName: 'Ana', url }],
  [
    'request answered',
    requestAnsweredMail as MailTemplate<never>,
    { name: 'X', mentorName: 'Ana', accepted: true, url }
  ]
];

describe('e-mails in the person’s language', () => {
  it('invitation, account, password reset, e-mail change and every notification are in Spanish and Italian', async () => {
    const programme = install.programmeId;
    const ids: Record<string, string> = {};
    for (const person of PEOPLE) {
      const invited = await install.call('coordinator', 'POST', `/api/programmes/${programme}/invitations`, {
        invitations: [{ name: person.name, email: person.email, role: 'mentee', language: person.language }]
      });
      expect(invited.status).toBe(201);
      const invitation = install.mails.filter((m) => m.to === person.email).at(-1)!;
      expect(invitation.subject, `invitation to ${person.language}`).not.toMatch(/invit(ed|ation) to/i);
      const token = linkInMail(install.mails, person.email).split('#')[1]!;
      // The preview carries the invitation's language, for the page to show it.
      const preview = await (await fetch(`${install.server.url}/api/invitations/${token}`)).json();
      expect(preview.language).toBe(person.language);
      // An app of before this change sends no language: the account still gets the invitation's.
      const accepted = await fetch(`${install.server.url}/api/invitations/${token}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: person.name, password: PASSWORD })
      });
      expect(accepted.status).toBe(200);
      ids[person.email] = (await accepted.json()).user.id;
    }
    // Paolo's account is one of the tester's install: made before sign-up stored a language (none on the account).
    install.server.db.prepare('UPDATE users SET language = NULL WHERE email = ?').run('paolo@partner.example');

    const english = Object.fromEntries(
      KINDS.map(([kind, template, params]) => [kind, template.text.en(params as never, envOf()).subject])
    );
    for (const person of PEOPLE) {
      const id = ids[person.email]!;
      for (const [kind, template, params] of KINDS) {
        const before = install.mails.length;
        ctx!.notify.notify({ userId: id, category: 'matches', template, params: params as never, url });
        const mail = install.mails.slice(before).find((m) => m.to === person.email);
        expect(mail, `${kind} to ${person.language}`).toBeDefined();
        expect(mail!.subject, `${kind} to ${person.language}`).not.toBe(english[kind]);
        expect(mail!.subject).toBe(template.text[person.language](params as never, envOf()).subject);
        expect(mail!.html).toContain(`<html lang="${person.language}">`);
      }

      // Password reset asked from an English page: the account's language wins.
      const before = install.mails.length;
      const forgot = await fetch(`${install.server.url}/api/auth/forgot-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: person.email, language: 'en' })
      });
      expect(forgot.status).toBe(204);
      const reset = install.mails.slice(before).find((m) => m.to === person.email);
      expect(reset?.html, `password reset to ${person.language}`).toContain(`<html lang="${person.language}">`);

      // Confirming a new address.
      const cookie = await login(install.server.url, person.email, PASSWORD);
      const newEmail = `new-${person.email}`;
      const change = await fetch(`${install.server.url}/api/account/email`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ newEmail, currentPassword: PASSWORD })
      });
      expect(change.status).toBe(202);
      const confirm = install.mails.filter((m) => m.to === newEmail).at(-1);
      expect(confirm?.html, `confirm e-mail to ${person.language}`).toContain(`<html lang="${person.language}">`);
    }
  });
});

function envOf() {
  return { platformName: 'Partner Mentoring', publicUrl: 'https://mentoring.example.org' };
}
