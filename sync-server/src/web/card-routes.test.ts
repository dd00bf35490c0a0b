import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PATHS, CatalogueSchema, type Catalogue } from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';

let server: TestServer;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await login(server.url, 'coordinator@example.org');
});

afterAll(async () => {
  await server.close();
  expect(server.logger.errors).toEqual([]);
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The width and height in a PNG's header (IHDR), after checking the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(String.fromCharCode(...bytes.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

describe('Open Graph cards', () => {
  it('draws a 1200×630 PNG for a resource published during the test, cacheable by its ETag', async () => {
    const created = await fetch(`${server.url}/api/resources`, {
      method: 'POST',
      headers: { cookie: coordinator, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Cómo cerrar bien una mentoría',
        summary: 'Una página nueva.',
        type: 'page',
        audience: ['mentor'],
        language: 'es',
        collection: 'mentra',
        body: '# Cerrar\n\nTexto.'
      })
    });
    expect(created.status).toBe(201);
    const catalogue: Catalogue = await readJson(await get('/api/catalogue'), CatalogueSchema);
    const resource = catalogue.resources.find((candidate) => candidate.title === 'Cómo cerrar bien una mentoría')!;

    const response = await get(CARD_PATHS.resource(resource.id, resource.version));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    // Other sites (a messenger's web client) may show it, unlike MOP's other files.
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"og\d+-[\w-]+"$/);
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });

    const again = await get(CARD_PATHS.resource(resource.id, resource.version), { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('draws the learning center, a collection, a pack and a module card', async () => {
    const catalogue: Catalogue = await readJson(await get('/api/catalogue'), CatalogueSchema);
    const pack = catalogue.packs[0]!;
    const module = catalogue.modules[0]!;
    const paths = [
      `${CARD_PATHS.learn}?lang=it`,
      `${CARD_PATHS.collection(catalogue.collections[0]!.id)}?lang=es`,
      CARD_PATHS.pack(pack.id, pack.version),
      CARD_PATHS.module(module.id, module.version)
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
    }
    // The words follow the language: the Italian and English learning center cards differ.
    const english = await get(`${CARD_PATHS.learn}?lang=en`);
    const italian = await get(`${CARD_PATHS.learn}?lang=it`);
    expect(english.headers.get('etag')).not.toBe(italian.headers.get('etag'));
  });

  it('answers 404 JSON, never a 500, for an unknown id or a wrong address', async () => {
    for (const path of [
      '/og/resource/no-such-resource.png',
      '/og/resource/first-session-checklist.svg',
      '/og/collection/%2e%2e%2fetc.png',
      '/og/pack/nope.png',
      '/og/module/nope.png',
      '/og/person/admin.png',
      '/og/resource'
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect((await readError(response)).code, path).toBe('card_not_found');
    }
  });
});
