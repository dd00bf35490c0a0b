import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  login,
  newDevice,
  noteBody,
  startStack,
  useStackAndBrowser,
  waitForConnectionState,
  waitForServiceWorker,
  watchErrors
} from './harness.ts';

/**
 * The PWA and session behaviours of the offline core, as people meet them: a new version of the app arrives while
 * someone is typing; signing out on a shared device; a session that ends on the server; the identity shown offline;
 * the login form's messages.
 */

const REPO_BUILD = resolve(import.meta.dirname, '..', 'build');
const tempDirs: string[] = [];

/** A private copy of the built app, so a test can change it (a new deployment) and other builds cannot change it. */
function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mop-e2e-build-'));
  tempDirs.push(dir);
  cpSync(REPO_BUILD, dir, { recursive: true });
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function expectNoteText(page: Page, text: string, timeout = 20_000): Promise<void> {
  await expect.poll(async () => (await noteBody(page).textContent()) ?? '', { timeout, interval: 200 }).toContain(text);
}

/** Opens the pair's workspace from the mentoring list and returns its path. */
async function openWorkspace(page: Page): Promise<string> {
  await page
    .getByRole('link', { name: /open workspace with/i })
    .first()
    .click();
  await page.waitForURL(/\/mentoring\/[^/]+$/);
  await page.getByRole('heading', { name: 'Session notes' }).waitFor();
  return new URL(page.url()).pathname;
}

/** Creates a session note in the open workspace, gives it a title and returns its path. */
async function createNote(page: Page, title: string): Promise<string> {
  await page.getByRole('button', { name: /new session note/i }).click();
  await page.waitForURL(/\/notes\/[^/]+$/);
  await page.getByLabel('Title').fill(title);
  return new URL(page.url()).pathname;
}

/** Names of this origin's IndexedDB databases (y-indexeddb names each after its document). */
function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));
}

/** The pair's document name, from the workspace path `/mentoring/<id>`. */
function docNameOf(workspacePath: string): string {
  return `mentorship:${workspacePath.split('/')[2] ?? ''}`;
}

/** Ends the device's server session from outside the browser, as an expiry or a sign-out elsewhere would. */
async function endServerSession(context: BrowserContext, url: string): Promise<void> {
  const cookies = await context.cookies(url);
  expect(cookies.length).toBeGreaterThan(0);
  // Plain fetch, not `context.request`: the logout answer clears the cookie, and the browser must keep sending its
  // now dead cookie, as it would after a real expiry.
  const response = await fetch(`${url}/api/auth/logout`, {
    method: 'POST',
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') }
  });
  expect(response.status).toBe(200);
  const me = await fetch(`${url}/api/me`, {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') }
  });
  expect(me.status).toBe(401);
}

