import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import axe from 'axe-core';
import type { AxeResults, RunOnly } from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, noteBody, useStackAndBrowser } from './harness';

// Every page a visitor, a mentee, a mentor, a coordinator and an admin can reach, crawled from their home by following
// the app's own links (breadth first): axe-core's WCAG 2.1 A and AA rules find no violation at 1280 px and at 390 px,
// the dark theme's colours have enough contrast at both widths too, and at 390 px no page is wider than the screen.
// Pages of one route are checked once (a resource page twice) so the crawl stays a few minutes; screens no link
// reaches (a matching run to review, a session note with the other member's caret in it) are made and added.
const suite = useStackAndBrowser();

type Role = 'visitor' | 'mentee' | 'mentor' | 'coordinator' | 'admin';
const ROLES: Role[] = ['visitor', 'mentee', 'mentor', 'coordinator', 'admin'];
const WCAG_21_AA: RunOnly = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
/** What the dark theme changes: colours. */
const CONTRAST: RunOnly = { type: 'rule', values: ['color-contrast'] };
/** At most this many pages per role (the demo has about 30 routes a role can reach). */
const MAX_PAGES = 45;
/** Pages checked per route: a resource page's body is written by authors, so two of them; one of anything else. */
const PER_ROUTE: Record<string, number> = { '/learn/[id]': 2 };
/** Where a role's crawl starts, beside its home: the main navigation is found on every page anyway. */
const START: Record<Role, string[]> = {
  visitor: ['/', '/learn', '/login', '/join', '/forgot-password', '/privacy', '/imprint', '/verify'],
  mentee: ['/'],
  mentor: ['/'],
  coordinator: ['/'],
  admin: ['/', '/admin', '/admin/outbox']
};
/**
 * The public pages (learning center, privacy, verification): checked signed out by the visitor and signed in by the
 * mentor (with the pair's shelf controls) and the coordinator (with the managing ones); the mentee and the admin see
 * them like one of those.
 */
const PUBLIC = /^\/(learn|library|privacy|imprint|verify)(\/|$)/;
const SKIP_PUBLIC: Role[] = ['mentee', 'admin'];
/** States of a page that no link reaches, opened on it and checked like a page. */
const STATES: Record<string, { name: string; open: (page: Page) => Promise<void> }[]> = {
  '/programmes/[id]': [
    {
      name: 'a participant dialog',
      open: async (page) => {
        await page.getByTestId('participant-manage').first().click({ timeout: 10_000 });
        await page.getByTestId('participant-dialog').waitFor();
      }
    }
  ]
};
/** Links never followed: sign-out and one-time links act when opened. */
const SKIP = /^\/(api|logout|unsubscribe|confirm-email|reset-password|invitation|setup)(\/|$)/;

/** The app's routes (`app/routes/**\/+page.svelte`) as patterns, so pages of one route are checked once. */
function routePatterns(): { route: string; pattern: RegExp }[] {
  const root = resolve(import.meta.dirname, '..', 'app', 'routes');
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === '+page.svelte') routes.push('/' + relative(root, dir).split(sep).join('/'));
    }
  };
  walk(root);
  return (
    routes
      .map((route) => (route === '/' ? '/' : route.replace(/\/$/, '')))
      .map((route) => ({
        route,
        pattern: new RegExp(
          '^' +
            route
              .split('/')
              .map((part) => (/^\[.+\]$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
              .join('/') +
            '/?$'
        )
      }))
      // Static segments win over parameters (`/learn/modules` before `/learn/[id]`).
      .sort((a, b) => (a.route.match(/\[/g)?.length ?? 0) - (b.route.match(/\[/g)?.length ?? 0))
  );
}
const ROUTES = routePatterns();

function routeOf(path: string): string {
  return ROUTES.find(({ pattern }) => pattern.test(path))?.route ?? path;
}

/**
 * Waits for the page to settle: its main landmark shown, the network quiet, no DOM change for 300 ms and its finite
 * CSS transitions done (a colour fading in would be measured half-way).
 */
async function settle(page: Page): Promise<void> {
  await page
    .locator('main')
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let timer = setTimeout(finish, 300);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(finish, 300);
        });
        const stop = setTimeout(finish, 4_000);
        function finish() {
          observer.disconnect();
          clearTimeout(stop);
          done();
        }
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      })
  );
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined))
    )
  );
}

/** Same-origin paths linked from the page (no query, no fragment). */
async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('a[href]')]
      .filter((a) => !a.hasAttribute('download'))
      .map((a) => (a as HTMLAnchorElement).href)
  );
  const origin = new URL(page.url()).origin;
  const paths = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin || /\.[a-z0-9]+$/i.test(url.pathname)) continue;
    paths.add(url.pathname);
  }
  return [...paths];
}

/** axe-core's WCAG 2.1 A + AA violations on the page, one readable line per rule. */
async function axeViolations(page: Page, only: RunOnly): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's Content-Security-Policy (which
  // stays on, as visitors have it) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (runOnly) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly, resultTypes: ['violations'] }),
    only
  );
  return (results as AxeResults).violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' > '));
    const shown = targets.slice(0, 4).join(' | ') + (targets.length > 4 ? ` (+${targets.length - 4} more)` : '');
    return `${violation.id} [${violation.impact}] ×${targets.length}: ${shown}`;
  });
}

