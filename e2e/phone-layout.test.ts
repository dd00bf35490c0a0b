import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser } from './harness';

// Every page, for every role, on a 390 px phone: nothing may make the page wider than the screen (a sideways-scrolling
// page is the most common phone layout bug: a long word, a fixed-width table, a caret label). And the tab bar's
// notification count is on screen.
const suite = useStackAndBrowser();

const PROGRAMME = '/programmes/demo-peerment-pilot';
const COMMON = [
  '/learn',
  '/learn/modules',
  '/learn/packs',
  '/learn/offline-access',
  '/community',
  '/account',
  '/privacy'
];
const PAGES: Record<'mentee' | 'mentor' | 'coordinator' | 'admin', string[]> = {
  mentee: ['/mentoring', '/agenda', '/notifications', '/profile', '/requests', '/mentors', '/programmes', 'PAIR'],
  mentor: ['/mentoring', '/agenda', '/notifications', '/profile', '/requests', '/programmes', 'PAIR'],
  coordinator: ['/programmes', PROGRAMME, `${PROGRAMME}/manage`, `${PROGRAMME}/progress`, `${PROGRAMME}/community`],
  admin: ['/programmes', '/admin', '/admin/users', '/admin/audit', '/admin/outbox', '/admin/privacy', '/library']
};
const PAIR_TABS = ['', '/sessions', '/messages', '/progress', '/shelf'];

/** How much wider than the viewport the page is (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('phones (390 px)', () => {
  it.each(['mentee', 'mentor', 'coordinator', 'admin'] as const)(
    'no page is wider than the screen for a %s',
    async (role) => {
      const wide: string[] = [];
      {
        const device = await suite.device({ mobile: true });
        const page = await device.newPage();
        await login(page, `${role}@example.org`);
        const paths: string[] = [];
        for (const path of [...PAGES[role], ...COMMON]) {
          if (path !== 'PAIR') {
            paths.push(path);
            continue;
          }
          await page.goto('/mentoring');
          const href = await page.locator('a[href^="/mentoring/"]').first().getAttribute('href');
          const pair = href!.split('/').slice(0, 3).join('/');
          paths.push(...PAIR_TABS.map((tab) => `${pair}${tab}`));
        }
        for (const path of paths) {
          await page.goto(path);
          await page.locator('main h1').first().waitFor({ timeout: 10_000 });
          // Give lists read from the device or the server a moment to render before measuring.
          await page.waitForTimeout(400);
          const extra = await overflow(page);
          if (extra > 0) wide.push(`${role} ${path}: ${extra}px too wide`);
        }
        await device.close();
      }
      expect(wide).toEqual([]);
    },
    180_000
  );

  it("shows the tab bar with the role's destinations, the current one marked and the notification count on screen", async () => {
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    await login(page, 'mentee@example.org');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const names = (await nav.getByRole('link').allTextContents()).map((text) => text.replace(/\d+|new/g, '').trim());
    expect(names).toEqual(['Home', 'Agenda', 'Community', 'Learn', 'Notifications']);
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');

    // The demo pair has a notification waiting (its new pair); its count shows on the tab, inside the screen.
    const badge = page.getByTestId('notifications-badge');
    await badge.waitFor({ timeout: 20_000 });
    expect(Number((await badge.textContent())!.match(/\d+/)![0])).toBeGreaterThan(0);
    const box = (await badge.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // The bar sits at the bottom edge, and the connection state stays in the one header row.
    const bar = (await nav.boundingBox())!;
    expect(bar.y + bar.height).toBeGreaterThan(800);
    const header = (await page.locator('header.header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(60);
    expect(await page.locator('header.header').getByTestId('connection-state').isVisible()).toBe(true);

    // Opening the notifications marks that tab as the current one.
    await page.getByTestId('nav-notifications').click();
    await page.waitForURL(/\/notifications$/);
    expect(await page.getByTestId('nav-notifications').getAttribute('aria-current')).toBe('page');
    expect(await overflow(page)).toBe(0);
  });
});
