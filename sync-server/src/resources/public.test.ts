import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { unzipSync, strFromU8 } from 'fflate';
import {
  CatalogueSchema,
  PackManifestSchema,
  type Catalogue,
  PackZipManifestSchema,
  PackListSchema,
  type ResourceFile
} from '@mop/shared';
import { startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const bytesOf = async (response: Response): Promise<Uint8Array> => new Uint8Array(await response.arrayBuffer());

let server: TestServer;
let catalogue: Catalogue;
/** The largest seeded file: a PDF, served inline. */
let pdf: ResourceFile;
let docx: ResourceFile;

beforeAll(async () => {
  server = await startTestServer();
  const response = await fetch(`${server.url}/api/catalogue`);
  expect(response.status).toBe(200);
  catalogue = v.parse(CatalogueSchema, await response.json());
  const files = catalogue.resources.flatMap((r) => r.files);
  pdf = files.filter((f) => f.name.endsWith('.pdf')).sort((a, b) => b.size - a.size)[0]!;
  docx = files.find((f) => f.name.endsWith('.docx'))!;
});

afterAll(async () => {
  await server.close();
  expect(server.logger.errors).toEqual([]);
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${server.url}${path}`, { method, headers });

describe('catalogue', () => {
  it('lists the seeded starter library: collections, ≥ 12 resources with files, 2 packs, a non-English resource', () => {
    expect(catalogue.formatVersion).toBe(1);
    expect(catalogue.collections.length).toBeGreaterThan(0);
    expect(catalogue.resources.length).toBeGreaterThanOrEqual(12);
    expect(catalogue.packs).toHaveLength(2);
    expect(catalogue.resources.some((r) => r.language !== 'en')).toBe(true);
    expect(catalogue.resources.every((r) => r.sample)).toBe(true);
    expect(catalogue.resources.flatMap((r) => r.files).length).toBeGreaterThan(20);
    for (const pack of catalogue.packs)
      for (const id of pack.resourceIds) expect(catalogue.resources.some((r) => r.id === id)).toBe(true);
  });

  it('serves every file with the bytes its sha256 and size describe', async () => {
    for (const resource of catalogue.resources) {
      for (const file of resource.files) {
        const response = await get(file.url);
        expect(response.status).toBe(200);
        const bytes = await bytesOf(response);
        expect(bytes.byteLength).toBe(file.size);
        expect(sha256(bytes)).toBe(file.sha256);
      }
    }
  });

  it('answers a matching If-None-Match with 304 and a stale one with the catalogue', async () => {
    const first = await get('/api/catalogue');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/api/catalogue', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await get('/api/catalogue', { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('etag')).toBe(etag);
  });

  it('serves one resource and 404s unknown ones', async () => {
    const resource = catalogue.resources[0]!;
    const response = await get(`/api/resources/${resource.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...resource, status: 'active' });
    const missing = await get('/api/resources/no-such-resource');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe('files', () => {
  it('sends type, length, strong ETag, ranges, caching and disposition headers', async () => {
    const response = await get(pdf.url);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(pdf.size));
    expect(response.headers.get('etag')).toBe(`"${pdf.sha256}"`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${pdf.name}"`);
    await response.arrayBuffer();

    const office = await get(docx.url);
    expect(office.headers.get('content-disposition')).toBe(`attachment; filename="${docx.name}"`);
    await office.arrayBuffer();
    const forced = await get(`${pdf.url}?download=1`);
    expect(forced.headers.get('content-disposition')).toBe(`attachment; filename="${pdf.name}"`);
    await forced.arrayBuffer();

    const md = catalogue.resources.flatMap((r) => r.files).find((f) => f.name.endsWith('.md'))!;
    const text = await get(md.url);
    expect(text.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(text.headers.get('content-disposition')).toMatch(/^inline/);
    await text.arrayBuffer();
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(pdf.url, {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(pdf.size));
    expect(response.headers.get('etag')).toBe(`"${pdf.sha256}"`);
    expect((await bytesOf(response)).byteLength).toBe(0);
    const ranged = await get(pdf.url, { range: 'bytes=0-99' }, 'HEAD');
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-99/${pdf.size}`);
  });

  it('serves closed, open and suffix ranges as 206 with Content-Range', async () => {
    const whole = await bytesOf(await get(pdf.url));
    const closed = await get(pdf.url, { range: 'bytes=10-109' });
    expect(closed.status).toBe(206);
    expect(closed.headers.get('content-range')).toBe(`bytes 10-109/${pdf.size}`);
    expect(closed.headers.get('content-length')).toBe('100');
    expect(await bytesOf(closed)).toEqual(whole.subarray(10, 110));

    const open = await get(pdf.url, { range: `bytes=${pdf.size - 50}-` });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(`bytes ${pdf.size - 50}-${pdf.size - 1}/${pdf.size}`);
    expect(await bytesOf(open)).toEqual(whole.subarray(pdf.size - 50));

    const suffix = await get(pdf.url, { range: 'bytes=-20' });
    expect(suffix.status).toBe(206);
    expect(await bytesOf(suffix)).toEqual(whole.subarray(pdf.size - 20));
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const response = await get(pdf.url, { range: `bytes=${pdf.size}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${pdf.size}`);
    expect(await response.json()).toEqual({
      error: { code: 'range_not_satisfiable', message: expect.any(String) }
    });
  });

  it('sends the whole file when If-Range names another version, the range when it names this one', async () => {
    const stale = await get(pdf.url, { range: 'bytes=0-9', 'if-range': '"0000"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).byteLength).toBe(pdf.size);
    const current = await get(pdf.url, { range: 'bytes=0-9', 'if-range': `"${pdf.sha256}"` });
    expect(current.status).toBe(206);
    expect((await bytesOf(current)).byteLength).toBe(10);
  });

  it('resumes a download: the first half, then the rest by Range, hash to the manifest', async () => {
    const half = Math.floor(pdf.size / 2);
    const first = await get(pdf.url, { range: `bytes=0-${half - 1}` });
    expect(first.status).toBe(206);
    const head = await bytesOf(first);
    const rest = await get(pdf.url, { range: `bytes=${head.byteLength}-`, 'if-range': first.headers.get('etag')! });
    expect(rest.status).toBe(206);
    const tail = await bytesOf(rest);
    const joined = new Uint8Array(head.byteLength + tail.byteLength);
    joined.set(head);
    joined.set(tail, head.byteLength);
    expect(joined.byteLength).toBe(pdf.size);
    expect(sha256(joined)).toBe(pdf.sha256);
  });

  it('answers 304 to If-None-Match with the file ETag', async () => {
    const response = await get(pdf.url, { 'if-none-match': `"${pdf.sha256}"` });
    expect(response.status).toBe(304);
  });

  it('refuses path traversal and unknown names without ever reaching the disk', async () => {
    const resource = catalogue.resources.find((r) => r.files.length > 0)!;
    for (const name of ['..%2F..%2Fmop.sqlite', '..%2Fmop.sqlite', '%2E%2E', 'mop.sqlite', '..%5C..%5Cmop.sqlite']) {
      const response = await get(`/api/resources/${resource.id}/files/${name}`);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const climbing = await fetch(`${server.url}/api/resources/${resource.id}/files/../../../mop.sqlite`);
    expect(climbing.status).toBeGreaterThanOrEqual(400);
    expect(climbing.status).toBeLessThan(500);
  });
});

describe('packs', () => {
  it('lists the published packs with manifests whose totals add up', async () => {
    const response = await get('/api/packs');
    expect(response.status).toBe(200);
    const { packs } = await readJson(response, PackListSchema);
    expect(packs.map((p) => p.pack.id).sort()).toEqual(catalogue.packs.map((p) => p.id).sort());
    for (const detail of packs) {
      const manifest = v.parse(PackManifestSchema, detail.manifest);
      expect(detail.published).toBe(true);
      expect(manifest.version).toBe(detail.pack.version);
      expect(manifest.files.length).toBeGreaterThan(0);
      expect(manifest.totalBytes).toBe(manifest.files.reduce((sum, f) => sum + f.size, 0));
      for (const file of manifest.files) expect(file.path).toBe(`${file.resourceId}/${file.url.split('/').pop()}`);
    }
    const one = await get(`/api/packs/${packs[0]!.pack.id}`);
    expect(await one.json()).toEqual(packs[0]);
    expect((await get('/api/packs/no-such-pack')).status).toBe(404);
  });

  it('zips a pack: every manifest file with its hash, index.html, LICENCE.txt and mop-pack.json', async () => {
    const { packs } = await readJson(await get('/api/packs'), PackListSchema);
    for (const { pack, manifest } of packs) {
      const response = await get(`/api/packs/${pack.id}/zip`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${pack.id}-v${pack.version}.zip"`
      );
      const entries = unzipSync(await bytesOf(response));
      expect(Object.keys(entries).sort()).toEqual(
        ['LICENCE.txt', 'index.html', 'mop-pack.json', ...manifest.files.map((f) => f.path)].sort()
      );
      for (const file of manifest.files) expect(sha256(entries[file.path]!)).toBe(file.sha256);

      const index = strFromU8(entries['index.html']!);
      for (const id of pack.resourceIds)
        expect(index).toContain(
          catalogue.resources
            .find((r) => r.id === id)!
            .title.replace(/&/g, '&amp;')
            .replace(/'/g, '&#39;')
        );
      for (const file of manifest.files) expect(index).toContain(`href="${file.path}"`);
      const licence = strFromU8(entries['LICENCE.txt']!);
      expect(licence).toContain('CC-BY-NC-SA-4.0');
      expect(licence).toContain('https://creativecommons.org/licenses/by-nc-sa/4.0/');
      expect(licence).toContain('Funded by the European Union');

      const imported = v.parse(PackZipManifestSchema, JSON.parse(strFromU8(entries['mop-pack.json']!)));
      expect(v.parse(PackManifestSchema, imported)).toEqual(manifest);
      expect(imported.pack).toEqual(pack);
      expect(imported.resources).toHaveLength(pack.resourceIds.length);
    }
  });

  it('404s the zip of an unknown pack', async () => {
    const response = await get('/api/packs/nope/zip');
    expect(response.status).toBe(404);
  });
});
