// `npx tsx scripts/link-preview.ts [out-dir] [--server http://host:port]`: what a messenger shows when someone shares
// a public page. For the learning center and one resource it fetches the page's HTML from a running MOP server, reads
// og:title, og:description, og:image and og:site_name as a messenger's crawler does (no JavaScript), and draws a
// WhatsApp-like and a Telegram-like chat bubble with that preview in Chromium (the card image fetched from the
// server), saved as `link-preview-<page>.png`. It also shoots the visitor's screens of issue 17 (`/` lands in the
// learning center; the 404 page for a visitor, for a signed-in mentor, and of an unknown resource with JavaScript off)
// at 390 px and 1280 px.
// Without --server it serves the built app (`npm run build` first) on a throwaway demo install.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startDemoServer } from './demo-server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';

const args = process.argv.slice(2);
const serverFlag = args.indexOf('--server');
const given = serverFlag >= 0 ? args[serverFlag + 1] : undefined;
const outDir = resolve(
  args.find((arg, index) => !arg.startsWith('--') && (serverFlag < 0 || index !== serverFlag + 1)) ??
    'docs/screenshots/public'
);
mkdirSync(outDir, { recursive: true });

const server = given ? undefined : await startDemoServer('mop-preview-');
const base = given?.replace(/\/$/, '') ?? server!.base;

/** What a messenger's crawler reads from a page: its Open Graph tags. */
interface Preview {
  url: string;
  siteName: string;
  title: string;
  description: string;
  image: string;
}

