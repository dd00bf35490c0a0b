import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, login, useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * What follows a person's account to a new device: the language their e-mails are written in (a device where they
 * chose another keeps theirs), and what they choose in the app goes back to the account. And the platform's name on
 * the pages the server renders, before any script runs.
 */
describe('account language and platform name', () => {
  const suite = useStackAndBrowser();

  /** Calls the API as `email` (signed in through the API, not a browser). */
  async function asPerson(email: string): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
    const signIn = await fetch(`${suite.stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.stack.url },
      body: JSON.stringify({ email, password: DEMO_PASSWORD })
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    return (method, path, body) =>
      fetch(`${suite.stack.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', origin: suite.stack.url, cookie },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      });
  }

  const footer = (page: Page) => page.locator('footer').textContent();

  it("a new device shows the account's language after sign-in and after a change made elsewhere; a choice made in the app goes to the account, offline too", async () => {
    const errors: string[] = [];
    const mentor = await asPerson('mentor@example.org');
    expect((await mentor('PATCH', '/api/account', { language: 'it' })).status).toBe(200);

    // A laptop whose browser speaks English: after signing in, the app speaks the account's Italian.
    const laptop = await (await suite.device()).newPage();
    watchErrors(laptop, 'laptop', errors);
    await login(laptop, 'mentor@example.org');
    await expect.poll(() => laptop.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe('it');
    await expect.poll(() => footer(laptop)).toContain('conserva le tue note su questo dispositivo');

    // Changed on another device: the laptop follows when its session is next confirmed (a new visit).
    expect((await mentor('PATCH', '/api/account', { language: 'es' })).status).toBe(200);
    await laptop.reload();
    await expect.poll(() => footer(laptop), { timeout: 15_000 }).toContain('guarda tus notas en este dispositivo');

    // The person picks English in the footer: the account keeps it (their e-mails follow), and it stays here.
    await laptop.getByTestId('language-select').selectOption('en');
    await expect.poll(() => footer(laptop), { timeout: 15_000 }).toContain('keeps your notes on this device');
    expect(((await (await mentor('GET', '/api/account')).json()) as { language: string }).language).toBe('en');

    // A language chosen on this device wins over the account's at the next visit.
    expect((await mentor('PATCH', '/api/account', { language: 'it' })).status).toBe(200);
    await laptop.reload();
    await laptop.waitForLoadState('networkidle');
    expect(await footer(laptop)).toContain('keeps your notes on this device');

    // Offline, the person picks Spanish: this device shows it at once, the account gets it once back online.
    const accountLanguage = async () =>
      ((await (await mentor('GET', '/api/account')).json()) as { language: string }).language;
    await waitForServiceWorker(laptop);
    await laptop.context().setOffline(true);
    await laptop.getByTestId('language-select').selectOption('es');
    await expect.poll(() => footer(laptop), { timeout: 15_000 }).toContain('guarda tus notas en este dispositivo');
    expect(await accountLanguage()).toBe('it');
    await laptop.context().setOffline(false);
    await expect.poll(accountLanguage, { timeout: 20_000 }).toBe('es');
    expect(await laptop.evaluate(() => localStorage.getItem('mop-language-unsaved'))).toBeNull();
    expect(errors).toEqual([]);
  });

  it('a page the server renders names the platform in its title, header and footer', async () => {
    const admin = await asPerson('admin@example.org');
    expect((await admin('PUT', '/api/admin/platform', { name: 'Rete Mentori' })).status).toBe(200);
    const html = await (await fetch(`${suite.stack.url}/learn`, { headers: { 'accept-language': 'en' } })).text();
    expect(html).toMatch(/<title>[^<]*· Rete Mentori<\/title>/);
    expect(html).not.toMatch(/<title>[^<]*· MOP<\/title>/);
    expect(html).toMatch(/<header[\s\S]*Rete Mentori[\s\S]*<\/header>/);
    expect(html).toContain('Rete Mentori keeps your notes on this device');

    // The browser starts from the same name (no "MOP" while it asks the server).
    const page = await (await suite.device()).newPage();
    await page.goto('/learn');
    expect(await page.title()).toMatch(/· Rete Mentori$/);
    expect(await page.locator('header').textContent()).toContain('Rete Mentori');
  });
});
