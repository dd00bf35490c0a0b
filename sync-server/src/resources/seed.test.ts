import { describe, expect, it } from 'vitest';
import { CatalogueSchema, type Catalogue } from '@mop/shared';
import { makeTempDir, startTestServer } from '../test-support/harness.ts';
import { readJson } from '../test-support/responses.ts';

const catalogueOf = async (url: string): Promise<{ etag: string | null; catalogue: Catalogue }> => {
  const response = await fetch(`${url}/api/catalogue`);
  return { etag: response.headers.get('etag'), catalogue: await readJson(response, CatalogueSchema) };
};

describe('starter library seed', () => {
  it('is seeded once: a restart on the same data dir imports nothing again', async () => {
    const dataDir = makeTempDir();
    const first = await startTestServer({ dataDir });
    const before = await catalogueOf(first.url);
    const blobs = first.resources.blobs.listAll().length;
    const rows = first.resources.store.countFiles();
    await first.close();

    const second = await startTestServer({ dataDir });
    try {
      const after = await catalogueOf(second.url);
      expect(after.etag).toBe(before.etag);
      expect(after.catalogue.resources.length).toBe(before.catalogue.resources.length);
      expect(second.resources.store.countFiles()).toBe(rows);
      expect(second.resources.blobs.listAll().length).toBe(blobs);
    } finally {
      await second.close();
    }
  });

  it('is not seeded without the demo: the repository starts empty', async () => {
    const server = await startTestServer({ demo: false });
    try {
      const { catalogue } = await catalogueOf(server.url);
      expect(catalogue).toMatchObject({ formatVersion: 1, collections: [], resources: [], packs: [] });
      expect(server.resources.blobs.listAll()).toEqual([]);
      expect((await fetch(`${server.url}/api/packs`).then((r) => r.json())) as unknown).toEqual({ packs: [] });
    } finally {
      await server.close();
    }
  });
});
