/**
 * Renders the HTML part of every notification e-mail in Chromium at phone width (390 px), as a mail client shows it,
 * into docs/screenshots/mail/. The HTML is made by the same templates and layout the server sends.
 *
 *   node --import tsx scripts/mail-screenshots.ts
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import { renderMail, type MailTemplate } from '../sync-server/src/mail/index.ts';
import {
  communityReplyMail,
  digestMail,
  matchMail,
  reminderMail,
  requestAnsweredMail,
  requestReceivedMail,
  sessionMail,
  whenIn
} from '../sync-server/src/notifications/templates.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots/mail');
const env = { platformName: 'MOP', publicUrl: 'https://mentoring.example.org' };
const footer = {
  unsubscribeUrl: 'https://mentoring.example.org/unsubscribe#token=…',
  settingsUrl: 'https://mentoring.example.org/account#notifications'
};
const pair = 'https://mentoring.example.org/mentoring/demo-pair-1';
const when = whenIn('2099-03-29T08:00:00.000Z', 'Europe/Rome');

type Shot = [name: string, template: MailTemplate<never>, params: unknown, language?: string];

/** One session e-mail: what happened, to whom, about whom. */
const session = (kind: string, name: string, otherName: string, language?: string): Shot => [
  `session-${kind}${language ? `-${language}` : ''}`,
  sessionMail as MailTemplate<never>,
  { name, otherName, kind, when, url: `${pair}/sessions` },
  language
];

const mails: Shot[] = [
  [
    'match',
    matchMail as MailTemplate<never>,
    {
      name: 'Jonas Weber',
      otherName: 'Marta Rossi',
      otherRole: 'mentor',
      programmeName: 'Creative Futures 2026',
      reasons: {
        sectors: ['Illustration', 'Publishing'],
        skills: ['Portfolio review', 'Pitching to publishers'],
        languages: ['English', 'Italian'],
        overlapHoursPerWeek: 6,
        rank: 1
      },
      url: pair
    }
  ],
  session('proposed', 'Jonas', 'Marta Rossi'),
  session('accepted', 'Marta', 'Jonas Weber'),
  session('moved', 'Marta', 'Jonas Weber'),
  session('cancelled', 'Jonas', 'Marta Rossi'),
  [
    'reminder',
    reminderMail as MailTemplate<never>,
    { name: 'Jonas', otherName: 'Marta Rossi', when, url: `${pair}/sessions`, late: false }
  ],
  [
    'request-received',
    requestReceivedMail as MailTemplate<never>,
    { name: 'Marta', menteeName: 'Samir Haddad', url: 'https://mentoring.example.org/requests' }
  ],
  [
    'request-answered',
    requestAnsweredMail as MailTemplate<never>,
    { name: 'Samir', mentorName: 'Marta Rossi', accepted: true, url: pair }
  ],
  [
    'community-reply',
    communityReplyMail as MailTemplate<never>,
    {
      name: 'Jonas',
      authorName: 'Aoife Byrne',
      topicTitle: 'Pricing your first commission',
      url: 'https://mentoring.example.org/programmes/p/community/t'
    }
  ],
  [
    'digest',
    digestMail as MailTemplate<never>,
    {
      name: 'Jonas',
      unread: [{ otherName: 'Marta Rossi', count: 3, url: `${pair}/messages` }],
      lines: [
        {
          label: 'New reply in “Pricing your first commission”',
          url: 'https://mentoring.example.org/programmes/p/community/t'
        }
      ],
      url: 'https://mentoring.example.org/'
    }
  ],
  session('accepted', 'Marta', 'Jonas Weber', 'it')
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 200 } });
  for (const [name, template, params, language] of mails) {
    const mail = renderMail(
      template,
      { to: 'person@example.org', language: language ?? 'en' },
      params as never,
      env,
      footer
    );
    await page.setContent(mail.html ?? '', { waitUntil: 'load' });
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    console.log(`${name}: ${mail.subject}`);
  }
} finally {
  await browser.close();
}
