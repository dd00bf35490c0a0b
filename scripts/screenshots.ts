// `npx tsx scripts/screenshots.ts <out-dir> [--dark | --both] [--only home,pair-goals,…]`: screenshots of the screens a
// mentee, a mentor and a coordinator use (home, the pair's workspace and each of its tabs, the learning center, the
// programme page, notifications, settings) on a fresh demo install, at 390 px and 1280 px, in the light theme, the
// dark one (`--dark`, files end in `-dark`) or both. `--only` takes screen names (see SCREENS) to shoot a few.
// Serves the built app (`npm run build` first) from a throwaway data dir.
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

type Role = (typeof ROLES)[number]['role'];
/** A screen: a path, or a tab of the first pair's workspace (`pair`); `roles` limits who has it. */
interface Screen {
  name: string;
  path?: string | ((role: Role) => string);
  pair?: string;
  roles?: readonly Role[];
}
const PAIR_MEMBERS = ['mentee', 'mentor'] as const;
const SCREENS: Screen[] = [
  { name: 'home', path: '/' },
  { name: 'pair', pair: '', roles: PAIR_MEMBERS },
  { name: 'pair-sessions', pair: '/sessions', roles: PAIR_MEMBERS },
  { name: 'pair-messages', pair: '/messages', roles: PAIR_MEMBERS },
  { name: 'pair-goals', pair: '/progress', roles: PAIR_MEMBERS },
  { name: 'pair-shelf', pair: '/shelf', roles: PAIR_MEMBERS },
  { name: 'learn', path: '/learn' },
  {
    name: 'programme',
    path: (role) =>
      role === 'coordinator' ? '/programmes/demo-peerment-pilot' : '/programmes/demo-peerment-pilot/community'
  },
  { name: 'notifications', path: '/notifications', roles: PAIR_MEMBERS },
  { name: 'settings', path: '/account' }
];

const args = process.argv.slice(2);
const outDir = resolve(args[0] && !args[0].startsWith('--') ? args[0] : 'docs/screenshots/visual/after');
const schemes: ('light' | 'dark')[] = args.includes('--both')
  ? ['light', 'dark']
  : args.includes('--dark')
    ? ['dark']
    : ['light'];
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : null;
const screens = SCREENS.filter((screen) => !only || only.has(screen.name));
mkdirSync(outDir, { recursive: true });

const server = await startDemoServer('mop-shots-');
const base = server.base;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

/** Waits for the app to settle: network idle, then a moment for synced docs to render. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(800);
}

async function shoot(page: Page, file: string, scheme: 'light' | 'dark'): Promise<void> {
  await settle(page);
  const name = `${file}${scheme === 'dark' ? '-dark' : ''}`;
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  console.log(name);
}

try {
  for (const scheme of schemes) {
    for (const size of SIZES) {
      for (const { role, email } of ROLES) {
        const mine = screens.filter((screen) => !screen.roles || screen.roles.includes(role));
        if (mine.length === 0) continue;
        const context = await browser.newContext({
          baseURL: base,
          viewport: size.viewport,
          deviceScaleFactor: 1,
          isMobile: size.mobile,
          hasTouch: size.mobile,
          locale: 'en-GB',
          timezoneId: 'Europe/Rome',
          colorScheme: scheme
        });
        const page = await context.newPage();
        await page.goto('/login');
        await page.getByLabel(/email/i).fill(email);
        await page.getByLabel(/password/i).fill('mop-demo');
        await page.getByRole('button', { name: /sign in/i }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
        let pairPath: string | null | undefined;
        for (const screen of mine) {
          if (screen.pair !== undefined) {
            if (pairPath === undefined) {
              await page.goto('/mentoring');
              await settle(page);
              pairPath = await page
                .locator('a[href^="/mentoring/"]')
                .first()
                .getAttribute('href', { timeout: 5_000 })
                .catch(() => null);
            }
            if (!pairPath) continue;
            await page.goto(`${pairPath}${screen.pair}`);
          } else {
            const path = typeof screen.path === 'function' ? screen.path(role) : (screen.path ?? '/');
            await page.goto(path);
          }
          await shoot(page, `${role}-${screen.name}-${size.name}`, scheme);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
