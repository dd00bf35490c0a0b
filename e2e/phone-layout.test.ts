import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser } from './harness';

// Every page, for every role, on a 390 px phone: nothing may make the page wider than the screen (a sideways-scrolling
// page is the most common phone layout bug: a long word, a fixed-width table, a caret label). And the tab bar's
// notification count is on screen. Nor may a table hide its columns: on a phone a table is read as one card per row,
// with no box to scroll sideways and no cell covering another (a column kept in view at the edge did).
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
  coordinator: [
    '/programmes',
    PROGRAMME,
    `${PROGRAMME}/manage`,
    `${PROGRAMME}/progress`,
    `${PROGRAMME}/report`,
    `${PROGRAMME}/community`
  ],
  admin: [
    '/programmes',
    '/admin',
    '/admin/users',
    '/admin/audit',
    '/admin/outbox',
    '/admin/privacy',
    '/admin/reports',
    '/library'
  ]
};
const PAIR_TABS = ['', '/sessions', '/messages', '/progress', '/shelf'];

/** How much wider than the viewport the page is (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The shown tables' problems on this screen: one that scrolls sideways in its box, a row's cells that cover each other
 * or leave the screen. Tables not shown (a chart's table in a closed <details>, a visually hidden one) are skipped.
 */
async function tableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('main table')) {
      if (table.getBoundingClientRect().width < 2) continue;
      const name = table.dataset.testid ?? table.caption?.textContent?.trim() ?? table.className;
      for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible' && box.scrollWidth > box.clientWidth + 1) {
          problems.push(`${name}: scrolls sideways (${box.scrollWidth - box.clientWidth}px hidden)`);
          break;
        }
      }
      for (const [index, row] of [...table.tBodies]
        .flatMap((body) => [...body.rows])
        .slice(0, 20)
        .entries()) {
        const cells = [...row.cells].map((cell) => cell.getBoundingClientRect());
        if (cells.some((cell) => cell.right > window.innerWidth + 1)) problems.push(`${name} row ${index}: off screen`);
        for (const [i, a] of cells.entries()) {
          for (const b of cells.slice(i + 1)) {
            const overlap =
              Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
              Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
            if (overlap > 1) problems.push(`${name} row ${index}: cells cover each other`);
          }
        }
      }
    }
    return [...new Set(problems)];
  });
}

/**
 * Links alone on their line (a way back, a row of links) and buttons shorter than 24 px, the least a finger can be asked
 * to hit (WCAG 2.5.8); a link inside a sentence may stay as tall as its text.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main a, main button')]
      .filter((target) => {
        const box = target.getBoundingClientRect();
        if (box.width === 0 || target.closest('.visually-hidden')) return false;
        const line = target.parentElement?.closest('p, li, div, h1, h2, h3');
        const alone = target.tagName === 'BUTTON' || line?.textContent?.trim() === target.textContent?.trim();
        return alone && box.height < 24;
      })
      .map((target) => `"${target.textContent?.trim()}" is ${Math.round(target.getBoundingClientRect().height)}px tall`)
  );
}

describe('phones (390 px)', () => {
  it.each(['mentee', 'mentor', 'coordinator', 'admin'] as const)(
    'no page is wider than the screen, nor a table wider than its box, nor a lone link or a button shorter than 24 px, for a %s',
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
          for (const problem of await tableProblems(page)) wide.push(`${role} ${path}: ${problem}`);
          for (const problem of await smallTargets(page)) wide.push(`${role} ${path}: ${problem}`);
        }
        await device.close();
      }
      expect(wide).toEqual([]);
    },
    180_000
  );

  it('lists the participants as a table on a wide screen, and on a phone as cards with the actions beside each name', async () => {
    const rows = async (mobile: boolean) => {
      const page = await (await suite.device({ mobile })).newPage();
      await login(page, 'coordinator@example.org');
      await page.goto(PROGRAMME);
      const table = page.getByTestId('participants-table');
      await table.locator('tbody tr').first().waitFor();
      const header = (await table.locator('thead').boundingBox())!;
      const row = table.locator('tbody tr').first();
      const name = (await row.locator('th').boundingBox())!;
      const cells = await Promise.all((await row.locator('td').all()).map(async (cell) => (await cell.boundingBox())!));
      const actions = (await row.getByTestId('participant-manage').boundingBox())!;
      return { header, name, cells, actions };
    };

    // Wide: column headers, and every cell of a row on one line, right of the name.
    const wide = await rows(false);
    expect(wide.header.height).toBeGreaterThan(20);
    for (const cell of wide.cells) {
      expect(cell.y).toBe(wide.name.y);
      expect(cell.x).toBeGreaterThan(wide.name.x);
    }

    // Phone: no visible header row; the cells stacked under the name, the actions button beside it, on screen.
    const phone = await rows(true);
    expect(phone.header.height).toBeLessThanOrEqual(1);
    const [role, profile, mentorships] = phone.cells;
    for (const [above, below] of [
      [phone.name, role!],
      [role!, profile!],
      [profile!, mentorships!]
    ] as const) {
      expect(below.y).toBeGreaterThanOrEqual(above.y + above.height - 1);
    }
    expect(phone.actions.y).toBeLessThan(phone.name.y + phone.name.height);
    expect(phone.actions.x).toBeGreaterThanOrEqual(phone.name.x + phone.name.width);
    expect(phone.actions.x + phone.actions.width).toBeLessThanOrEqual(390);
    expect(phone.actions.height).toBeGreaterThanOrEqual(24);
  });

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