describe('PWA and sessions', () => {
  const suite = useStackAndBrowser(() => ({ staticDir: copyOfBuild() }));

  it('offers a new version without reloading mid-edit, and reloads once into it when asked', async () => {
    const errors: string[] = [];
    const staticDir = copyOfBuild();
    const stack = await startStack({ staticDir });
    let device: BrowserContext | undefined;
    try {
      device = await newDevice(suite.browser, stack.url);
      const page = await device.newPage();
      watchErrors(page, 'mentor', errors);
      await login(page, 'mentor@example.org');
      await openWorkspace(page);
      await waitForServiceWorker(page);
      await createNote(page, 'Before the update');
      await noteBody(page).click();
      await page.keyboard.type('Half-written thought');
      await page.evaluate(() => {
        (window as unknown as { mopMarker?: string }).mopMarker = 'same page';
      });
      let loads = 0;
      page.on('load', () => (loads += 1));
      // A second tab of the app is open too (the list of notes).
      const otherTab = await device.newPage();
      watchErrors(otherTab, 'mentor, second tab', errors);
      await otherTab.goto('/mentoring');
      await otherTab
        .getByRole('link', { name: /open workspace with/i })
        .first()
        .waitFor();
      let otherTabLoads = 0;
      otherTab.on('load', () => (otherTabLoads += 1));

      // A new version is deployed: the service worker's bytes change. It answers a message, so the test can tell
      // which version controls the page.
      appendFileSync(
        join(staticDir, 'client', 'service-worker.js'),
        `\n;self.addEventListener('message', (event) => { if (event.data?.type === 'E2E_VERSION') event.ports[0]?.postMessage('v2'); });\n`
      );
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });

      await page.getByText('A new version of the app is ready').waitFor({ timeout: 20_000 });
      // The prompt waits for the user: no reload, the edit goes on in the same page.
      await page.keyboard.type(' and more typing after the prompt');
      await page.waitForTimeout(1_000);
      expect(loads).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { mopMarker?: string }).mopMarker)).toBe('same page');
      await expectNoteText(page, 'Half-written thought and more typing after the prompt');
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(
        true
      );

      // Reload activates the waiting worker and reloads the page once.
      await page.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => loads, { timeout: 20_000 }).toBe(1);
      await noteBody(page).waitFor({ timeout: 20_000 });
      await expectNoteText(page, 'Half-written thought and more typing after the prompt');
      expect(await page.evaluate(() => (window as unknown as { mopMarker?: string }).mopMarker)).toBeUndefined();
      const version = await page.evaluate(
        () =>
          new Promise<string>((done, fail) => {
            const controller = navigator.serviceWorker.controller;
            if (!controller) return fail(new Error('no controller'));
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => done(String(event.data));
            controller.postMessage({ type: 'E2E_VERSION' }, [channel.port2]);
            setTimeout(() => done('old version'), 3_000);
          })
      );
      expect(version).toBe('v2');
      await expect.poll(() => page.getByText('A new version of the app is ready').count()).toBe(0);
      await page.waitForTimeout(1_000);
      expect(loads).toBe(1);

      // The other tab was not reloaded under its user either; its prompt still works although the new version is
      // already active (no worker waits any more).
      expect(otherTabLoads).toBe(0);
      await otherTab.getByText('A new version of the app is ready').waitFor();
      await otherTab.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => otherTabLoads, { timeout: 10_000 }).toBe(1);
      await otherTab
        .getByRole('link', { name: /open workspace with/i })
        .first()
        .waitFor();
      expect(await otherTab.getByText('A new version of the app is ready').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await device?.close();
      await stack.dispose();
    }
  });

  it('signing out deletes synced local copies but keeps (and says so) a document with unsynced edits', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    await login(page, 'mentor@example.org');
    const workspacePath = await openWorkspace(page);
    const docName = docNameOf(workspacePath);
    await waitForServiceWorker(page);
    await createNote(page, 'Synced before sign-out');
    await waitForConnectionState(page, 'synced');
    expect(await databaseNames(page)).toContain(docName);

    // Everything is on the server: signing out leaves nothing of the pair's notes on this device.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await expect.poll(() => databaseNames(page)).not.toContain(docName);
    // A deliberate sign-out closes the sync sockets too; that is not a session that "ended" on its own.
    await page.waitForTimeout(1_000);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Signed in again, an edit made offline is not on the server yet: signing out (still offline) keeps it and warns.
    await login(page, 'mentor@example.org');
    await page.goto(workspacePath);
    await page.getByRole('link', { name: 'Synced before sign-out' }).click();
    await page.waitForURL(/\/notes\/[^/]+$/);
    const notePath = new URL(page.url()).pathname;
    await waitForConnectionState(page, 'synced');
    await device.setOffline(true);
    await noteBody(page).click();
    await page.keyboard.type('Written offline, then signed out.');
    await waitForConnectionState(page, 'saved-locally');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText(/Some of your changes have not reached the server yet/).waitFor();
    expect(await databaseNames(page)).toContain(docName);

    // The sign-out could not reach the server, so the session is still valid there and its cookie is still in this
    // browser: the app sends the logout once the network is back, and the next person here cannot reuse it.
    expect(
      await page.evaluate(() =>
        fetch('/api/me')
          .then((r) => r.status)
          .catch(() => 'offline')
      )
    ).toBe('offline');
    await device.setOffline(false);
    await expect.poll(() => page.evaluate(() => fetch('/api/me').then((r) => r.status)), { timeout: 15_000 }).toBe(401);

    // The next sign-in on this device sends the kept edits to the server.
    await login(page, 'mentor@example.org');
    await page.goto(notePath);
    await expectNoteText(page, 'Written offline, then signed out.');
    await waitForConnectionState(page, 'synced');
    const other = await suite.device();
    const check = await other.newPage();
    watchErrors(check, 'mentor elsewhere', errors);
    await login(check, 'mentor@example.org');
    await check.goto(notePath);
    await expectNoteText(check, 'Written offline, then signed out.');
    expect(errors).toEqual([]);
  });

  it('signing out offline from a page that never listed the pairs still deletes their synced copies', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    let page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    await login(page, 'mentor2@example.org');
    const docName = docNameOf(await openWorkspace(page));
    await waitForServiceWorker(page);
    await waitForConnectionState(page, 'synced');
    await page.close();

    await device.setOffline(true);
    page = await device.newPage();
    watchErrors(page, 'mentor offline', errors);
    await page.goto('/learn');
    await page.getByTestId('offline-identity').waitFor();
    expect(await databaseNames(page)).toContain(docName);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await expect.poll(() => databaseNames(page)).not.toContain(docName);
    expect(errors).toEqual([]);
  });

  it('notices a session ended on the server, signs out locally and keeps unsynced edits', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'mentee', errors);
    await login(page, 'mentee@example.org');
    await openWorkspace(page);
    await waitForServiceWorker(page);
    const notePath = await createNote(page, 'Expiring session');
    await waitForConnectionState(page, 'synced');

    // Offline, the mentee writes; meanwhile the session ends on the server.
    await device.setOffline(true);
    await noteBody(page).click();
    await page.keyboard.type('Typed while the session ended.');
    await waitForConnectionState(page, 'saved-locally');
    await endServerSession(device, suite.stack.url);

    // Back online the app asks the server, hears 401, signs out here and says so; the text stays and still saves.
    await device.setOffline(false);
    await page.getByText(/Your session has ended/).waitFor({ timeout: 20_000 });
    await expectNoteText(page, 'Typed while the session ended.');
    await noteBody(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' And after.');
    await page.waitForTimeout(500);
    await page.reload();
    // The sign-in page keeps the deep link: after signing in, the app comes back to this note.
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === notePath);

    // Signing in again, the edits made after the session ended reach the server.
    await login(page, 'mentee@example.org');
    await page.goto(notePath);
    await expectNoteText(page, 'Typed while the session ended. And after.');
    await waitForConnectionState(page, 'synced');
    const mentor = await suite.device();
    const other = await mentor.newPage();
    watchErrors(other, 'mentor', errors);
    await login(other, 'mentor@example.org');
    await other.goto(notePath);
    await expectNoteText(other, 'Typed while the session ended. And after.');
    expect(errors).toEqual([]);
  });

  it('notices a session ended on the server while the app stays online', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    await login(page, 'mentor2@example.org');
    await openWorkspace(page);
    const notePath = await createNote(page, 'Online expiry');
    await noteBody(page).click();
    await page.keyboard.type('Online text.');
    await waitForConnectionState(page, 'synced');

    await endServerSession(device, suite.stack.url);
    await page.getByText(/Your session has ended/).waitFor({ timeout: 20_000 });
    await expectNoteText(page, 'Online text.');
    // The editor stays and keeps saving on this device.
    await noteBody(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Still typing.');
    await expectNoteText(page, 'Online text. Still typing.');
    await page.waitForTimeout(500);
    await page.reload();
    // The sign-in page keeps the deep link: after signing in, the app comes back to this note.
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === notePath);
    await login(page, 'mentor2@example.org');
    await page.goto(notePath);
    await expectNoteText(page, 'Online text. Still typing.');
    await waitForConnectionState(page, 'synced');
    expect(errors).toEqual([]);
  });

  it('reopened offline after a login, says who is signed in from this device', async () => {
    const errors: string[] = [];
    const device = await suite.device({ mobile: true });
    let page = await device.newPage();
    watchErrors(page, 'mentee', errors);
    await login(page, 'mentee2@example.org');
    await waitForServiceWorker(page);
    await page
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .waitFor();
    // Online and confirmed by the server: no offline banner.
    expect(await page.getByTestId('offline-identity').count()).toBe(0);
    await page.close();

    await device.setOffline(true);
    page = await device.newPage();
    watchErrors(page, 'mentee offline', errors);
    await page.goto('/mentoring');
    await page.getByText('Offline — signed in as Samir Haddad, sound designer (saved on this device)').waitFor();
    await page
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('the login form shows the server message for a wrong password and asks for a connection offline', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'visitor', errors);
    await page.goto('/login');
    await page.getByLabel(/email/i).fill('mentor@example.org');
    await page.getByLabel(/password/i).fill('not-the-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 })
      .toBe('Email or password is incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');

    // A first sign-in needs the server: offline, the (cached) form says so and cannot be sent.
    await waitForServiceWorker(page);
    await device.setOffline(true);
    await page.reload();
    await page.getByText('You are offline — you need a connection to sign in the first time.').waitFor();
    expect(await page.getByRole('button', { name: /sign in/i }).isDisabled()).toBe(true);

    // Going offline with the form open has the same effect.
    await device.setOffline(false);
    await expect.poll(() => page.getByRole('button', { name: /sign in/i }).isDisabled()).toBe(false);
    await device.setOffline(true);
    await page.getByText('You are offline — you need a connection to sign in the first time.').waitFor();
    expect(errors).toEqual([]);
  });

  it('explains on every page when this browser gives MOP no storage (private window), and the public pages still work', async () => {
    const device = await suite.device();
    // As in a browser that refuses IndexedDB: the API is missing before the app's code runs.
    await device.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    const page = await device.newPage();
    await page.goto('/learn');
    const banner = page.getByTestId('storage-problem');
    await expect
      .poll(() => banner.textContent(), { timeout: 15_000 })
      .toMatch(/MOP cannot save anything on this device/);
    expect(await banner.textContent()).toMatch(/open it in a normal window or allow site data/);
    expect(await banner.getAttribute('role')).toBe('alert');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
  });
});
