import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { PackDetail, ResourceDetail, ResourceFile } from '@mop/shared';
import { useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * What a device holding packs offline relies on beyond the first download (see learning-center.test.ts for that):
 * an update fetches only the files that changed, a file cut off mid-stream resumes with `Range` + `If-Range`, and
 * a pack that would not fit in the storage quota asks first. The devices here reach the server through a small
 * proxy, which is both the log of what reached the server and the place where the connection is cut.
 */

const FILE_URL = /^\/api\/resources\/[^/]+\/files\/[^/?]+/;

/** One request that went through the proxy to the server. */
interface Access {
  method: string;
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
  /** Body bytes the proxy passed on to the browser. */
  bytes: number;
}

/**
 * An HTTP proxy in front of the stack: logs every request and, when told to, forwards only the first bytes of one
 * file's response and then drops the connection, as a dying mobile network does.
 */
class FlakyProxy {
  readonly log: Access[] = [];
  private cut: { path: string; afterBytes: number } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(target: string): Promise<FlakyProxy> {
    const upstream = new URL(target);
    // Assigned once the server listens; the request handler reads it only after that.
    // eslint-disable-next-line prefer-const -- the handler above closes over it before it is assigned
    let proxy: FlakyProxy | undefined;
    const server = createServer((req, res) => {
      const access: Access = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        range: header(req.headers, 'range'),
        ifRange: header(req.headers, 'if-range'),
        status: 0,
        bytes: 0
      };
      proxy?.log.push(access);
      const cut = proxy?.takeCut(access.path) ?? null;
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          access.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on('data', (chunk: Buffer) => {
            if (cut && access.bytes + chunk.byteLength >= cut.afterBytes) {
              const rest = chunk.subarray(0, cut.afterBytes - access.bytes);
              access.bytes += rest.byteLength;
              res.write(rest);
              answer.destroy();
              // Let the browser read what arrived, then the line goes dead mid-body.
              setTimeout(() => res.socket?.destroy(), 300);
              return;
            }
            access.bytes += chunk.byteLength;
            res.write(chunk);
          });
          answer.on('end', () => res.end());
        }
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    // The visitor's pages open no sync socket; refuse one rather than half-proxy it.
    server.on('upgrade', (_req, socket) => socket.destroy());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    proxy = new FlakyProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  /** The next response for `path` is cut after `afterBytes` bytes of its body. */
  cutNext(path: string, afterBytes: number): void {
    this.cut = { path, afterBytes };
  }

  private takeCut(path: string): { path: string; afterBytes: number } | null {
    if (!this.cut || path.split('?')[0] !== this.cut.path) return null;
    const cut = this.cut;
    this.cut = null;
    return cut;
  }

  /** Requests for resource files (what a pack download costs the server), in order. */
  fileRequests(): Access[] {
    return this.log.filter((access) => FILE_URL.test(access.path));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A coordinator talking to the write API directly, as the manage pages do. */
class Coordinator {
  private constructor(
    private readonly base: string,
    private readonly cookie: string
  ) {}

  static async signIn(base: string): Promise<Coordinator> {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@example.org', password: 'mop-demo' })
    });
    expect(response.status).toBe(200);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain('=');
    return new Coordinator(base, cookie);
  }

  private async send<T>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  createResource(fields: Record<string, unknown>): Promise<ResourceDetail> {
    return this.send(
      'POST',
      '/api/resources',
      {
        summary: 'Made by an end-to-end test.',
        audience: ['facilitator'],
        language: 'en',
        collection: 'mentra',
        ...fields
      },
      201
    );
  }

  patchResource(id: string, patch: Record<string, unknown>): Promise<ResourceDetail> {
    return this.send('PATCH', `/api/resources/${id}`, patch, 200);
  }

  async upload(resourceId: string, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<ResourceFile> {
    const response = await fetch(`${this.base}/api/resources/${resourceId}/files?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/octet-stream' },
      body: bytes
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${text}`);
    return (JSON.parse(text) as { file: ResourceFile }).file;
  }

  async publishPack(id: string, resourceIds: string[]): Promise<PackDetail> {
    await this.send(
      'POST',
      '/api/packs',
      { id, title: `Pack ${id}`, purpose: 'Made by an end-to-end test.', language: 'en', resourceIds },
      201
    );
    return this.send('POST', `/api/packs/${id}/publish`, undefined, 200);
  }

  patchPack(id: string, patch: Record<string, unknown>): Promise<PackDetail> {
    return this.send('PATCH', `/api/packs/${id}`, patch, 200);
  }
}

/** Bytes that neither compress nor repeat, so a cut file cannot be mistaken for a whole one. */
function noise(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

/** What the pack cache holds for each URL: the SHA-256 of its bytes, or null. */
async function cachedHashes(page: Page, urls: string[]): Promise<(string | null)[]> {
  return page.evaluate(async (list) => {
    const cache = await caches.open('mop-packs-v1');
    const out: (string | null)[] = [];
    for (const url of list) {
      const hit = await cache.match(url);
      if (!hit) {
        out.push(null);
        continue;
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await hit.arrayBuffer()));
      out.push([...digest].map((byte) => byte.toString(16).padStart(2, '0')).join(''));
    }
    return out;
  }, urls);
}

/** Size of the partial download the app kept for a URL in its IndexedDB, or null. */
async function partialSize(page: Page, url: string): Promise<number | null> {
  return page.evaluate(
    (key) =>
      new Promise<number | null>((resolve, reject) => {
        const open = indexedDB.open('mop-learning');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result.transaction('partials').objectStore('partials').get(key);
          get.onerror = () => reject(new Error(String(get.error)));
          get.onsuccess = () => {
            const value = get.result as { bytes: Blob } | undefined;
            open.result.close();
            resolve(value ? value.bytes.size : null);
          };
        };
      }),
    url
  );
}

describe('offline packs: updates, resumed files and the storage quota', () => {
  const suite = useStackAndBrowser();
  const proxies: FlakyProxy[] = [];
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const proxy of proxies) await proxy.close();
  });

  /** A fresh device that reaches the server through its own proxy. */
  async function proxiedDevice(): Promise<{ device: BrowserContext; proxy: FlakyProxy }> {
    const proxy = await FlakyProxy.start(suite.stack.url);
    proxies.push(proxy);
    const device = await suite.browser.newContext({ baseURL: proxy.url, viewport: { width: 1280, height: 800 } });
    contexts.push(device);
    return { device, proxy };
  }

  it('updates a pack by fetching only the changed and new files, and drops the removed ones', async () => {
    const coordinator = await Coordinator.signIn(suite.stack.url);
    await coordinator.createResource({
      id: 'update-notes',
      title: 'Update notes',
      type: 'page',
      body: '# Update notes\n\nThe first wording.'
    });
    const kept = await coordinator.upload(
      'update-notes',
      'kept.txt',
      new TextEncoder().encode('This file never changes.\n')
    );
    const changing = await coordinator.upload(
      'update-notes',
      'changing.txt',
      new TextEncoder().encode('Version one of the handout.\n')
    );
    await coordinator.createResource({ id: 'update-extra', title: 'Update extra', type: 'worksheet' });
    const dropped = await coordinator.upload(
      'update-extra',
      'dropped.txt',
      new TextEncoder().encode('Only in the first version of the pack.\n')
    );
    const first = await coordinator.publishPack('update-pack', ['update-notes', 'update-extra']);
    expect(first.manifest.files.map((file) => file.url).sort()).toEqual([changing.url, dropped.url, kept.url].sort());

    const errors: string[] = [];
    const { device, proxy } = await proxiedDevice();
    const page = await device.newPage();
    watchErrors(page, 'facilitator', errors);
    await page.goto('/learn/packs/update-pack');
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await page.getByTestId('pack-complete').waitFor({ timeout: 30_000 });
    expect(
      proxy
        .fileRequests()
        .map((access) => access.path)
        .sort()
    ).toEqual(first.manifest.files.map((file) => file.url).sort());

    // The coordinator rewrites the page, gives one file new bytes, adds a file and takes a resource out of the pack.
    await coordinator.patchResource('update-notes', {
      body: '# Update notes\n\nThe second wording, after the workshop.'
    });
    const changed = await coordinator.upload(
      'update-notes',
      'changing.txt',
      new TextEncoder().encode('Version two of the handout, longer.\n')
    );
    const added = await coordinator.upload(
      'update-notes',
      'added.txt',
      new TextEncoder().encode('A file the second version adds.\n')
    );
    const second = await coordinator.patchPack('update-pack', { resourceIds: ['update-notes'] });
    expect(second.pack.version).toBeGreaterThan(first.pack.version);
    const secondUrls = second.manifest.files.map((file) => file.url).sort();
    expect(secondUrls).toEqual([added.url, changed.url, kept.url].sort());
    expect(changed.sha256).not.toBe(changing.sha256);

    // The device notices: the pack page offers the update with its size, the library says the pack is out of date.
    proxy.log.length = 0;
    await page.goto('/learn/packs/update-pack');
    await page.getByRole('button', { name: `Update available — download version ${second.pack.version}` }).waitFor();
    const updateBytes = changed.size + added.size;
    const expectedSize = await page.evaluate(
      (bytes) => new Intl.NumberFormat('en', { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes),
      updateBytes
    );
    await page.getByText(`Only what changed: ${expectedSize}`).waitFor();
    expect(proxy.fileRequests()).toEqual([]);

    // Before the facilitator updates, the coordinator rewords the page once more; the facilitator comes back later,
    // straight to the library (a new visit), and updates from there.
    const third = await coordinator.patchResource('update-notes', {
      body: '# Update notes\n\nThe third wording, after the review.'
    });
    expect(third.files.map((file) => file.sha256).sort()).toEqual(
      second.manifest.files.map((file) => file.sha256).sort()
    );
    const latest = (await (await fetch(`${suite.stack.url}/api/packs/update-pack`)).json()) as PackDetail;
    expect(latest.pack.version).toBeGreaterThan(second.pack.version);
    await page.goto('/library');
    const entry = page.getByTestId('library-pack');
    await entry.getByText(`Out of date: version ${latest.pack.version} is available`).waitFor();
    await entry.getByRole('button', { name: 'Update' }).click();
    await entry.getByText(`3 files · version ${latest.pack.version}`).waitFor({ timeout: 30_000 });

    // Only the changed and the new file reached the server; the unchanged one was not fetched again.
    expect(proxy.fileRequests().map((access) => [access.path, access.status])).toEqual(
      expect.arrayContaining([
        [changed.url, 200],
        [added.url, 200]
      ])
    );
    expect(proxy.fileRequests()).toHaveLength(2);
    // The removed file left the cache; the others hold the new bytes.
    expect(await cachedHashes(page, [kept.url, changed.url, added.url, dropped.url])).toEqual([
      kept.sha256,
      changed.sha256,
      added.sha256,
      null
    ]);

    // The library shows the pack up to date, also after a reload.
    await page.goto('/library');
    await entry.getByText(`3 files · version ${latest.pack.version}`).waitFor();
    expect(await entry.getByText(/Out of date/).count()).toBe(0);
    expect(await entry.getByRole('button', { name: 'Update' }).count()).toBe(0);

    // Offline, the new wording and the new bytes open from this device; online again, the pack page agrees.
    await device.setOffline(true);
    await page.goto('/learn/update-notes');
    await page
      .getByTestId('resource-body')
      .getByText('The third wording, after the review.')
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('offline-badge').waitFor();
    const text = await page.evaluate(async (url) => (await fetch(url)).text(), changed.url);
    expect(text).toBe('Version two of the handout, longer.\n');
    await device.setOffline(false);
    await page.goto('/learn/packs/update-pack');
    await page.getByTestId('pack-complete').getByText(`version ${latest.pack.version}`).waitFor();
    expect(await page.getByRole('button', { name: /Update available/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('resumes a file cut off mid-stream with Range and If-Range, and checks the whole file', async () => {
    const coordinator = await Coordinator.signIn(suite.stack.url);
    await coordinator.createResource({ id: 'big-handout', title: 'Big handout', type: 'guide' });
    const pdf = new Uint8Array(2_500_000);
    pdf.set(new TextEncoder().encode('%PDF-1.4\n'));
    pdf.set(noise(pdf.byteLength - 9, 7), 9);
    const big = await coordinator.upload('big-handout', 'big-handout.pdf', pdf);
    expect(big.sha256).toBe(sha256(pdf));
    await coordinator.publishPack('resume-pack', ['big-handout']);

    const errors: string[] = [];
    const { device, proxy } = await proxiedDevice();
    const page = await device.newPage();
    watchErrors(page, 'facilitator', errors);
    await page.goto('/learn/packs/resume-pack');
    await waitForServiceWorker(page);

    // The line dies after 800 kB of the file.
    proxy.cutNext(big.url, 800_000);
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await page.getByText(/The download stopped/).waitFor({ timeout: 30_000 });
    const [cutRequest] = proxy.fileRequests();
    expect(cutRequest).toMatchObject({ path: big.url, range: undefined, status: 200, bytes: 800_000 });
    // What arrived is kept on the device for the next attempt.
    const kept = await partialSize(page, big.url);
    expect(kept).not.toBeNull();
    expect(kept!).toBeGreaterThan(0);
    expect(kept!).toBeLessThanOrEqual(800_000);

    await page.getByRole('button', { name: 'Resume download' }).click();
    await page.getByTestId('pack-complete').waitFor({ timeout: 30_000 });
    const requests = proxy.fileRequests();
    expect(requests).toHaveLength(2);
    // Only the rest was asked for, on condition the file is still the same one.
    expect(requests[1]).toMatchObject({
      path: big.url,
      range: `bytes=${kept}-`,
      ifRange: `"${big.sha256}"`,
      status: 206,
      bytes: big.size - kept!
    });
    expect(await cachedHashes(page, [big.url])).toEqual([big.sha256]);
    expect(await partialSize(page, big.url)).toBeNull();
    expect(await page.getByTestId('pack-progress-text').textContent()).toContain('1 of 1 files');
    expect(errors).toEqual([]);
  });

  it('warns before a pack exceeds the storage quota, without downloading, and downloads anyway when asked', async () => {
    const { device, proxy } = await proxiedDevice();
    // The browser reports 2 kB free.
    await device.addInitScript(() => {
      StorageManager.prototype.estimate = () => Promise.resolve({ quota: 1_000_000, usage: 998_000 });
    });
    const errors: string[] = [];
    const page = await device.newPage();
    watchErrors(page, 'facilitator', errors);
    const detail = (await (await page.request.get('/api/packs/workshop-2-goals-and-progress')).json()) as PackDetail;
    expect(detail.manifest.totalBytes).toBeGreaterThan(2_000);
    await page.goto('/learn/packs/workshop-2-goals-and-progress');
    await waitForServiceWorker(page);

    await page.getByRole('button', { name: 'Make available offline' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This pack needs' });
    await warning.waitFor();
    const [needed, available] = await page.evaluate(
      ([bytes, free]) => {
        const format = (value: number) => {
          const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
          let unit = 0;
          while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit += 1;
          }
          return new Intl.NumberFormat('en', {
            style: 'unit',
            unit: units[unit],
            unitDisplay: 'short',
            maximumFractionDigits: unit === 0 ? 0 : 1
          }).format(value);
        };
        return [format(bytes), format(free)];
      },
      [detail.manifest.totalBytes, 2_000] as const
    );
    expect(await warning.textContent()).toContain(
      `This pack needs ${needed} but the browser says only ${available} is free`
    );
    // Nothing was fetched and nothing is recorded as held.
    expect(proxy.fileRequests()).toEqual([]);
    expect(await page.getByTestId('pack-progress').count()).toBe(0);

    await warning.getByRole('button', { name: 'Download anyway' }).click();
    await page.getByTestId('pack-complete').waitFor({ timeout: 30_000 });
    expect(await warning.count()).toBe(0);
    expect(
      proxy
        .fileRequests()
        .map((access) => access.path)
        .sort()
    ).toEqual(detail.manifest.files.map((file) => file.url).sort());
    expect(errors).toEqual([]);
  });
});
