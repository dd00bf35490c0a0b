// `npx tsx scripts/screenshots.ts <out-dir> [--dark]`: screenshots of the five most used screens (home, the pair's
// notes, the learning center, the programme page, settings) for a mentee, a mentor and a coordinator on a fresh demo
// install, at 390 px and 1280 px, light or dark. Serves the built app (`npm run build` first) from a throwaway data dir.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemoServer } from './demo-server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';

const ROLES = [
  { role: 'mentee', email: 'mentee@example.org' },
  { role: 'mentor', email: 'mentor@example.org' },
  { role: 'coordinator', email: 'coordinator@example.org' }
] as const;
const SIZES = [
  { name: '390', viewport: { width: 390, height: 844 }, mobile: true },
  { name: '1280', viewport: { width: 1280, height: 800 }, mobile: false }
] as const;

const outDir = resolve(process.argv[2] ?? 'docs/screenshots/visual/after');
const dark = process.argv.includes('--dark');
mkdirSync(outDir, { recursive: true });

const server = await startDemoServer('mop-shots-');
const base = server.base;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

/** Waits for the app to settle: network idle, then a moment for synced docs to render. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(800);
}

async function shoot(page: Page, file: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(outDir, `${file}${dark ? '-dark' : ''}.png`), fullPage: true });
  console.log(file);
}

try {
  for (const size of SIZES) {
    for (const { role, email } of ROLES) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: size.viewport,
        deviceScaleFactor: 1,
        isMobile: size.mobile,
        hasTouch: size.mobile,
        locale: 'en-GB',
        timezoneId: 'Europe/Rome',
        colorScheme: dark ? 'dark' : 'light'
      });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel(/email/i).fill(email);
      await page.getByLabel(/password/i).fill('mop-demo');
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
      await shoot(page, `${role}-home-${size.name}`);
      if (role !== 'coordinator') {
        await page.goto('/mentoring');
        await settle(page);
        const pair = page.locator('a[href^="/mentoring/"]').first();
        const href = await pair.getAttribute('href').catch(() => null);
        if (href) {
          await page.goto(href);
          await shoot(page, `${role}-pair-${size.name}`);
        }
      }
      await page.goto('/learn');
      await shoot(page, `${role}-learn-${size.name}`);
      await page.goto(
        role === 'coordinator' ? '/programmes/demo-peerment-pilot' : '/programmes/demo-peerment-pilot/community'
      );
      await shoot(page, `${role}-programme-${size.name}`);
      await page.goto('/account');
      await shoot(page, `${role}-settings-${size.name}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
