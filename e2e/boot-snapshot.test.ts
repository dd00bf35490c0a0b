import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, openFirstWorkspace, useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * The device's last view of a page (app/lib/boot-snapshot.ts): after a signed-in person has seen a page, a cold start
 * of that address — offline here — shows what it showed, inert, until the app has rendered the page itself and removed
 * the copy. Signing out deletes every copy.
 */

/** Whether a copy of `path` is kept on this device (Cache Storage). */
function viewKept(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (at) => {
    for (const name of await caches.keys())
      if (name.startsWith('mop-boot-snapshot-') && (await (await caches.open(name)).match(at))) return true;
    return false;
  }, path);
}

/**
 * What the page held when its HTML had been read (`__atParse`) and when the copy was put in it (`__atCopy`, after the
 * first frame: boot-snapshot.ts), before the app's scripts ran (an init script of the device).
 */
const RECORD_START = () => {
  const seen = window as unknown as { __atParse?: unknown; __atCopy?: unknown };
  const describe = () => {
    const copy = document.querySelector<HTMLElement>('div.mop-snapshot');
    const bar = document.querySelector<HTMLElement>('.mop-boot');
    return {
      copyText: copy?.textContent ?? null,
      copyWaiting: document.querySelector('template.mop-snapshot') !== null,
      copyShown: copy ? getComputedStyle(copy).display !== 'none' : false,
      copyInert: copy?.inert ?? false,
      copyIds: copy?.querySelectorAll('[id], [for], [name]').length ?? 0,
      copyScripts: copy?.querySelectorAll('script').length ?? 0,
      copyIconInline: copy ? copy.querySelector('svg') !== null && !copy.querySelector('img[src$=".svg"]') : false,
      barShown: bar ? getComputedStyle(bar).display !== 'none' : false,
      appRendered: document.querySelector('body > div[style="display: contents"] > :not(script)') !== null
    };
  };
  document.addEventListener('DOMContentLoaded', () => {
    seen.__atParse = describe();
  });
  new MutationObserver((_, observer) => {
    if (!document.querySelector('div.mop-snapshot')) return;
    observer.disconnect();
    seen.__atCopy = describe();
  }).observe(document, { childList: true, subtree: true });
};

interface AtStart {
  copyText: string | null;
  copyWaiting: boolean;
  copyShown: boolean;
  copyInert: boolean;
  copyIds: number;
  copyScripts: number;
  copyIconInline: boolean;
  barShown: boolean;
  appRendered: boolean;
}

/** `__atParse` and `__atCopy` of `page` (RECORD_START). */
function atStart(page: Page): Promise<{ atParse?: AtStart; atCopy?: AtStart }> {
  return page.evaluate(() => {
    const seen = window as unknown as { __atParse?: AtStart; __atCopy?: AtStart };
    return { atParse: seen.__atParse, atCopy: seen.__atCopy };
  });
}

describe("the device's last view of a page while the app starts", () => {
  const suite = useStackAndBrowser();

  it('shows the workspace as last seen on a cold offline start, then the app; sign-out deletes the copies', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    await device.addInitScript(RECORD_START);
    const page = await device.newPage();
    watchErrors(page, 'mentor', errors);
    await login(page, 'mentor@example.org');
    await waitForServiceWorker(page);
    const path = await openFirstWorkspace(page);
    const heading = (await page.getByRole('heading', { level: 1 }).first().textContent())!.trim();
    expect(heading.length).toBeGreaterThan(0);
    // Kept once the page has settled (1.5 s without changes, then an idle moment).
    await expect.poll(() => viewKept(page, path), { timeout: 15_000 }).toBe(true);

    await device.setOffline(true);
    const cold = await device.newPage();
    watchErrors(cold, 'mentor offline', errors);
    await cold.goto(path);
    await cold.getByRole('heading', { level: 1, name: heading }).waitFor();
    const { atParse, atCopy } = await atStart(cold);
    // When the HTML had been read, the copy was waiting for the first frame, which showed the bar alone (as a page
    // never seen does).
    expect(atParse?.appRendered).toBe(false);
    expect(atParse?.copyWaiting).toBe(true);
    expect(atParse?.copyText).toBeNull();
    expect(atParse?.barShown).toBe(true);
    // Then, before any script of the app had rendered, the page showed the workspace, inert and without the bar.
    expect(atCopy?.appRendered).toBe(false);
    expect(atCopy?.copyShown).toBe(true);
    expect(atCopy?.copyText).toContain(heading);
    expect(atCopy?.copyInert).toBe(true);
    expect(atCopy?.barShown).toBe(false);
    // Nothing in the copy can run, or be found in place of the app's own labels and fields.
    expect(atCopy?.copyScripts).toBe(0);
    expect(atCopy?.copyIds).toBe(0);
    // The header's icon is inline: it paints with the first frame, with no answer of the worker to wait for.
    expect(atCopy?.copyIconInline).toBe(true);
    // Once the app has rendered, the copy is gone and the page works: the notes tab answers.
    await expect.poll(() => cold.locator('.mop-snapshot').count()).toBe(0);
    await cold.getByRole('button', { name: /new session note/i }).click();
    await cold.waitForURL(/\/notes\//);
    await cold.close();

    // A page never seen on this device starts as before, with the bar.
    const unseen = await device.newPage();
    await unseen.goto('/agenda');
    await unseen.getByRole('heading', { level: 1 }).first().waitFor();
    const unseenStart = await atStart(unseen);
    expect(unseenStart.atParse?.copyText).toBeNull();
    expect(unseenStart.atParse?.copyWaiting).toBe(false);
    expect(unseenStart.atParse?.barShown).toBe(true);
    expect(unseenStart.atCopy).toBeUndefined();
    await unseen.close();

    // Signing out deletes every copy: the next person on this device does not see this one's pairs.
    await device.setOffline(false);
    await page.bringToFront();
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/login/);
    expect(
      await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('mop-boot-snapshot-')))
    ).toEqual([]);
    expect(errors).toEqual([]);
  });
});
