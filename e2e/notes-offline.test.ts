import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  login,
  noteBody,
  useStackAndBrowser,
  waitForConnectionState,
  waitForServiceWorker,
  watchErrors
} from './harness.ts';

/**
 * The end-to-end scenario, as people do it: the mentor opens MOP once, loses the network, writes a session
 * note, reloads, comes back online; the mentee sees the note on another device and both type into it at once.
 */

async function waitForText(page: Page, texts: string[], timeout = 20_000): Promise<void> {
  for (const text of texts) {
    await expect
      .poll(async () => (await noteBody(page).textContent()) ?? '', { timeout, interval: 200 })
      .toContain(text);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fails the test on uncaught page errors, which would otherwise only show up as a confusing timeout. */
describe('session notes offline, then shared', () => {
  const suite = useStackAndBrowser();

  it('boots offline from the service worker, keeps offline notes across reloads and merges concurrent edits', async () => {
    const errors: string[] = [];

    // Device A: the mentor signs in and visits the pair's workspace once, online.
    const mentorDevice = await suite.device();
    let a = await mentorDevice.newPage();
    watchErrors(a, 'mentor', errors);
    await login(a, 'mentor@example.org');
    await a
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .click();
    await a.waitForURL(/\/mentoring\/[^/]+$/);
    const workspacePath = new URL(a.url()).pathname;
    await a.getByRole('heading', { name: 'Session notes' }).waitFor();
    await withTimeout(waitForServiceWorker(a), 20_000, 'the service worker never controlled the page');
    await waitForConnectionState(a, 'synced');

    // The network goes away; a reload is served by the service worker and the app says it is offline.
    await mentorDevice.setOffline(true);
    await a.reload();
    await waitForConnectionState(a, 'offline');
    await a.getByText(/Offline — signed in as/).waitFor();
    expect(new URL(a.url()).pathname).toBe(workspacePath);

    // A note is created and written with no network.
    await a.getByRole('button', { name: /new session note/i }).click();
    await a.waitForURL(/\/notes\/[^/]+$/);
    const notePath = new URL(a.url()).pathname;
    // A title longer than the limit is capped by the field, not thrown away, and raises no error.
    await a.getByLabel('Title').fill('y'.repeat(300));
    await noteBody(a).click();
    expect(await a.getByLabel('Title').inputValue()).toBe('y'.repeat(200));
    expect(await a.getByRole('alert').count()).toBe(0);
    await a.getByLabel('Title').fill('Portfolio review');
    await noteBody(a).click();
    await a.keyboard.type('Typed offline by the mentor.');
    await waitForConnectionState(a, 'saved-locally');

    // Reloading offline loses nothing.
    await a.reload();
    await waitForConnectionState(a, 'saved-locally');
    await waitForText(a, ['Typed offline by the mentor.']);
    expect(await a.getByLabel('Title').inputValue()).toBe('Portfolio review');

    // Closing the tab straight after typing (no waiting for any indicator) keeps the text too.
    await noteBody(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Then the tab closed.');
    await a.close();
    a = await mentorDevice.newPage();
    watchErrors(a, 'mentor', errors);
    await a.goto(notePath);
    await waitForConnectionState(a, 'saved-locally');
    await waitForText(a, ['Typed offline by the mentor.', 'Then the tab closed.']);

    // Back online, the edits reach the server.
    await mentorDevice.setOffline(false);
    await waitForConnectionState(a, 'synced');

    // Device B: the mentee sees the note written offline.
    const menteeDevice = await suite.device({ mobile: true });
    const b = await menteeDevice.newPage();
    watchErrors(b, 'mentee', errors);
    await login(b, 'mentee@example.org');
    await b.goto(workspacePath);
    await b.getByRole('link', { name: 'Portfolio review' }).click();
    await b.waitForURL((url) => url.pathname === notePath);
    await waitForText(b, ['Typed offline by the mentor.']);

    // Both type into the same note at the same time (the mentor at the end, the mentee at the start, as two people
    // would; at one spot their keystrokes would interleave); both edits survive on both devices.
    await noteBody(a).click();
    await a.keyboard.press('Control+End');
    await noteBody(b).click();
    await b.keyboard.press('Control+Home');
    await Promise.all([
      a.keyboard.type(' Mentor adds goals.', { delay: 15 }),
      b.keyboard.type('Mentee adds questions. ', { delay: 15 })
    ]);
    const all = [
      'Typed offline by the mentor.',
      'Then the tab closed.',
      'Mentor adds goals.',
      'Mentee adds questions.'
    ];
    await waitForText(a, all);
    await waitForText(b, all);
    await waitForConnectionState(a, 'synced');
    await waitForConnectionState(b, 'synced');

    // With both online, each sees the other's caret, labelled with their name.
    await a.locator('.collaboration-carets__label', { hasText: 'Jonas' }).waitFor({ timeout: 10_000 });
    await b.locator('.collaboration-carets__label', { hasText: 'Marta' }).waitFor({ timeout: 10_000 });

    // And the server kept them: a fresh reload of the mentee's page shows the merged text.
    await b.reload();
    await waitForText(b, all);

    expect(errors).toEqual([]);
  });
});
