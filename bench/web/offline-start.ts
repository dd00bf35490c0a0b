import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createMopServer } from '@mop/sync-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.ts';
import {
  assertBuildLoads,
  buildDir as appBuild,
  buildUnlessSkipped,
  flag,
  loadLine,
  median,
  option,
  scratchDir
} from './setup.ts';

/**
 * Issue 16's offline cold start: with the network off and every service worker stopped, how long a fresh tab takes to
 * paint (first contentful paint, from navigation start) for
 * - a blank page served by a tiny service worker of the same origin (the floor: what any service-worker page costs),
 * - `/learn` for a visitor, and `/mentoring` for the signed-in demo mentor (their start page; `/`, the manifest's
 *   start_url, redirects there: the script checks once that it opens offline),
 * and how long until the mentor's list of notes in a pair's workspace is in the page (`[data-testid="notes-list"]` laid
 * out, measured from navigation start).
 *
 *   node --import tsx bench/web/offline-start.ts [--skip-build] [--build <dir>] [--rounds <n>] [--against <dir>]
 *     [--timeline] [--trace <file>]
 *
 * One Chromium, two profiles (a visitor's and the mentor's), each first used online (the app's service worker installs
 * and precaches, the mentor's pairs and documents are saved on the device), then offline (`context.setOffline`). Each
 * round opens every page once in a new tab, in the same order, after stopping all service workers (CDP
 * `ServiceWorker.stopAllWorkers`), so every navigation starts its worker. Medians of `--rounds` (default 7) and the
 * ratio to the blank page of the same profile.
 *
 * With `--against <dir>`, a second build (before/after) gets its own server, profiles and blank page, and each round
 * measures both, alternately, so that a change is compared under the same load (the load on these machines moves
 * within minutes). `--timeline` prints what the last round's workspace fetched and when; `--trace` records it.
 *
 * The blank page is not part of the app: this script copies the build to a temporary directory and adds
 * `/bench-blank/` (a page that registers `sw.js`, a worker that answers every navigation of its scope with one
 * line of HTML).
 */

const rounds = Number(option('--rounds') ?? 7);
/** `--timeline`: after the table, what the last round's cold workspace fetched and when (resource timing). */
const timeline = flag('--timeline');
/** `--trace <file>`: a Chromium performance trace of the last round's cold workspace (open it in DevTools). */
const traceFile = option('--trace');
/**
 * `--against <dir>`: another build (e.g. main's, built in a worktree of it) measured in the same rounds, its pages
 * opened alternately with this one's (which goes first alternates too), so that both see the same load.
 */
const against = option('--against');
buildUnlessSkipped();

const BLANK_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  '<title>Blank</title></head><body><p>A blank page served by a service worker.</p></body></html>';
const work = scratchDir('mop-bench-offline-');

