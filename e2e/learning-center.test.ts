import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PackDetail } from '@mop/shared';
import { login, useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * The learning-center scenario for a visitor with no account: search and read a resource, make a workshop
 * pack available offline with the progress bar, lose the network and still open every resource of the pack and
 * search; then carry the pack's zip to a fresh browser that imports it with no network at all.
 */

const PACK_ID = 'workshop-1-starting-a-mentoring-relationship';
const SECOND_PACK_ID = 'workshop-2-goals-and-progress';
const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-learn';

/** Full-page screenshots at phone and desktop widths, for a person to look at (not compared). */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 }
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}-full.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** Every value the pack's `<progress>` takes, recorded in the page as it changes. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: { value: number; max: number }[] = [];
    (window as unknown as { progressSamples: typeof samples }).progressSamples = samples;
    const sample = () => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="pack-progress"]');
      if (bar) samples.push({ value: bar.value, max: bar.max });
    };
    new MutationObserver(sample).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['value', 'max']
    });
  });
}

async function progressSamples(page: Page): Promise<{ value: number; max: number }[]> {
  return page.evaluate(
    () => (window as unknown as { progressSamples: { value: number; max: number }[] }).progressSamples
  );
}

/** Fetches each file from inside the page (through the service worker) and returns status and byte count. */
async function fetchFiles(page: Page, urls: string[]): Promise<{ url: string; status: number; bytes: number }[]> {
  return page.evaluate(async (list) => {
    const out: { url: string; status: number; bytes: number }[] = [];
    for (const url of list) {
      try {
        const response = await fetch(url);
        out.push({ url, status: response.status, bytes: (await response.arrayBuffer()).byteLength });
      } catch {
        out.push({ url, status: 0, bytes: 0 });
      }
    }
    return out;
  }, urls);
}

/** Opens each resource page of the pack and fetches each of its files; all must work (offline, in these tests). */
async function expectPackOpens(page: Page, detail: PackDetail, titles: Map<string, string>): Promise<void> {
  for (const id of detail.pack.resourceIds) {
    await page.goto(`/learn/${id}`);
    await page.getByRole('heading', { level: 1, name: titles.get(id) ?? id, exact: true }).waitFor({ timeout: 10_000 });
    const files = detail.manifest.files.filter((file) => file.resourceId === id);
    const fetched = await fetchFiles(
      page,
      files.map((file) => file.url)
    );
    expect(fetched).toEqual(files.map((file) => ({ url: file.url, status: 200, bytes: file.size })));
    if (files.length > 0) await page.getByTestId('offline-badge').waitFor();
  }
}

async function importZip(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId('pack-import').setInputFiles(file);
}

