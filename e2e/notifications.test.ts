import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { TopicDetailSchema, type TopicDetail } from '@mop/shared';
import { DEMO_PROGRAMME_ID } from '../sync-server/src/demo/seed.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../sync-server/src/test-support/smtp.ts';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * E-mail choices as people meet them: a mentee asks for community replies by e-mail on the account page (a phone),
 * a reply arrives by e-mail (a real SMTP server in the test process), and its "Stop e-mails like this" link, opened
 * signed out, turns that one category off after a click.
 */

const SHOTS = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'mail');
let smtp: TestSmtpServer | undefined;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await smtp?.close();
});

const suite = useStackAndBrowser(() => ({
  mail: { smtpUrl: smtp?.url ?? '', worker: { pollIntervalMs: 100 } }
}));

/** Signs in over the API and returns the cookie (for the other member's reply). */
async function apiCookie(email: string): Promise<string> {
  const answer = await fetch(`${suite.stack.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'mop-demo' })
  });
  return (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function post(cookie: string, path: string, body: unknown): Promise<TopicDetail> {
  const answer = await fetch(`${suite.stack.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
  expect(answer.status).toBe(201);
  return v.parse(TopicDetailSchema, await answer.json());
}

describe('e-mail notifications', () => {
  it('a mentee chooses e-mails per category, gets a reply by e-mail and stops that category from its link', async () => {
    const errors: string[] = [];
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    watchErrors(page, 'phone', errors);
    await login(page, 'mentee@example.org');
    await page.goto('/account#notifications');
    const community = page.getByLabel('Community replies');
    await expect.poll(() => community.inputValue()).toBe('digest');
    await community.selectOption({ label: 'E-mail now' });
    await page.getByText('Saved: Community replies.').waitFor();
    // Unread messages never come one e-mail per message.
    const messages = page.getByLabel('Unread messages');
    expect(await messages.locator('option').allTextContents()).toEqual(['Daily summary', 'In the app only']);
    await page.locator('#notifications').screenshot({ path: resolve(SHOTS, 'settings-390.png') });

    // The choice is the server's: a reload shows it.
    await page.reload();
    await expect.poll(() => page.getByLabel('Community replies').inputValue()).toBe('email');

    // A reply in the mentee's topic comes by e-mail, with the link to the topic and no text of the reply.
    const mentee = await apiCookie('mentee@example.org');
    const mentor = await apiCookie('mentor@example.org');
    const topics = `/api/programmes/${DEMO_PROGRAMME_ID}/topics`;
    const topic = await post(mentee, topics, { title: 'Finding a publisher', text: 'Where do I start?' });
    await post(mentor, `${topics}/${topic.topic.id}/replies`, { text: 'SECRET-REPLY' });
    const mail = await smtp!.waitForMail('mentee@example.org', { timeoutMs: 20_000 });
    expect(mail.subject).toBe('New reply in “Finding a publisher”');
    expect(`${mail.text}${mail.html}`).not.toContain('SECRET-REPLY');
    const stop = mail.links.find((link) => link.includes('/unsubscribe#token='));
    expect(stop?.startsWith(suite.stack.url)).toBe(true);

    // Opened signed out, on another device: nothing changes until the click.
    const other = await suite.device({ mobile: true });
    const visitor = await other.newPage();
    watchErrors(visitor, 'visitor', errors);
    await visitor.goto(stop!);
    const confirm = visitor.getByRole('button', { name: 'Stop these e-mails' });
    await confirm.waitFor();
    expect(new URL(visitor.url()).hash).toBe('');
    await visitor.screenshot({ path: resolve(SHOTS, 'unsubscribe-390.png') });
    await confirm.click();
    await visitor.getByTestId('unsubscribed').waitFor();
    expect(await visitor.getByTestId('unsubscribed').textContent()).toContain('Community replies');
    await visitor.screenshot({ path: resolve(SHOTS, 'unsubscribed-390.png') });

    // Only that category is off.
    await page.reload();
    await expect.poll(() => page.getByLabel('Community replies').inputValue()).toBe('off');
    expect(await page.getByLabel('Sessions', { exact: true }).inputValue()).toBe('email');

    // The desktop layout of the same section.
    const desktop = await suite.device();
    const wide = await desktop.newPage();
    await login(wide, 'mentee@example.org');
    await wide.goto('/account#notifications');
    await wide.getByTestId('email-preferences').waitFor();
    await wide.locator('#notifications').screenshot({ path: resolve(SHOTS, 'settings-1280.png') });
    expect(errors).toEqual([]);
  });
});