/** A copy of `source` (a build) with the blank service-worker page, served by a MOP server with the demo data. */
async function serve(source: string, name: string) {
  const buildDir = join(work, name, 'build');
  cpSync(source, buildDir, { recursive: true });
  await assertBuildLoads(buildDir);
  const blankDir = join(buildDir, 'client', 'bench-blank');
  mkdirSync(blankDir);
  writeFileSync(
    join(blankDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title>' +
      '<script src="/bench-blank/register.js"></script></head><body><p>Installing…</p></body></html>'
  );
  writeFileSync(
    join(blankDir, 'register.js'),
    "navigator.serviceWorker.register('/bench-blank/sw.js', { scope: '/bench-blank/' });"
  );
  writeFileSync(
    join(blankDir, 'sw.js'),
    `const PAGE = ${JSON.stringify(BLANK_PAGE)};
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (event.request.mode === 'navigate')
    event.respondWith(new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
});
`
  );
  const dataDir = join(work, name, 'data');
  mkdirSync(dataDir);
  return createMopServer({ dataDir, port: 0, demo: true, staticDir: buildDir, logger: () => undefined });
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** Records, from the first byte of each page, when the elements the bench waits for are in the page and laid out. */
const WATCH = `
  window.__mopSeen = {};
  const ids = ['notes-list', 'mentorship-list', 'pair-home'];
  const look = () => {
    for (const id of ids) {
      for (const element of document.querySelectorAll('[data-testid="' + id + '"]')) {
        // The device's last view of the page (boot-snapshot.ts), shown by the service worker while the app starts,
        // is counted apart from what the app renders.
        const key = element.closest('.mop-snapshot') ? id + '@last-view' : id;
        if (window.__mopSeen[key] !== undefined || key in pending) continue;
        if (element.getBoundingClientRect().height === 0) continue;
        if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        // On screen at the next frame: the time of the frame that paints it, not of the markup's arrival.
        pending[key] = true;
        requestAnimationFrame(() => { window.__mopSeen[key] = performance.now(); });
      }
    }
  };
  const pending = {};
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
`;

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolvePaint, reject) => {
        const timer = setTimeout(() => reject(new Error('no first contentful paint in 20 s')), 20_000);
        new PerformanceObserver((list, observer) => {
          const entry = list.getEntries().find((each) => each.name === 'first-contentful-paint');
          if (!entry) return;
          clearTimeout(timer);
          observer.disconnect();
          resolvePaint(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      })
  );
}

/**
 * The page's navigation, resource, paint and user timing entries, one a line (ms from navigation start), for
 * `--timeline`. A string, like WATCH: tsx would wrap a function's inner helpers in a `__name` the page does not have.
 */
const DESCRIBE_TIMELINE = `(() => {
  const ms = (value) => value.toFixed(0).padStart(5);
  const [nav] = performance.getEntriesByType('navigation');
  const lines = ['navigation: worker start ' + ms(nav.workerStart) + ', response ' + ms(nav.responseStart) + '–' +
    ms(nav.responseEnd) + ', DOM interactive ' + ms(nav.domInteractive) + ', DOMContentLoaded ' +
    ms(nav.domContentLoadedEventEnd)];
  const events = [];
  for (const entry of performance.getEntriesByType('resource'))
    events.push([entry.startTime, ms(entry.startTime) + ' → ' + ms(entry.responseEnd) + '  ' +
      entry.initiatorType.padEnd(6) + ' ' + new URL(entry.name).pathname.replace('/_app/immutable/', '')]);
  for (const entry of performance.getEntriesByType('paint')) events.push([entry.startTime, ms(entry.startTime) + '  paint  ' + entry.name]);
  for (const entry of performance.getEntriesByType('mark')) events.push([entry.startTime, ms(entry.startTime) + '  mark   ' + entry.name]);
  for (const [id, at] of Object.entries(window.__mopSeen)) events.push([at, ms(at) + '  seen   ' + id]);
  events.sort((a, b) => a[0] - b[0]);
  return [...lines, ...events.map((event) => event[1])].join('\\n');
})()`;

/** Opens `path` in a new tab with every service worker stopped; FCP and, when asked, when `testId` appeared. */
async function coldOpen(
  context: BrowserContext,
  path: string,
  settled: string,
  testId?: string,
  trace?: string
): Promise<{ fcp: number; seen?: number; seenLastView?: number; entries?: string }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  if (trace)
    await browser.startTracing(page, {
      path: trace,
      screenshots: true,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'loading',
        'v8.execute',
        'toplevel',
        'ServiceWorker',
        ...(process.env.MOP_TRACE_MORE ? ['fonts', 'mojom', 'base', 'disabled-by-default-fonts'] : [])
      ]
    });
  await page.goto(path, { waitUntil: 'load' });
  await page.locator(settled).first().waitFor({ timeout: 20_000 });
  const fcp = await firstContentfulPaint(page);
  let seen: number | undefined;
  let seenLastView: number | undefined;
  if (testId) {
    await page.waitForFunction(
      (id) => (window as unknown as { __mopSeen: Record<string, number> }).__mopSeen[id],
      testId,
      {
        timeout: 20_000
      }
    );
    seen = await page.evaluate(
      (id) => (window as unknown as { __mopSeen: Record<string, number> }).__mopSeen[id]!,
      testId
    );
    const lastView = await page.evaluate(
      (id) => (window as unknown as { __mopSeen: Record<string, number> }).__mopSeen[`${id}@last-view`],
      testId
    );
    // Nothing is on screen before the first contentful paint: the frame that holds the copy is timed by its
    // animation frame, which comes before that frame is painted (by ~200 ms at load 6 here, for a whole page).
    seenLastView = lastView === undefined ? undefined : Math.max(lastView, fcp);
  }
  if (trace) await browser.stopTracing();
  const entries = timeline ? ((await page.evaluate(DESCRIBE_TIMELINE)) as string) : undefined;
  await cdp.detach();
  await page.close();
  return { fcp, seen, seenLastView, entries };
}

/** Until the worker registered for `scope` is active (asked every 200 ms, for up to 60 s). */
async function waitForWorker(page: Page, scope: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const active = await page.evaluate(
      async (at) => (await navigator.serviceWorker.getRegistration(at))?.active?.state === 'activated',
      scope
    );
    if (active) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`No active service worker for ${scope}`);
}

/**
 * Registers the blank page's worker in this profile before the app's: the app's worker answers every navigation of
 * its scope (`/`) with the app, so `/bench-blank/` would never load its own page once that one is installed. The more
 * specific scope then wins for `/bench-blank/`.
 */
