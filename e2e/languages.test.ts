import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/** A visitor switches the app to Italian from the footer; the choice stays on the device, also offline. */

const suite = useStackAndBrowser();
const messages = (locale: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')) as Record<
    string,
    string
  >;

describe('languages', () => {
  it('switches to Italian and back, keeps the choice across reloads and offline, and sets the page language', async () => {
    const it_ = messages('it');
    const en = messages('en');
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    const errors: string[] = [];
    watchErrors(page, 'visitor', errors);

    await page.goto('/learn');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.learn_title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await waitForServiceWorker(page);

    // Choosing a language reloads the page in it.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('language-select').selectOption('it')]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(it_.learn_title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await page.getByLabel(it_.learn_search_label!).count()).toBe(1);

    // The choice is kept on the device: a reload with no network still opens in Italian.
    await device.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(it_.learn_title);
    await device.setOffline(false);

    await Promise.all([page.waitForEvent('load'), page.getByTestId('language-select').selectOption('en')]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.learn_title);
    expect(errors).toEqual([]);
  });
});
