// Renders MOP's PNG icons from icon.svg with Debian's Chromium (playwright-core), so no binary asset is made by hand.
// Run: node static/icons/generate-icons.mjs   (commit the PNGs it writes next to this script)
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = await readFile(join(here, 'icon.svg'), 'utf8');
const svgUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** Normal icons use the rounded artwork; maskable ones fill the square and keep the artwork in the 80 % safe zone. */
const targets = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-192.png', size: 192, maskable: true },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true }
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
try {
  for (const { file, size, maskable } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#1f4e5f' : 'transparent'}">` +
        `<img src="${svgUrl}" width="${inner}" height="${inner}"></body></html>`
    );
    await page.waitForFunction(() => document.images[0]?.complete === true);
    await page.screenshot({ path: join(here, file), omitBackground: !maskable });
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