async function installBlank(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('/bench-blank/index.html', { waitUntil: 'load' });
  await waitForWorker(page, '/bench-blank/');
  await page.goto('/bench-blank/', { waitUntil: 'load' });
  const text = await page.locator('body p').first().textContent();
  if (!text?.includes('served by a service worker'))
    throw new Error(`The blank page's worker does not answer: ${text}`);
  await page.close();
}

/** Until this profile's pages are controlled by the app's service worker, which has precached the app. */
async function waitForAppWorker(page: Page): Promise<void> {
  await waitForWorker(page, '/');
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Progress on stderr, so that a stuck step shows where. */
const step = (what: string) => console.error(`[offline-start] ${what}`);

/** The visitor's and the mentor's profiles for the app at `baseURL`, used online once, then offline. */
async function install(baseURL: string, name: string) {
  // The visitor: opens the learning center once online (the app installs), and the blank page.
  step(`${name}: visitor installing`);
  const visitor = await browser.newContext({ baseURL, locale: 'en-US' });
  await visitor.addInitScript(WATCH);
  await installBlank(visitor);
  const visitorPage = await visitor.newPage();
  await visitorPage.goto('/learn', { waitUntil: 'networkidle' });
  await waitForAppWorker(visitorPage);
  await visitorPage.close();

  step(`${name}: mentor signing in`);
  const mentor = await browser.newContext({ baseURL, locale: 'en-US' });
  await mentor.addInitScript(WATCH);
  await installBlank(mentor);
  const mentorPage = await mentor.newPage();
  await mentorPage.goto('/login');
  await mentorPage.getByLabel(/email/i).fill('mentor@example.org');
  await mentorPage.getByLabel(/password/i).fill('mop-demo');
  await mentorPage.getByRole('button', { name: /sign in/i }).click();
  await mentorPage.waitForURL((url) => url.pathname === '/mentoring');
  await mentorPage.locator('[data-testid="pair-home"]').first().waitFor();
  const pairPath = await mentorPage.locator('[data-testid="pair-home"] h2 a').first().getAttribute('href');
  if (!pairPath) throw new Error('The demo mentor has no pair');
  await waitForAppWorker(mentorPage);
  await mentorPage.goto(pairPath, { waitUntil: 'networkidle' });
  // The demo pairs start with no notes: the mentor writes two (each opens in the editor), so there is a list to show.
  for (let note = 0; note < 2; note++) {
    await mentorPage.locator('[data-testid="notes-list"], [data-testid="notes-empty"]').first().waitFor();
    await mentorPage.getByRole('button', { name: /new session note/i }).click();
    await mentorPage.waitForURL((url) => url.pathname.includes('/notes/'));
    await mentorPage.goto(pairPath, { waitUntil: 'networkidle' });
  }
  await mentorPage.locator('[data-testid="notes-list"]').waitFor();
  // Let the document reach IndexedDB (y-indexeddb stores updates as they arrive), and the app keep its view of the
  // page for the next start (boot-snapshot.service.ts: once the page has settled for 1.5 s; a build without it waits
  // the whole 5 s).
  await mentorPage
    .waitForFunction(
      async (path) => {
        for (const name of await caches.keys())
          if (name.startsWith('mop-boot-snapshot-') && (await (await caches.open(name)).match(path))) return true;
        return false;
      },
      pairPath,
      { timeout: 5000, polling: 200 }
    )
    .catch(() => undefined);
  await mentorPage.waitForTimeout(1000);
  await mentorPage.close();

  step(`${name}: offline`);
  await visitor.setOffline(true);
  await mentor.setOffline(true);

  // The manifest's start_url: an installed app opens `/`, which redirects a signed-in mentor to `/mentoring`.
  const startUrl = await mentor.newPage();
  const startUrlOpens = await startUrl
    .goto('/')
    .then(() => startUrl.locator('[data-testid="pair-home"]').first().waitFor({ timeout: 20_000 }))
    .then(
      () => 'yes',
      (error: unknown) => `no (${String(error).split('\n')[0]})`
    );
  await startUrl.close();

  return { visitor, mentor, pairPath, startUrlOpens };
}

/** One build's profiles, and what its rounds measured. */
interface Setup {
  label: string;
  profiles: Awaited<ReturnType<typeof install>>;
  figures: Record<
    | 'visitorBlank'
    | 'learn'
    | 'mentorBlank'
    | 'start'
    | 'startList'
    | 'startListShown'
    | 'workspace'
    | 'notes'
    | 'notesShown',
    number[]
  > & { notesFromLastView: number };
  lastBlank?: Awaited<ReturnType<typeof coldOpen>>;
  lastWorkspace?: Awaited<ReturnType<typeof coldOpen>>;
}

/** One round of one build: every page once, cold, in the same order. */
async function measureRound(setup: Setup, last: boolean): Promise<void> {
  const { visitor, mentor, pairPath } = setup.profiles;
  const { figures } = setup;
  figures.visitorBlank.push((await coldOpen(visitor, '/bench-blank/', 'body p')).fcp);
  figures.learn.push((await coldOpen(visitor, '/learn', 'h1')).fcp);
  const blank = await coldOpen(mentor, '/bench-blank/', 'body p');
  figures.mentorBlank.push(blank.fcp);
  setup.lastBlank = blank;
  const start = await coldOpen(mentor, '/mentoring', '[data-testid="pair-home"]', 'pair-home');
  figures.start.push(start.fcp);
  figures.startList.push(start.seen!);
  figures.startListShown.push(Math.min(start.seen!, start.seenLastView ?? Infinity));
  const trace = last && !setup.label.startsWith('--against') ? traceFile : undefined;
  const workspace = await coldOpen(mentor, pairPath, '[data-testid="notes-list"]', 'notes-list', trace);
  figures.workspace.push(workspace.fcp);
  figures.notes.push(workspace.seen!);
  figures.notesShown.push(Math.min(workspace.seen!, workspace.seenLastView ?? Infinity));
  if (workspace.seenLastView !== undefined) figures.notesFromLastView++;
  setup.lastWorkspace = workspace;
}

function report(setup: Setup): void {
  const { figures, profiles } = setup;
  console.log(
    `\n### offline cold start: ${setup.label}, median of ${rounds} (${new Date().toISOString()}, ${loadLine()})\n`
  );
  console.log('| profile | what | median (ms) | ratio to the blank page | every round (ms) |');
  console.log('| --- | --- | ---: | ---: | --- |');
  const row = (profile: string, what: string, values: number[], blank: number[] | null) =>
    console.log(
      `| ${profile} | ${what} | ${median(values).toFixed(0)} | ${blank ? (median(values) / median(blank)).toFixed(2) : '—'} | ${values.map((value) => value.toFixed(0)).join(', ')} |`
    );
  row('visitor', 'FCP, blank service-worker page', figures.visitorBlank, null);
  row('visitor', 'FCP, /learn', figures.learn, figures.visitorBlank);
  row('mentor', 'FCP, blank service-worker page', figures.mentorBlank, null);
  row('mentor', 'FCP, /mentoring (start page)', figures.start, figures.mentorBlank);
  row('mentor', 'start page: first pair card on screen (last view or app)', figures.startListShown, null);
  row('mentor', 'start page: first pair card rendered by the app', figures.startList, null);
  const workspace = `FCP, ${profiles.pairPath.replace(/[^/]+$/, '<pair>')} (workspace)`;
  row('mentor', workspace, figures.workspace, figures.mentorBlank);
  row('mentor', 'workspace: list of notes on screen (last view or app)', figures.notesShown, null);
  row('mentor', 'workspace: list of notes rendered by the app', figures.notes, null);
  console.log(
    `\nThe list of notes came from the device's last view of the workspace in ${figures.notesFromLastView} of ${rounds} rounds.`
  );
  console.log(`\nOffline, \`/\` (the manifest's start_url) opens the mentor's start page: ${profiles.startUrlOpens}.`);
  if (setup.lastWorkspace?.entries && setup.lastBlank?.entries)
    console.log(
      `\nThe last round's blank page and workspace for the mentor (--timeline):\n\n\`\`\`\n${setup.lastBlank.entries}\n\n${setup.lastWorkspace.entries}\n\`\`\``
    );
}

const servers: Awaited<ReturnType<typeof serve>>[] = [];
try {
  const builds = [{ label: appBuild, dir: appBuild }];
  if (against) builds.push({ label: `--against ${against}`, dir: resolve(against) });
  const setups: Setup[] = [];
  for (const [index, build] of builds.entries()) {
    const server = await serve(build.dir, `build-${index}`);
    servers.push(server);
    setups.push({
      label: build.label,
      profiles: await install(server.url, `build ${index + 1}`),
      figures: {
        visitorBlank: [],
        learn: [],
        mentorBlank: [],
        start: [],
        startList: [],
        startListShown: [],
        workspace: [],
        notes: [],
        notesShown: [],
        notesFromLastView: 0
      }
    });
  }
  for (let round = 0; round < rounds; round++) {
    step(`round ${round + 1}`);
    // With two builds, which goes first alternates, so that neither always follows the other's work.
    const order = round % 2 ? [...setups].reverse() : setups;
    for (const setup of order) await measureRound(setup, round === rounds - 1);
  }
  for (const setup of setups) report(setup);
  console.log('\nTargets: FCP ≤ 1.5 × the blank page; the list of notes within 300 ms of navigation.');
} finally {
  await browser.close();
  for (const server of servers) await server.close();
  rmSync(work, { recursive: true, force: true });
}
