import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { login, screenshotBothSizes, useStackAndBrowser, watchErrors } from './harness.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../sync-server/src/test-support/smtp.ts';

/**
 * Accounts as people meet them: a mentee who forgot the password gets the link by e-mail (a real SMTP server in the
 * test process), sets a new password and signs in; a link into a pair's messages opened while signed out comes back
 * to that page after sign-in.
 */

let smtp: TestSmtpServer | undefined;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

const suite = useStackAndBrowser(() => ({
  mail: { smtpUrl: smtp?.url ?? '', worker: { pollIntervalMs: 100 } }
}));

const NEW_PASSWORD = 'lantern harbour violet';

describe('accounts', () => {
  it('a mentee who forgot the password resets it from the e-mail and signs in, on a phone', async () => {
    const errors: string[] = [];
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    watchErrors(page, 'phone', errors);

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email').fill('mentee@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect.poll(() => page.getByTestId('forgot-sent').textContent()).toContain('mentee@example.org');

    const mail = await smtp!.waitForMail('mentee@example.org', { timeoutMs: 20_000 });
    expect(mail.subject).toBe('Reset your MOP password');
    const link = mail.links.find((l) => l.includes('/reset-password#token='));
    expect(link?.startsWith(suite.stack.url)).toBe(true);

    await page.goto(link!);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill('not the same at all');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    // The token left the address bar once the page read it.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/login');

    // The old password no longer works; the new one does.
    await page.getByLabel(/email/i).fill('mentee@example.org');
    await page.getByLabel(/password/i).fill('mop-demo');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByTestId('login-error').waitFor();
    await login(page, 'mentee@example.org', NEW_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/mentoring');

    // The same link a second time is refused as soon as it opens, with a way forward and no form to fill in.
    await page.goto(link!);
    await page.getByTestId('reset-expired').getByText('This link has expired or was already used.').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0);
    const shots = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'pairs');
    mkdirSync(shots, { recursive: true });
    await screenshotBothSizes(page, shots, 'reset-link-used');
    expect(errors).toEqual([]);
  });

  it("a link to a pair's messages survives sign-in", async () => {
    const errors: string[] = [];
    const mentorships = await fetch(`${suite.stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
    }).then(async (response) => {
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const list = await fetch(`${suite.stack.url}/api/mentorships`, { headers: { cookie } });
      return ((await list.json()) as { mentorships: { id: string; mentor: { email: string } }[] }).mentorships;
    });
    const pair = mentorships.find((m) => m.mentor.email === 'mentor@example.org');
    expect(pair).toBeDefined();

    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'laptop', errors);
    await page.goto(`/mentoring/${pair!.id}/messages`);
    await page.waitForURL('**/login?next=*');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/mentoring/${pair!.id}/messages`);
    await page.getByLabel(/email/i).fill('mentor@example.org');
    await page.getByLabel(/password/i).fill('mop-demo');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`**/mentoring/${pair!.id}/messages`);
    await page.getByRole('heading', { name: 'Messages' }).first().waitFor();
    expect(errors).toEqual([]);
  });
});
