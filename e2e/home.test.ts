import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * The signed-in home reads each pair's summary (from the server's list, kept in Dexie, rewritten from a document
 * open on the device), not the pairs' Yjs documents: Yjs loads in a workspace, on the notifications page, and when
 * this device holds edits the server does not have yet — which are then sent without opening the pair.
 */

const SHOTS = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'home');

/** Text no other script contains: Yjs warns with it when it is loaded twice (kept by the minifier, a string). */
const YJS_MARKER = 'Yjs was already imported';

/** Records whether any script the page loads from now on (from the network or the service worker) is Yjs. */
function watchYjs(page: Page): { loaded: () => boolean } {
  let loaded = false;
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then(
      (body) => {
        if (body.toString('utf8').includes(YJS_MARKER)) loaded = true;
      },
      () => undefined
    );
  });
  return { loaded: () => loaded };
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
}

describe('the signed-in home without Yjs', () => {
  const suite = useStackAndBrowser();

  it('renders the pair cards and the notification count from summaries, offline too, and loses no offline note', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    let page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    let yjs = watchYjs(page);
    await login(page, 'mentor@example.org');
    await page.waitForURL(/\/mentoring$/);
    const card = page.getByTestId('pair-home').first();
    // The progress lines come from the pair's summary (the server's, with the list).
    await card.getByText('MENTRA step').waitFor();
    // The demo pair is news on a first visit: the header counts it, from the summary as well.
    await page.getByTestId('notifications-badge').waitFor({ timeout: 20_000 });
    await settle(page);
    expect(yjs.loaded()).toBe(false);
    await waitForServiceWorker(page);

    // Offline, a reload shows the cards from this device, without Yjs.
    await device.setOffline(true);
    await page.reload();
    await page.getByText('Showing the list saved on this device.').waitFor();
    await card.getByText('MENTRA step').waitFor();
    await page.getByTestId('notifications-badge').waitFor();
    await settle(page);
    expect(yjs.loaded()).toBe(false);

    // Still offline, a note written in the workspace is on the home at once (the open document rewrote the summary).
    await card.getByRole('link', { name: /open workspace with/i }).click();
    await page.waitForURL(/\/mentoring\/[^/]+$/);
    await page.getByRole('button', { name: /new session note/i }).click();
    await page.waitForURL(/\/notes\/[^/]+$/);
    await page.getByLabel('Title').fill('Written offline for the home');
    await page.getByRole('textbox', { name: 'Notes' }).click();
    await page.keyboard.type('Kept on this device.');
    await page.locator('[data-testid="connection-state"][data-state="saved-locally"]').waitFor({ timeout: 20_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/mentoring$/);
    await card.getByRole('link', { name: 'Written offline for the home' }).waitFor({ timeout: 10_000 });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SHOTS, 'offline-note-1280.png') });

    // A new visit back online: the home opens only that document, in the background, and sends the note.
    await page.close();
    await device.setOffline(false);
    page = await device.newPage();
    watchErrors(page, 'mentor again', errors);
    yjs = watchYjs(page);
    await page.goto('/mentoring');
    await page.getByTestId('pair-home').first().getByRole('link', { name: 'Written offline for the home' }).waitFor();
    await expect.poll(() => yjs.loaded(), { timeout: 20_000 }).toBe(true);

    // The mentee's first visit, on another device, has it from the server's summary.
    const other = await suite.device({ mobile: true });
    const mentee = await other.newPage();
    watchErrors(mentee, 'mentee', errors);
    const menteeYjs = watchYjs(mentee);
    await login(mentee, 'mentee@example.org');
    await mentee.waitForURL(/\/mentoring$/);
    await expect
      .poll(
        async () => {
          await mentee.reload();
          await mentee.getByTestId('pair-home').first().getByText('MENTRA step').waitFor();
          return mentee.getByRole('link', { name: 'Written offline for the home' }).count();
        },
        { timeout: 30_000, interval: 1_000 }
      )
      .toBe(1);
    expect(menteeYjs.loaded()).toBe(false);
    await mentee.screenshot({ path: resolve(SHOTS, 'mentee-390.png') });
    expect(errors).toEqual([]);
  });
});