/**
 * Screens no link reaches: a matching run to review; a session note with the other member writing in it, their caret
 * (with its name label) at the right edge of a line on a phone. Made here; returns their paths and what to close.
 */
async function extraPages(page: Page, role: Role): Promise<{ paths: string[]; close?: () => Promise<void> }> {
  if (role === 'coordinator') {
    await page.goto('/programmes');
    await page.getByRole('link', { name: 'PeerMent pilot cohort' }).click();
    await page.waitForURL(/\/programmes\/[^/]+$/);
    await page.getByRole('button', { name: 'Run matching' }).click();
    await page.waitForURL(/\/runs\/[^/]+$/, { timeout: 30_000 });
    return { paths: [new URL(page.url()).pathname] };
  }
  if (role !== 'mentee') return { paths: [] };
  await page.goto('/mentoring');
  const href = await page.locator('a[href^="/mentoring/"]').first().getAttribute('href');
  const pair = href!.split('/').slice(0, 3).join('/');
  await page.goto(pair);
  await page.getByRole('button', { name: /new session note/i }).click();
  await page.waitForURL(/\/notes\/[^/]+$/);
  await page.getByLabel('Title').fill('Accessibility check');
  const note = new URL(page.url()).pathname;
  // The mentor, on a phone of the same width, writes a paragraph longer than a line and leaves the caret at the end
  // of its first line: the mentee's phone shows it there, its name label running on past the right edge.
  const mentor = await suite.device({ mobile: true });
  const writer = await mentor.newPage();
  await login(writer, 'mentor@example.org');
  await writer.goto(note);
  await noteBody(writer).click();
  await writer.keyboard.type(
    'We agreed to meet every second week and to review the plan together at the end. '.repeat(2)
  );
  await writer.keyboard.press('Control+Home');
  await writer.keyboard.press('End');
  // Before the line's last letter: at the end itself the caret is drawn at the start of the next line.
  await writer.keyboard.press('ArrowLeft');
  return { paths: [note, `${pair}/feedback`], close: () => mentor.close() };
}

async function crawl(role: Role): Promise<{ problems: string[]; checked: string[] }> {
  const context = await suite.device();
  const page = await context.newPage();
  const problems: string[] = [];
  const checked: string[] = [];
  let closeExtra: (() => Promise<void>) | undefined;
  try {
    if (role !== 'visitor') await login(page, `${role}@example.org`);
    const extra = await extraPages(page, role);
    closeExtra = extra.close;
    const queue = [...START[role], ...extra.paths];
    const seen = new Set<string>();
    const perRoute = new Map<string, number>();
    // The page as it is, at 1280 px then 390 px, light then dark (the dark theme changes colours only: its contrast,
    // without reloading); and at 390 px, its width.
    const checkHere = async (where: string) => {
      const report = async (at: string, only: RunOnly) => {
        for (const line of await axeViolations(page, only)) problems.push(`${where} @${at}: ${line}`);
      };
      await report('1280 light', WCAG_21_AA);
      await page.emulateMedia({ colorScheme: 'dark' });
      await settle(page);
      await report('1280 dark', CONTRAST);
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      await report('390 dark', CONTRAST);
      await page.emulateMedia({ colorScheme: 'light' });
      await settle(page);
      await report('390 light', WCAG_21_AA);
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wider > 1) problems.push(`${where} @390: the page is ${wider}px wider than the screen`);
    };
    while (queue.length > 0 && checked.length < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(path) || SKIP.test(path) || (SKIP_PUBLIC.includes(role) && PUBLIC.test(path))) continue;
      seen.add(path);
      const route = routeOf(path);
      if ((perRoute.get(route) ?? 0) >= (PER_ROUTE[route] ?? 1)) continue;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(path);
      await settle(page);
      // A redirect (a signed-in member opening /login) lands on a page of another route: count that one.
      const landed = new URL(page.url()).pathname;
      const landedRoute = routeOf(landed);
      if (landed !== path) {
        seen.add(landed);
        if ((perRoute.get(landedRoute) ?? 0) >= (PER_ROUTE[landedRoute] ?? 1)) continue;
      }
      perRoute.set(landedRoute, (perRoute.get(landedRoute) ?? 0) + 1);
      checked.push(landed);
      for (const link of await linksOn(page)) if (!seen.has(link)) queue.push(link);
      await checkHere(`${role} ${landed}`);
      for (const state of STATES[landedRoute] ?? []) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await state.open(page);
        await checkHere(`${role} ${landed} (${state.name})`);
        await page.keyboard.press('Escape');
      }
    }
  } finally {
    await closeExtra?.();
    await context.close();
  }
  return { problems, checked };
}

describe('accessibility', () => {
  it.each(ROLES)(
    'every page a %s reaches passes axe-core (WCAG 2.1 AA, light and dark theme) and fits a 390 px screen',
    async (role) => {
      const { problems, checked } = await crawl(role);
      // The crawl really went around: a role that reaches only its home would pass for the wrong reason.
      expect(checked.length).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    },
    600_000
  );
});
