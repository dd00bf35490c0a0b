import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createMopServer, type MopServerOptions } from '@mop/sync-server';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

export { CHROMIUM_ARGS, CHROMIUM_PATH };
export const DEMO_PASSWORD = 'mop-demo';

export interface Stack {
  url: string;
  dataDir: string;
  /** The one-time first-run link of a stack without demo data (null with the demo). */
  setupUrl: string | null;
  /** Stops the server; the data dir stays so a test can start another server on it. */
  stop(): Promise<void>;
  /** Stops the server and removes the data dir. */
  dispose(): Promise<void>;
}

/** Where a stack keeps its data and which built app it serves. */
export interface StackOptions {
  /** An existing data dir, to start on an existing database (a restart). Default: a fresh temp dir. */
  dataDir?: string;
  /** The built app to serve. Default: the repository's `build/`; a test that changes the app serves its own copy. */
  staticDir?: string;
  /** Seed the demo cohort (default); `false` starts like a real install, with a setup link. */
  demo?: boolean;
  /** Outgoing mail (an SMTP server of the test); default none, so mail waits in the outbox. */
  mail?: MopServerOptions['mail'];
  /** `MOP_REMOTE_IMAGES`: resource pages may show images from other sites. */
  remoteImages?: boolean;
}

/**
 * Starts the real MOP server (REST, sync WebSocket, built app) on port 0 with a fresh SQLite file and the demo
 * cohort. Pass `dataDir` to start on an existing database (a restart).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mop-e2e-'));
  const server = await createMopServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    demo: options.demo ?? true,
    staticDir: options.staticDir ?? resolve(import.meta.dirname, '..', 'build'),
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.remoteImages ? { remoteImages: true } : {}),
    // Only server errors are worth seeing in a test log; the expected warnings (refused frames, …) are not.
    logger: (level, message, details) => {
      if (level === 'error') console.error(`[server] ${message}`, details ?? '');
    }
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url: `http://127.0.0.1:${server.port}`,
    dataDir,
    setupUrl: server.setupUrl,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/**
 * Debian's Chromium with the flags these machines need, for a test that manages its own browser.
 * @public A harness helper for such tests, though today only this file calls it (knip would report it otherwise).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** How a device looks: a phone-sized touch screen, and/or the IANA time zone its clock shows. */
export interface DeviceOptions {
  mobile?: boolean;
  timezoneId?: string;
}

/**
 * A fresh browser profile (its own IndexedDB, Cache Storage and service worker), like a second device.
 * Relative URLs in `page.goto` resolve against `baseURL` (the stack's url).
 */
export async function newDevice(
  browser: Browser,
  baseURL: string,
  options: DeviceOptions = {}
): Promise<BrowserContext> {
  return keepOfflineForNewDocuments(await openContext(browser, baseURL, options));
}

/**
 * `context.setOffline(true)` cuts the network, but Debian's Chromium 150 (CDP network emulation) then reports
 * `navigator.onLine === true` in every document loaded afterwards — a page reloaded from the service worker believes
 * it is online, which a real phone with its network off never does. While the device is offline, an init script makes
 * new documents report what the device would: offline. Going online again removes it and tells open pages, as the
 * browser does on a real reconnect.
 */
async function keepOfflineForNewDocuments(context: BrowserContext): Promise<BrowserContext> {
  const setOffline = context.setOffline.bind(context);
  let script: { dispose(): Promise<void> } | null = null;
  context.setOffline = async (offline: boolean) => {
    await setOffline(offline);
    if (offline && !script) {
      script = await context.addInitScript(() => {
        // Kept so that going online again hands `onLine` back to the browser, which then follows later changes.
        const native = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
        Object.defineProperty(window, '__mopNativeOnLine', { value: native, configurable: true });
        Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
      });
    } else if (!offline && script) {
      await script.dispose();
      script = null;
      for (const page of context.pages()) {
        await page
          .evaluate(() => {
            const native = (window as { __mopNativeOnLine?: PropertyDescriptor }).__mopNativeOnLine;
            if (!native) return;
            Object.defineProperty(Navigator.prototype, 'onLine', native);
            delete (window as { __mopNativeOnLine?: PropertyDescriptor }).__mopNativeOnLine;
            dispatchEvent(new Event('online'));
          })
          .catch(() => undefined);
      }
    }
  };
  return context;
}