async function readPreview(browser: Browser, path: string): Promise<Preview> {
  // Crawlers send no cookies, run no script and often no Accept-Language.
  const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html', 'user-agent': 'WhatsApp/2.23' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const html = await response.text();
  const page = await browser.newPage();
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const found = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    return ['og:site_name', 'og:title', 'og:description', 'og:image', 'og:url'].map(
      (property) => doc.querySelector(`meta[property="${property}"]`)?.getAttribute('content') ?? ''
    );
  }, html);
  const [siteName = '', title = '', description = '', image = '', url = ''] = found;
  const tags = { siteName, title, description, image, url };
  await page.close();
  for (const [name, value] of Object.entries(tags)) if (!value) throw new Error(`${path}: no og:${name}`);
  return tags;
}

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/** Two chats, one per messenger style, each with the shared link and its preview. */
function chatHtml(preview: Preview): string {
  const host = new URL(preview.url).host;
  const p = {
    url: escape(preview.url),
    host: escape(host),
    site: escape(preview.siteName),
    title: escape(preview.title),
    description: escape(preview.description),
    image: escape(preview.image)
  };
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font-family: system-ui, sans-serif; display: flex; gap: 24px; padding: 24px; background: #ddd; }
  .phone { width: 390px; border-radius: 24px; overflow: hidden; box-shadow: 0 4px 16px #0003; }
  .bar { padding: 14px 16px; color: #fff; font-weight: 600; }
  .chat { padding: 16px 10px 24px; min-height: 420px; display: flex; flex-direction: column; align-items: flex-end; }
  .time { font-size: 11px; color: #667781; text-align: right; margin-top: 4px; }
  /* WhatsApp-like: green outgoing bubble, the preview as a grey block with the large image on top. */
  .wa .bar { background: #008069; }
  .wa .chat { background: #efeae2; }
  .wa .bubble { background: #d9fdd3; border-radius: 8px; padding: 4px; max-width: 330px; box-shadow: 0 1px 1px #0002; }
  .wa .card { background: #cfe9c6; border-radius: 6px; overflow: hidden; }
  .wa .card img { display: block; width: 100%; aspect-ratio: 1200 / 630; object-fit: cover; }
  .wa .card .text { padding: 6px 10px 8px; }
  .wa .title { font-weight: 600; font-size: 14px; color: #111b21; }
  .wa .desc { font-size: 13px; color: #3b4a54; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .wa .host { font-size: 12px; color: #667781; margin-top: 2px; }
  .wa .link { font-size: 14px; color: #027eb5; padding: 6px 6px 0; word-break: break-all; }
  /* Telegram-like: the link, then a preview with a coloured bar, site name, title, text and the image below. */
  .tg .bar { background: #517da2; }
  .tg .chat { background: #c7d6b8; }
  .tg .bubble { background: #effdde; border-radius: 12px; padding: 8px 10px; max-width: 330px; }
  .tg .link { font-size: 14px; color: #168acd; word-break: break-all; }
  .tg .card { border-left: 3px solid #4fae4e; padding-left: 8px; margin-top: 6px; }
  .tg .site { color: #4fae4e; font-weight: 600; font-size: 14px; }
  .tg .title { font-weight: 600; font-size: 14px; color: #000; }
  .tg .desc { font-size: 14px; color: #000; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .tg .card img { display: block; width: 100%; border-radius: 6px; margin-top: 6px; aspect-ratio: 1200 / 630; }
</style></head><body>
  <div class="phone wa"><div class="bar">Mentoring group</div><div class="chat">
    <div class="bubble"><div class="card"><img src="${p.image}" alt=""><div class="text">
      <div class="title">${p.title}</div><div class="desc">${p.description}</div><div class="host">${p.host}</div>
    </div></div><div class="link">${p.url}</div><div class="time">10:24 ✓✓</div></div>
  </div></div>
  <div class="phone tg"><div class="bar">Mentoring group</div><div class="chat">
    <div class="bubble"><div class="link">${p.url}</div><div class="card">
      <div class="site">${p.site}</div><div class="title">${p.title}</div><div class="desc">${p.description}</div>
      <img src="${p.image}" alt="">
    </div><div class="time">10:24</div></div>
  </div></div>
</body></html>`;
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  for (const [name, path] of [
    ['learn', '/learn'],
    ['resource', '/learn/first-session-checklist']
  ] as const) {
    const preview = await readPreview(browser, path);
    const page = await browser.newPage({ viewport: { width: 900, height: 600 }, colorScheme: 'light' });
    await page.setContent(chatHtml(preview), { waitUntil: 'load' });
    const broken = await page.evaluate(() =>
      [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src)
    );
    if (broken.length > 0) throw new Error(`${path}: the card image did not load: ${broken.join(', ')}`);
    await page.screenshot({ path: join(outDir, `link-preview-${name}.png`), fullPage: true });
    await page.close();
    console.log(`link-preview-${name}.png: ${preview.title} — ${preview.image}`);
  }

  // The visitor's screens: `/` lands in the learning center; the 404 page for a visitor and for a signed-in mentor.
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 }
  ]) {
    const visitor = await browser.newContext({ baseURL: base, viewport: size, locale: 'en-GB' });
    const page = await visitor.newPage();
    await page.goto('/');
    await page.waitForURL('**/learn');
    await page.screenshot({ path: join(outDir, `visitor-home-${size.width}.png`) });
    await page.goto('/no-such-page');
    await page.getByTestId('error-learn').waitFor();
    await page.screenshot({ path: join(outDir, `not-found-visitor-${size.width}.png`) });
    await visitor.close();

    // With JavaScript off (a crawler, a first visit on a slow phone), an unknown resource is the server's 404 page.
    const noScript = await browser.newContext({
      baseURL: base,
      viewport: size,
      locale: 'en-GB',
      javaScriptEnabled: false
    });
    const crawler = await noScript.newPage();
    await crawler.goto('/learn/no-such-resource');
    await crawler.screenshot({ path: join(outDir, `not-found-resource-no-js-${size.width}.png`), fullPage: true });
    await noScript.close();

    const mentor = await browser.newContext({ baseURL: base, viewport: size, locale: 'en-GB' });
    const signedIn = await mentor.newPage();
    await signedIn.goto('/login');
    await signedIn.getByLabel(/email/i).fill('mentor@example.org');
    await signedIn.getByLabel(/password/i).fill('mop-demo');
    await signedIn.getByRole('button', { name: 'Sign in' }).click();
    await signedIn.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
    await signedIn.goto('/no-such-page');
    await signedIn.getByTestId('error-home').waitFor();
    await signedIn.screenshot({ path: join(outDir, `not-found-signed-in-${size.width}.png`) });
    await mentor.close();
    console.log(`visitor-home, not-found-visitor, not-found-signed-in at ${size.width} px`);
  }
} finally {
  await browser.close();
  await server?.close();
}
