import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * An invitation sent in Italian opens its page in Italian when the visitor has chosen no language on this device;
 * a choice made on the device (the footer's switcher, kept in localStorage) is never overridden.
 */

const suite = useStackAndBrowser();
const messages = (locale: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')) as Record<
    string,
    string
  >;

/** A fresh invitation link in `language`, made by the demo coordinator through the API. */
async function invitationLink(email: string, language: string): Promise<string> {
  const base = suite.stack.url;
  const signIn = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@example.org', password: DEMO_PASSWORD })
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const invited = await fetch(`${base}/api/programmes/demo-peerment-pilot/invitations`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ invitations: [{ name: 'Marco Verdi', email, role: 'mentee', language }] })
  });
  expect(invited.status).toBe(201);
  const body = (await invited.json()) as { invitations: { link: string }[] };
  return body.invitations[0]!.link.replace(/^https?:\/\/[^/]+/, '');
}

describe('link pages in the invitation’s language', () => {
  it('shows an Italian invitation in Italian, unless the device chose a language', async () => {
    const it_ = messages('it');
    const es = messages('es');

    const fresh = await suite.device({ mobile: true });
    const page = await fresh.newPage();
    const errors: string[] = [];
    watchErrors(page, 'invitee', errors);
    await page.goto(await invitationLink('marco.verdi@partner.example', 'it'));
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe(it_.cohort_invitation_title);
    await page.getByTestId('invitation-summary').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');

    // Someone who picked Spanish on this device keeps Spanish.
    const chosen = await suite.device({ mobile: true });
    await chosen.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'es'));
    const other = await chosen.newPage();
    watchErrors(other, 'chosen', errors);
    await other.goto(await invitationLink('marta.neri@partner.example', 'it'));
    await other.getByTestId('invitation-summary').waitFor({ timeout: 20_000 });
    expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe(es.cohort_invitation_title);
    expect(errors).toEqual([]);
  });
});