describe('learning center, offline packs and zip import', () => {
  const suite = useStackAndBrowser();
  let zipBytes: Buffer | null = null;

  it('a visitor searches, reads, makes a pack available offline and uses it with no network', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'visitor', errors);

    const detail = (await (await page.request.get(`/api/packs/${PACK_ID}`)).json()) as PackDetail;
    const catalogue = (await (await page.request.get('/api/catalogue')).json()) as {
      resources: { id: string; title: string }[];
    };
    const titles = new Map(catalogue.resources.map((resource) => [resource.id, resource.title]));

    // The header links to the learning center without an account.
    await page.goto('/login');
    await page.getByRole('navigation').getByRole('link', { name: 'Learning center' }).click();
    await page.waitForURL('**/learn');
    await page.getByRole('heading', { level: 1, name: 'Learning center' }).waitFor();
    await expect
      .poll(() => page.getByTestId('learn-result-count').textContent())
      .toContain(`${catalogue.resources.length} resources`);
    await screenshots(page, 'learn');

    // Search answers as the visitor types; a nonsense query shows the empty state, which clears.
    await page.getByLabel('Search resources').fill('goal');
    const results = page.getByTestId('learn-results').getByTestId('resource-card');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('learn-results').textContent()).toContain('Goal-setting worksheet');
    await page.getByLabel('Search resources').fill('zzqxv');
    await page.getByText('No resources match.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await expect.poll(() => page.getByLabel('Search resources').inputValue()).toBe('');
    await page.getByLabel('Type').selectOption('worksheet');
    await expect
      .poll(async () =>
        (await page.getByTestId('resource-card').allTextContents()).every((text) => text.includes('Worksheet'))
      )
      .toBe(true);
    await page.getByLabel('Type').selectOption('');

    // Open a resource: Markdown rendered, resource: links turned into app links, files listed, licence shown.
    await page.getByLabel('Search resources').fill('goal');
    // The query lives in the URL, so a reload (or Back, or a shared link) brings the same list back.
    await expect.poll(() => new URL(page.url()).search).toBe('?q=goal');
    await page.reload();
    await expect.poll(() => page.getByLabel('Search resources').inputValue()).toBe('goal');
    await page.getByTestId('learn-results').getByRole('link', { name: 'Goal-setting worksheet' }).click();
    await page.waitForURL('**/learn/goal-setting-worksheet');
    await page.getByTestId('resource-body').waitFor();
    expect(await page.locator('[data-testid="resource-body"] a[href^="resource:"]').count()).toBe(0);
    expect(await page.locator('[data-testid="resource-body"] a[href="/learn/closing-reflection"]').count()).toBe(1);
    await page
      .getByTestId('resource-files')
      .getByRole('link', { name: /^Download / })
      .first()
      .waitFor();
    await page
      .getByText(/CC BY-NC-SA 4\.0/)
      .first()
      .waitFor();
    await screenshots(page, 'resource');

    // The pack page shows the total size before anything is downloaded.
    await page.goto(`/learn/packs/${PACK_ID}`);
    await page.getByTestId('pack-total').waitFor();
    expect(await page.getByTestId('pack-total').textContent()).toContain(`in ${detail.manifest.files.length} files`);
    await waitForServiceWorker(page);

    await recordProgress(page);
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await page.getByTestId('pack-complete').waitFor({ timeout: 60_000 });
    const samples = await progressSamples(page);
    const max = samples.at(-1)?.max ?? 0;
    expect(max).toBe(detail.manifest.totalBytes);
    expect(samples.some((sample) => sample.value > 0 && sample.value < sample.max)).toBe(true);
    expect(samples.at(-1)?.value).toBe(max);
    expect(await page.getByTestId('pack-progress-text').textContent()).toContain(
      `${detail.manifest.files.length} of ${detail.manifest.files.length} files`
    );
    await screenshots(page, 'pack-complete');

    const otherPack = (await (await page.request.get(`/api/packs/${SECOND_PACK_ID}`)).json()) as PackDetail;
    const elsewhere = otherPack.manifest.files.find((file) => !detail.manifest.files.some((f) => f.url === file.url))!;
    // The network goes away. Every resource of the pack still opens, with its files, from this device.
    await device.setOffline(true);
    await page.reload();
    await page.getByTestId('pack-complete').waitFor();
    await expectPackOpens(page, detail, titles);

    // Media players ask for byte ranges; the service worker answers them from the pack cache.
    const firstFile = detail.manifest.files[0]!;
    const ranged = await page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { range: 'bytes=0-9' } });
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
    }, firstFile.url);
    expect(ranged).toEqual({ status: 206, bytes: 10 });

    // Search still answers offline, from the catalogue saved on this device.
    await page.goto('/learn');
    await page.getByTestId('learn-from-device').waitFor();
    await page.getByLabel('Search resources').fill('checklist');
    await expect.poll(() => page.getByTestId('learn-results').textContent()).toContain('First-session checklist');

    // A file in no pack on this device: offline its links are greyed out with a hint, not a browser error page.
    await page.goto(`/learn/${elsewhere.resourceId}`);
    const missing = page.locator('[data-testid="resource-files"] li[data-missing="true"]');
    await missing.first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('file-not-on-device').first().textContent()).toContain('Not on this device');
    expect(await missing.first().locator('a[href]').count()).toBe(0);

    await device.setOffline(false);
    // Back online, the links work again.
    await missing.first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.goto('/library');
    await page.getByTestId('library-pack').first().waitFor();
    await screenshots(page, 'library');

    // The pack as one zip, for a USB stick.
    const zip = await page.request.get(`/api/packs/${PACK_ID}/zip`);
    expect(zip.status()).toBe(200);
    zipBytes = await zip.body();
    expect(errors).toEqual([]);
  });

  it('resumes a pack download after the connection drops', async () => {
    const errors: string[] = [];
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    watchErrors(page, 'facilitator', errors);
    const detail = (await (await page.request.get(`/api/packs/${SECOND_PACK_ID}`)).json()) as PackDetail;
    await page.goto(`/learn/packs/${SECOND_PACK_ID}`);
    await waitForServiceWorker(page);

    // The connection drops on the third file: the first two are kept, verified.
    const dropped = detail.manifest.files[2]!;
    let drops = 0;
    await device.route(`**${dropped.url}`, async (route) => {
      drops += 1;
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await page.getByText(/The download stopped/).waitFor({ timeout: 30_000 });
    expect(drops).toBeGreaterThan(0);
    expect(await page.getByTestId('pack-progress-text').textContent()).toContain(
      `2 of ${detail.manifest.files.length} files`
    );
    await screenshots(page, 'pack-interrupted');

    await device.unroute(`**${dropped.url}`);
    await page.getByRole('button', { name: 'Resume download' }).click();
    await page.getByTestId('pack-complete').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('pack-progress-text').textContent()).toContain(
      `${detail.manifest.files.length} of ${detail.manifest.files.length} files`
    );
    expect(errors).toEqual([]);
  });

  it('imports the pack zip in a fresh browser with no network, and refuses a non-MOP or corrupt zip', async () => {
    expect(zipBytes).not.toBeNull();
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'other device', errors);
    const detail = (await (await page.request.get(`/api/packs/${PACK_ID}`)).json()) as PackDetail;
    const packZip = zipBytes!;
    const dir = mkdtempSync(join(tmpdir(), 'mop-pack-zip-'));
    writeFileSync(join(dir, 'pack.zip'), packZip);

    // The app is opened once (to install its service worker), then the network is gone for good.
    await page.goto('/');
    await waitForServiceWorker(page);
    await device.setOffline(true);
    await page.goto('/library');
    await page.getByText(/Nothing is stored on this device yet/).waitFor();

    // Bad zips are refused with a clear message.
    await importZip(page, {
      name: 'notes.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('this is not a zip at all')
    });
    await expect.poll(() => page.getByTestId('pack-import-error').textContent()).toContain('not a zip archive');
    await importZip(page, {
      name: 'photos.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ 'photo.txt': strToU8('hello') }))
    });
    await expect.poll(() => page.getByTestId('pack-import-error').textContent()).toContain('not a MOP pack');
    const entries = unzipSync(new Uint8Array(packZip));
    const victim = detail.manifest.files[0]!.path;
    const damaged = entries[victim]!.slice();
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    await importZip(page, {
      name: 'damaged.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ ...entries, [victim]: damaged }))
    });
    await expect.poll(() => page.getByTestId('pack-import-error').textContent()).toContain('corrupt');
    await page.getByText(/Nothing is stored on this device yet/).waitFor();

    // The real zip imports; every resource of the pack opens offline, and search finds them.
    await importZip(page, { name: 'pack.zip', mimeType: 'application/zip', buffer: packZip });
    await page.getByText(/is now available offline on this device/).waitFor({ timeout: 30_000 });
    await page.getByTestId('library-pack').waitFor();
    const titles = new Map<string, string>();
    const described = JSON.parse(Buffer.from(entries['mop-pack.json']!).toString('utf8')) as {
      resources: { id: string; title: string }[];
    };
    for (const resource of described.resources) titles.set(resource.id, resource.title);
    await expectPackOpens(page, detail, titles);
    await page.goto('/learn');
    await page.getByLabel('Search resources').fill('listening');
    await expect
      .poll(() => page.getByTestId('learn-results').textContent())
      .toContain(titles.get('active-listening-guide') ?? 'listening');
    expect(errors).toEqual([]);
  });
  it('a coordinator creates a page (server validation shown), uploads a file with progress and publishes a pack', async () => {
    const errors: string[] = [];
    const device = await suite.device();
    const page = await device.newPage();
    watchErrors(page, 'coordinator', errors);
    await login(page, 'coordinator@example.org');
    await page.goto('/manage/resources');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'New Markdown page' }) });
    await form.getByLabel('Title').fill('Warm-up games');
    await form.getByRole('button', { name: 'Create page' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/Some values were not accepted.*summary/i);

    await form.getByLabel('Summary').fill('Three short games to open a workshop.');
    await form.getByLabel('Mentor', { exact: true }).check();
    await form
      .getByLabel('Page text (Markdown)')
      .fill('# Warm-up games\n\nSee the [agreement](resource:mentoring-agreement-template).');
    await form.getByRole('button', { name: 'Create page' }).click();
    await page
      .getByRole('link', { name: 'Warm-up games' })
      .waitFor({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        throw new Error(`no new page: ${await page.locator('main').innerText()}`, { cause: error });
      });

    const upload = page.locator('form', { has: page.getByRole('heading', { name: 'Upload a file' }) });
    await upload.getByLabel('To resource').selectOption({ label: 'Warm-up games' });
    await upload.getByLabel('File').setInputFiles({
      name: 'warm-up.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Game 1: names and a gesture.\n')
    });
    await upload.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Uploaded warm-up.txt.').waitFor();

    const compose = page.locator('form', { has: page.getByRole('heading', { name: 'Compose a pack' }) });
    await compose.getByLabel('Pack title').fill('Warm-ups');
    await compose.getByLabel('Purpose').fill('Openers for any workshop.');
    await compose.getByLabel('Warm-up games').check();
    await compose.getByRole('button', { name: 'Create pack' }).click();
    const row = page.locator('li', { has: page.getByRole('link', { name: 'Warm-ups' }) });
    await row.getByRole('button', { name: 'Publish' }).click();
    await row.getByText(/Published/).waitFor();

    await page.goto('/learn/warm-up-games');
    await page.getByRole('link', { name: 'agreement' }).waitFor();
    expect(await page.getByRole('link', { name: 'agreement' }).getAttribute('href')).toBe(
      '/learn/mentoring-agreement-template'
    );
    expect(errors).toEqual([]);
  });
});