function openContext(browser: Browser, baseURL: string, options: DeviceOptions): Promise<BrowserContext> {
  // `timezoneId` (an IANA zone) makes the device's clock show another zone, like a member living elsewhere.
  const zone = options.timezoneId ? { timezoneId: options.timezoneId } : {};
  // The app follows the browser's language (it, es, en): the tests read English, whatever the machine's locale.
  const language = { locale: 'en-US' };
  return browser.newContext(
    options.mobile
      ? {
          baseURL,
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          ...language,
          ...zone
        }
      : { baseURL, viewport: { width: 1280, height: 800 }, ...language, ...zone }
  );
}

/** Signs in through the real login form and waits until the app has left the login page. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
}

/** Waits until a service worker controls the page, so a reload with the network off is served from its cache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((done) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => done(), { once: true })
    );
  });
}

/**
 * Collects uncaught page errors and Content-Security-Policy violations (Chromium reports each as a console error), so
 * a test can assert that none happened: every e2e test that watches errors also measures the policy (docs/security.md).
 *
 * One report is left out: "Executing inline event handler" for hostile Markdown (`<img onerror=…>`) that a test
 * posts on purpose. Chromium reports it while DOMPurify parses the text in an inert DOMParser document, where nothing
 * runs (cure53/DOMPurify#900 shows the same for styles); those tests assert that the handler never ran.
 */
export function watchErrors(page: Page, label: string, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error' || !/Content Security Policy/i.test(text)) return;
    if (/^Executing inline event handler/.test(text)) return;
    errors.push(`${label}: ${text}`);
  });
}

export interface StackSuite {
  /** The file's server (started before its first test). */
  readonly stack: Stack;
  /** The file's Chromium. */
  readonly browser: Browser;
  /** A fresh browser profile on the stack, closed after the file's tests. */
  device(options?: DeviceOptions): Promise<BrowserContext>;
}

/**
 * One server and one Chromium for a test file: registers `beforeAll`/`afterAll` that start them and stop them,
 * with every device made through `device()`. `stackOptions` is called in `beforeAll` (after the global build), e.g.
 * to serve a copy of the build.
 */
export function useStackAndBrowser(stackOptions: () => StackOptions = () => ({})): StackSuite {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    stack = await startStack(stackOptions());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.dispose();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The e2e ${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get stack() {
      return started(stack, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async device(options?: DeviceOptions) {
      const context = await newDevice(started(browser, 'browser'), started(stack, 'server').url, options);
      contexts.push(context);
      return context;
    }
  };
}

/** The connection indicator's states (`app/lib/state/connection-state.ts`). */
export type ConnectionState = 'offline' | 'connecting' | 'syncing' | 'saved-locally' | 'synced';

/** Waits until the header's connection indicator shows `state`. */
export async function waitForConnectionState(page: Page, state: ConnectionState, timeout = 20_000): Promise<void> {
  await page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ state: 'visible', timeout });
}

/** The rich-text body of the open note. */
export function noteBody(page: Page) {
  return page.getByRole('textbox', { name: 'Notes' });
}

/** From the signed-in home, opens the first pair's workspace and returns its path (`/mentoring/<id>`). */
export async function openFirstWorkspace(page: Page): Promise<string> {
  await page
    .getByRole('link', { name: /open workspace with/i })
    .first()
    .click();
  await page.waitForURL(/\/mentoring\/[^/]+$/);
  return new URL(page.url()).pathname;
}

/** Full-page screenshots at 390 px and 1280 px (`<dir>/<name>-390.png`, `-1280.png`), for a person to look at. */
export async function screenshotBothSizes(page: Page, dir: string, name: string): Promise<void> {
  for (const [label, size] of [
    ['390', { width: 390, height: 844 }],
    ['1280', { width: 1280, height: 800 }]
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
}
