import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createMopServer, type MopServer } from '@mop/sync-server';
import { SESSION_COOKIE } from '@mop/shared';
import { makeTestCertificate } from '../sync-server/src/test-support/certificates.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, login, newDevice, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * A workshop or a small office served over HTTPS by MOP itself, under a real-looking name (not localhost, which
 * browsers treat as secure even over http). The certificate is made in the test; Chromium trusts it through its
 * SPKI hash, as a browser trusts a certificate from a real authority.
 */
describe('HTTPS under a name', () => {
  const NAME = 'mop.test';
  const dir = mkdtempSync(join(tmpdir(), 'mop-e2e-https-'));
  let server: MopServer;
  let browser: Browser;

  beforeAll(async () => {
    const certificate = makeTestCertificate(dir, NAME);
    server = await createMopServer({
      dataDir: join(dir, 'data'),
      port: 0,
      demo: true,
      staticDir: resolve(import.meta.dirname, '..', 'build'),
      tls: { certFile: certificate.certFile, keyFile: certificate.keyFile },
      logger: (level, message, details) => {
        if (level === 'error') console.error(`[server] ${message}`, details ?? '');
      }
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        `--ignore-certificate-errors-spki-list=${certificate.spkiHash}`,
        `--host-resolver-rules=MAP ${NAME} 127.0.0.1`
      ]
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a secure context: the service worker registers and the app starts offline', async () => {
    const errors: string[] = [];
    const device = await newDevice(browser, `https://${NAME}:${server.port}`);
    const page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    await login(page, 'mentor@example.org');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    // The insecure-origin explanation is not shown where everything works.
    expect(await page.getByTestId('insecure-origin').count()).toBe(0);
    await page.goto('/mentoring');
    await page
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .waitFor();
    await waitForServiceWorker(page);
    const cookies = await device.cookies();
    expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.secure).toBe(true);

    await device.setOffline(true);
    await page.reload();
    await page
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="connection-state"][data-state="offline"]').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await device.close();
  });
});
