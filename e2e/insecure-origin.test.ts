import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, login, newDevice, startStack, watchErrors, type Stack } from './harness.ts';

/**
 * A facilitator serves a workshop over the venue's Wi-Fi with HOST=0.0.0.0 and people open http://<name>:<port>.
 * That is not a secure context (unlike localhost), so browsers give the page no service worker and no Cache Storage.
 * Chromium reaches the test server under a LAN-like name mapped to 127.0.0.1.
 */
describe('a plain http:// address on a workshop network', () => {
  const NAME = 'mop-workshop.lan';
  const PACK = 'workshop-1-starting-a-mentoring-relationship';
  let stack: Stack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    stack = await startStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${NAME} 127.0.0.1`]
    });
    base = stack.url.replace('127.0.0.1', NAME);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('says what works and what does not, and offers the .zip instead of a silent "Make available offline"', async () => {
    const errors: string[] = [];
    const device = await newDevice(browser, base);
    const page = await device.newPage();
    watchErrors(page, 'facilitator', errors);
    await login(page, 'mentor@example.org');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    // Every page says it, in one line that opens to the reasons.
    const notice = page.getByTestId('insecure-origin');
    await notice.getByText(/Live use only at this address/).waitFor();
    await notice.getByText(/Why\?/).click();
    await notice.getByText(/is a plain http:\/\/ address/).waitFor();
    expect(await notice.textContent()).toContain(base);
    expect(await notice.textContent()).toMatch(
      /starting MOP without a connection, keeping packs on this device, installing/
    );

    // A pack: no "Make available offline" button, an explanation, and the .zip as the way to take it away.
    await page.goto(`/learn/packs/${PACK}`);
    await page.getByTestId('pack-insecure').waitFor();
    expect(await page.getByRole('button', { name: 'Make available offline' }).count()).toBe(0);
    const zip = page.getByTestId('pack-zip');
    expect(await zip.textContent()).toContain('Download as .zip');
    const [download] = await Promise.all([page.waitForEvent('download'), zip.click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    expect(await download.failure()).toBeNull();

    // Importing a .zip is explained too, rather than failing on a missing Cache Storage.
    await page.goto('/library');
    await page.getByTestId('pack-import-insecure').waitFor();
    expect(await page.getByTestId('pack-import').count()).toBe(0);

    // The facilitator's page explains the two ways to give a room offline access.
    await page.getByTestId('pack-import-insecure').getByRole('link').click();
    await page.waitForURL(/\/learn\/offline-access$/);
    await page.getByRole('heading', { name: '1. HTTPS with a certificate for a name' }).waitFor();
    await page.getByRole('heading', { name: '2. Packs handed out as .zip files' }).waitFor();
    expect(await page.getByTestId('offline-access-here').textContent()).toContain('live use only');

    // No service worker was registered, and nothing failed silently in the background.
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    expect(errors).toEqual([]);
    await device.close();
  });

  it('shows nothing of this on a secure address (127.0.0.1 counts as one)', async () => {
    const device = await newDevice(browser, stack.url);
    const page = await device.newPage();
    await page.goto(`/learn/packs/${PACK}`);
    await page.getByRole('button', { name: 'Make available offline' }).waitFor();
    expect(await page.getByTestId('insecure-origin').count()).toBe(0);
    expect(await page.getByTestId('pack-insecure').count()).toBe(0);
    await device.close();
  });
});
