import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createMopServer } from '@mop/sync-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.ts';
import { assertBuildLoads, buildDir, buildUnlessSkipped, loadLine, median, option } from './setup.ts';

/**
 * Issue 16's Lighthouse figures: the learning center, a resource page and a module page, Lighthouse's default mobile
 * settings (a Moto G Power screen, simulated 4G and 4× CPU slowdown — "lantern", computed from one unthrottled load,
 * so the machine's load moves it less than a throttled run), against the real server with the demo data.
 *
 *   node --import tsx bench/web/lighthouse.ts [--skip-build] [--build <dir>] [--runs <n>] [--json <dir>]
 *
 * Prints each page's four category scores (the median of `--runs` runs, default 3) and the audits that cost points.
 * `--json <dir>` keeps each run's report.
 */

const runs = Number(option('--runs') ?? 3);
const jsonDir = option('--json');
if (jsonDir) mkdirSync(jsonDir, { recursive: true });
buildUnlessSkipped();
await assertBuildLoads(buildDir);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = {
  performance: 90,
  accessibility: 100,
  'best-practices': 95,
  seo: 100
};

const dataDir = mkdtempSync(join(tmpdir(), 'mop-bench-lighthouse-'));
const server = await createMopServer({
  dataDir,
  port: 0,
  demo: true,
  staticDir: buildDir,
  logger: () => undefined
});
// `--headless` is in CHROMIUM_ARGS; chrome-launcher adds its own profile directory and remote debugging port.
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS });

try {
  const catalogue = (await (await fetch(`${server.url}/api/catalogue`)).json()) as {
    resources: { id: string }[];
    modules: { id: string }[];
  };
  const pages = ['/learn', `/learn/${catalogue.resources[0]!.id}`, `/learn/modules/${catalogue.modules[0]!.id}`];
  const rows: string[] = [];
  const misses = new Map<string, Set<string>>();
  for (const path of pages) {
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((category) => [category, []]));
    const metrics: Record<string, number[]> = { fcp: [], lcp: [], tbt: [], cls: [] };
    for (let run = 0; run < runs; run++) {
      // Under a heavy load Chromium sometimes records no trace (NO_NAVSTART…): such a run is made again, twice at most.
      let lhr;
      for (let attempt = 1; ; attempt++) {
        const result = await lighthouse(`${server.url}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES]
        });
        if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
        lhr = result.lhr;
        if (!lhr.runtimeError) break;
        const failure = `${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
        if (attempt === 3) throw new Error(failure);
        console.error(`${failure}; again`);
      }
      if (jsonDir)
        writeFileSync(join(jsonDir, `${path.replaceAll('/', '_')}-${run}.json`), JSON.stringify(lhr, null, 1));
      for (const category of CATEGORIES) {
        const score = Math.round((lhr.categories[category]?.score ?? 0) * 100);
        scores[category]!.push(score);
        // What costs points: audits with a weight in the category that did not pass.
        for (const ref of lhr.categories[category]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
          const key = `${path} ${category}`;
          if (!misses.has(key)) misses.set(key, new Set());
          misses.get(key)!.add(`${ref.id} (${audit.displayValue ?? audit.score})`);
        }
      }
      metrics.fcp!.push(lhr.audits['first-contentful-paint']?.numericValue ?? NaN);
      metrics.lcp!.push(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN);
      metrics.tbt!.push(lhr.audits['total-blocking-time']?.numericValue ?? NaN);
      metrics.cls!.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN);
    }
    const cells = CATEGORIES.map((category) => {
      const value = median(scores[category]!);
      return `${value}${value >= TARGETS[category] ? '' : ' ✗'}`;
    });
    rows.push(
      `| ${path} | ${cells.join(' | ')} | ${Math.round(median(metrics.fcp!))} | ${Math.round(median(metrics.lcp!))} | ${Math.round(median(metrics.tbt!))} | ${median(metrics.cls!).toFixed(3)} | ${CATEGORIES.map((category) => scores[category]!.join('/')).join(' · ')} |`
    );
  }
  console.log(`\n### Lighthouse 12.2.3, mobile, median of ${runs} (${new Date().toISOString()}, ${loadLine()})\n`);
  console.log(
    '| page | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | TBT (ms) | CLS | every run (perf · a11y · bp · SEO) |'
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const row of rows) console.log(row);
  console.log(`\nTargets: performance ≥ 90, accessibility 100, best practices ≥ 95, SEO 100 (✗ = missed).`);
  for (const [key, audits] of misses) console.log(`- ${key}: ${[...audits].join(', ')}`);
} finally {
  chrome.kill();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
