import { describe, expect, it } from 'vitest';
import type { MailTemplate } from './render.ts';
import { renderMail } from './render.ts';
import { confirmAddressMail, emailChangedNoticeMail, joinApprovedMail } from './templates/accounts.ts';
import { invitationMail } from '../cohorts/invitation-mail.ts';
import { joinSignUpMail, matchMail } from '../notifications/templates.ts';

/**
 * E-mails about a person (the reader, or someone who signed up) are written for anyone: Italian participles agree
 * with the person's gender ("si è iscritto" is masculine), so the wording avoids them, and no "invitato/a" either.
 * Spanish past participles with "haber" do not agree ("se ha inscrito"), but object pronouns do ("aprobarlo").
 */
const GENDERED = {
  it: /\b(si è|ti sei|sei|è) (stat|iscritt|invitat|unit|abbinat|registrat|arrivat|entrat)[oaie]\b|\b\w+[oi]\/[ae]\b|\bapprovarl[oa]\b/i,
  es: /\b(aprobarl|invitad|bienvenid)[oa]s?\b|\b\w+o\/a\b/i
};

const env = { platformName: 'Rete', publicUrl: 'https://rete.example.org' };

function check<P>(template: MailTemplate<P>, params: P): void {
  for (const language of ['it', 'es'] as const) {
    const mail = renderMail(template, { to: 'x@example.org', language }, params, env);
    const text = `${mail.subject}\n${mail.text}`;
    expect(text, `${template.category} (${language})`).not.toMatch(GENDERED[language]);
  }
}

describe('e-mails about a person, in gender-neutral Italian and Spanish', () => {
  it('a join-link sign-up told to the coordinator, waiting or not', () => {
    for (const waiting of [true, false])
      check(joinSignUpMail, {
        name: 'Cora',
        personName: 'Alex',
        role: 'mentee',
        programmeName: 'Coorte',
        waiting,
        url: 'https://rete.example.org/x'
      });
  });

  it('an invitation, the address confirmation, the changed-address notice and the approval', () => {
    check(invitationMail, {
      name: 'Alex',
      role: 'mentee',
      programmeName: 'Coorte',
      organisationName: null,
      url: 'https://rete.example.org/i',
      validDays: 14
    });
    check(confirmAddressMail, { name: 'Alex', programmeName: 'Coorte', url: 'https://rete.example.org/c' });
    check(emailChangedNoticeMail, { name: 'Alex', newEmail: 'alex@example.org' });
    check(joinApprovedMail, { name: 'Alex', programmeName: 'Coorte', url: 'https://rete.example.org/q' });
  });

  it('a new pair', () => {
    check(matchMail, {
      name: 'Alex',
      otherName: 'Sam',
      otherRole: 'mentor',
      programmeName: 'Coorte',
      reasons: { sectors: [], skills: [], languages: ['it'], overlapHoursPerWeek: 2, rank: 1 },
      url: 'https://rete.example.org/m'
    });
  });
});
