import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { createMopServer } from '@mop/sync-server';
import { assertBuildLoads, buildDir, buildUnlessSkipped, flag, loadLine, option } from './setup.ts';

/**
 * The web figures of issue 16: JavaScript each page kind loads (gzip) and what is in its first HTML, measured in
 * Chromium against the real server with the demo data.
 *
 *   node --import tsx bench/web/measure.ts [--skip-build] [--build <dir>] [--label <name>] [--list]
 *
 * `--list` prints each page's biggest scripts. `--build <dir>` measures another build (e.g. one made from an older commit, for a before/after in the same session).
 * The server sends files uncompressed, so each script is gzipped here (level 9, what a proxy would send).
 */

const label = option('--label') ?? 'this build';
buildUnlessSkipped();
await assertBuildLoads(buildDir);

const dataDir = mkdtempSync(join(tmpdir(), 'mop-bench-web-'));
const server = await createMopServer({ dataDir, port: 0, demo: true, staticDir: buildDir, logger: () => undefined });
const browser = await chromium.launch({
  executablePath: process.env.MOP_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run'
  ]
});

interface Figures {
  page: string;
  scripts: number;
  gzipKb: number;
  rawKb: number;
  htmlHasContent: boolean;
}

/** Opens `path` in a fresh profile (no service worker, no cache) and adds up the scripts it loaded until idle. */
async function measure(
  context: BrowserContext,
  path: string,
  expectText: string,
  settledAt?: (url: URL) => boolean
): Promise<Figures> {
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then(
      (body) => scripts.set(response.url(), body),
      () => undefined
    );
  });
  const first = await page.goto(path, { waitUntil: 'networkidle' });
  const html = (await first?.text()) ?? '';
  // The signed-in home redirects on the client to the role's start page: count what that page loads too.
  if (settledAt) {
    await page.waitForURL(settledAt);
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(500);
  const bodies = [...scripts.values()];
  await page.close();
  if (flag('--list')) {
    // The biggest scripts of this page, to see what to load later.
    const sized = [...scripts].map(([url, body]) => [gzipSync(body, { level: 9 }).byteLength / 1000, url] as const);
    for (const [kb, url] of sized.sort((a, b) => b[0] - a[0]).slice(0, 12))
      console.log(`  ${path}: ${kb.toFixed(1)} kB gzip ${new URL(url).pathname}`);
  }
  return {
    page: path,
    scripts: bodies.length,
    gzipKb: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).byteLength, 0) / 1000,
    rawKb: bodies.reduce((sum, body) => sum + body.byteLength, 0) / 1000,
    htmlHasContent: html.includes(expectText)
  };
}

try {
  const catalogue = (await (await fetch(`${server.url}/api/catalogue`)).json()) as {
    resources: { id: string; title: string }[];
    modules: { id: string; title: string }[];
  };
  const resource = catalogue.resources[0]!;
  const module = catalogue.modules[0]!;
  const figures: Figures[] = [];
  for (const [path, text] of [
    ['/learn', resource.title],
    [`/learn/${resource.id}`, resource.title],
    [`/learn/modules/${module.id}`, module.title]
  ] as const) {
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-US', serviceWorkers: 'block' });
    figures.push(await measure(context, path, text));
    await context.close();
  }
  // The signed-in home: a mentor signs in, then the home page is loaded afresh (what a returning mentor opens).
  const context = await browser.newContext({ baseURL: server.url, locale: 'en-US', serviceWorkers: 'block' });
  const login = await context.newPage();
  await login.goto('/login');
  await login.getByLabel(/email/i).fill('mentor@example.org');
  await login.getByLabel(/password/i).fill('mop-demo');
  await login.getByRole('button', { name: /sign in/i }).click();
  await login.waitForURL((url) => !url.pathname.startsWith('/login'));
  await login.close();
  const home = await measure(context, '/', 'MOP', (url) => url.pathname !== '/');
  figures.push({ ...home, page: '/ → /mentoring (mentor, signed in)', htmlHasContent: false });
  await context.close();

  console.log(`\n### ${label} (${new Date().toISOString()}, ${loadLine()})\n`);
  console.log('| page | scripts | JS gzip (kB) | JS raw (kB) | content in first HTML |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of figures)
    console.log(
      `| ${row.page} | ${row.scripts} | ${row.gzipKb.toFixed(1)} | ${row.rawKb.toFixed(1)} | ${row.htmlHasContent ? 'yes' : 'no'} |`
    );
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
