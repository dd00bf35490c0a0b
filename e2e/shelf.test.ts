import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  login,
  openFirstWorkspace,
  screenshotBothSizes,
  useStackAndBrowser,
  waitForConnectionState,
  waitForServiceWorker,
  watchErrors
} from './harness.ts';

/**
 * The pair's shelf and the learning center: a mentor pins a resource from its page ("Add to a pair's shelf"), online
 * and offline, and the shelf shows its title on both members' devices; on the shelf, a searchable picker of the
 * catalogue replaces typing a resource's id.
 */

const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-surfaces';

/** Pins the resource shown on the page to the (first) pair's shelf and waits for the confirmation. */
async function addToShelf(page: Page): Promise<string> {
  const section = page.getByTestId('add-to-shelf');
  await section.waitFor({ timeout: 15_000 });
  await section.getByRole('button', { name: /^Add to the shelf/ }).click();
  // The status region is there before the answer (a live region must exist to be announced): wait for its words.
  const status = section.getByRole('status');
  await expect.poll(async () => ((await status.textContent()) ?? '').trim(), { timeout: 10_000 }).not.toBe('');
  return ((await status.textContent()) ?? '').trim();
}

describe('the pair shelf and the learning center', () => {
  const suite = useStackAndBrowser();

  it('a file over 20 MiB is refused before a byte is sent; an error goes away when "What to pin" changes', async () => {
    const errors: string[] = [];
    const page = await (await suite.device({ mobile: true })).newPage();
    watchErrors(page, 'mentee', errors);
    await login(page, 'mentee@example.org');
    const pairPath = await openFirstWorkspace(page);
    await page.goto(`${pairPath}/shelf`);
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/files')) uploads.push(request.url());
    });
    const kind = page.getByLabel('What to pin');
    await kind.selectOption('file');
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'recording.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(22_000_000) // 22 MB, 21 MiB
    });
    await page
      .getByTestId('pin-file-problem')
      .getByText(/This file is 21 MiB: a file may be at most 20 MiB\./)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Pin to the shelf' }).isDisabled()).toBe(true);
    const shots = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'pairs');
    mkdirSync(shots, { recursive: true });
    await screenshotBothSizes(page, shots, 'shelf-file-too-large');
    await kind.selectOption('resource');
    expect(await page.getByRole('alert').count()).toBe(0);
    // An error from pinning (no resource chosen) goes too when the kind changes.
    await page.getByRole('button', { name: 'Pin to the shelf' }).click();
    await page.getByRole('alert').waitFor();
    await kind.selectOption('link');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(uploads).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a resource pinned from its page shows its title on the shelf; the shelf picks resources by title', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const errors: string[] = [];
    const mentorDevice = await suite.device();
    const a = await mentorDevice.newPage();
    watchErrors(a, 'mentor', errors);
    await login(a, 'mentor@example.org');
    const pairPath = await openFirstWorkspace(a);
    const catalogue = await a.evaluate(async () => {
      const answer = await fetch('/api/catalogue');
      return ((await answer.json()) as { resources: { id: string; title: string; language: string }[] }).resources;
    });
    const [first, second, third] = catalogue.filter((resource) => resource.language === 'en');
    expect(third).toBeDefined();

    // From the resource's page: the pair is chosen (when there are several), the shelf then shows the title.
    await a.goto(`/learn/${first!.id}`);
    await a.getByRole('heading', { level: 1, name: first!.title, exact: true }).waitFor();
    const pairChoice = a.locator('#add-to-shelf-pair');
    if ((await pairChoice.count()) > 0) await pairChoice.selectOption(pairPath.split('/').pop()!);
    expect(await addToShelf(a)).toMatch(/^Added to the shelf with /);
    await screenshotBothSizes(a, SHOTS, 'add-to-shelf');
    // A second time it says so instead of pinning twice.
    expect(await addToShelf(a)).toMatch(/already on the shelf/);
    await a.getByRole('link', { name: 'Open the shelf' }).click();
    await a.waitForURL((url) => url.pathname === `${pairPath}/shelf`);
    const pins = a.getByTestId('pins');
    await pins.getByRole('link', { name: first!.title, exact: true }).waitFor();
    expect(await pins.getByRole('link', { name: first!.title, exact: true }).getAttribute('href')).toBe(
      `/learn/${first!.id}`
    );
    expect(await pins.getByRole('link', { name: first!.title }).count()).toBe(1);

    // On the shelf, the picker finds a resource by a word of its title, chosen with the keyboard.
    await a.getByLabel('What to pin').selectOption('resource');
    const picker = a.getByRole('combobox', { name: 'Resource from the learning center' });
    await picker.click();
    const word = second!.title.split(/\s+/).find((w) => w.length > 3) ?? second!.title;
    await picker.pressSequentially(word.toLowerCase(), { delay: 20 });
    const option = a.getByRole('option', { name: second!.title, exact: true });
    await option.waitFor();
    await screenshotBothSizes(a, SHOTS, 'shelf-picker');
    while ((await option.getAttribute('data-highlighted')) === null) await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe(second!.title);
    await a.getByRole('button', { name: 'Pin to the shelf' }).click();
    await pins.getByRole('link', { name: second!.title, exact: true }).waitFor();
    // The picker starts empty again and no longer offers what is on the shelf.
    expect(await picker.inputValue()).toBe('');
    await picker.click();
    await picker.pressSequentially(word.toLowerCase(), { delay: 20 });
    await a.locator('.shelf-picker-content').waitFor();
    expect(await a.getByRole('option', { name: second!.title, exact: true }).count()).toBe(0);
    await picker.press('Escape');
    // "Take off the shelf" and "Delete" say what each does.
    await a
      .getByTestId('shelf-remove-help')
      .getByText(/stays in the pair’s history/)
      .waitFor();

    // Offline, pinning from a resource's page works too (a change of the pair's document on this device).
    await waitForServiceWorker(a);
    await waitForConnectionState(a, 'synced');
    await mentorDevice.setOffline(true);
    await a.goto(`/learn/${third!.id}`);
    await a.getByRole('heading', { level: 1, name: third!.title, exact: true }).waitFor({ timeout: 15_000 });
    expect(await addToShelf(a)).toMatch(/^Added to the shelf with /);
    await a.getByRole('link', { name: 'Open the shelf' }).click();
    await a.getByTestId('pins').getByRole('link', { name: third!.title, exact: true }).waitFor();
    await mentorDevice.setOffline(false);
    await waitForConnectionState(a, 'synced');

    // The mentee, on a phone, sees all three titles.
    const menteeDevice = await suite.device({ mobile: true });
    const b = await menteeDevice.newPage();
    watchErrors(b, 'mentee', errors);
    await login(b, 'mentee@example.org');
    await b.goto(`${pairPath}/shelf`);
    for (const resource of [first!, second!, third!]) {
      await b.getByTestId('pins').getByRole('link', { name: resource.title, exact: true }).waitFor({ timeout: 20_000 });
    }
    expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshotBothSizes(b, SHOTS, 'shelf');

    expect(errors).toEqual([]);
  });
});
