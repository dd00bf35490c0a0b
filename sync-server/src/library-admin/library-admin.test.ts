import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { CatalogueSchema, CollectionAdminListSchema, StarterLibraryStatusSchema } from '@mop/shared';
import { EVERYONE, startRealInstall, type RealInstall, type Who } from '../cohorts/test-install.ts';

/**
 * Learning-library administration on a real install (set up with "start empty"): collections are created, edited,
 * ordered, retired and restored; the starter library is installed and removed later. Every action is refused to
 * people who do not edit the library, and audited.
 */

let install: RealInstall;
beforeAll(async () => {
  install = await startRealInstall();
});
afterAll(async () => {
  await install.server.close();
});

const EDITORS: readonly Who[] = ['admin', 'coordinator', 'otherCoordinator'];

async function catalogue() {
  const response = await fetch(`${install.server.url}/api/catalogue`);
  return v.parse(CatalogueSchema, await response.json());
}

async function collections(who: Who = 'admin') {
  return v.parse(CollectionAdminListSchema, await (await install.call(who, 'GET', '/api/collections')).json())
    .collections;
}

describe('collections', () => {
  it('are listed and created by coordinators and admins only', async () => {
    for (const who of EVERYONE) {
      const list = await install.call(who, 'GET', '/api/collections');
      expect(list.status, who).toBe(EDITORS.includes(who) ? 200 : who === 'anonymous' ? 401 : 403);
      const created = await install.call(who, 'POST', '/api/collections', {
        title: `By ${who}`,
        kind: 'training'
      });
      expect(created.status, who).toBe(EDITORS.includes(who) ? 201 : who === 'anonymous' ? 401 : 403);
    }
  });

  it('a new collection takes resources, shows in the catalogue, can be renamed, put first, retired and restored', async () => {
    const created = await install.call('coordinator', 'POST', '/api/collections', {
      title: 'Guides for mentors',
      summary: 'What a first-time mentor needs.',
      kind: 'framework'
    });
    expect(created.status).toBe(201);
    const collection = await created.json();
    expect(collection).toMatchObject({ id: 'guides-for-mentors', resources: 0, retiredAt: null, sample: false });
    expect((await catalogue()).collections.map((c) => c.id)).toContain('guides-for-mentors');

    // A resource can now be created in it (the failure of a real install before this existed).
    const page = await install.call('coordinator', 'POST', '/api/resources', {
      title: 'Your first session',
      summary: 'A checklist.',
      type: 'guide',
      audience: ['mentor'],
      language: 'en',
      collection: 'guides-for-mentors',
      licence: 'CC-BY-NC-SA-4.0',
      body: '# Before you start'
    });
    expect(page.status, await page.clone().text()).toBe(201);

    const renamed = await install.call('admin', 'PATCH', '/api/collections/guides-for-mentors', {
      title: 'Mentor guides'
    });
    expect(await renamed.json()).toMatchObject({ title: 'Mentor guides', summary: 'What a first-time mentor needs.' });

    const ids = (await collections()).map((c) => c.id);
    const reordered = ['guides-for-mentors', ...ids.filter((id) => id !== 'guides-for-mentors')];
    const ordered = await install.call('coordinator', 'PUT', '/api/collections/order', { ids: reordered });
    expect(ordered.status).toBe(200);
    expect((await catalogue()).collections[0]?.id).toBe('guides-for-mentors');

    // In use: not retired (its resource would be listed under a collection nobody sees).
    const inUse = await install.call('coordinator', 'POST', '/api/collections/guides-for-mentors/retire');
    expect(inUse.status).toBe(409);
    expect((await inUse.json()).error.code).toBe('collection_in_use');
    const resourceId = (await page.json()).id as string;
    await install.call('coordinator', 'POST', `/api/resources/${resourceId}/retire`);
    const retired = await install.call('coordinator', 'POST', '/api/collections/guides-for-mentors/retire');
    expect((await retired.json()).retiredAt).not.toBeNull();
    expect((await catalogue()).collections.map((c) => c.id)).not.toContain('guides-for-mentors');
    // A retired collection takes no new resources.
    const refused = await install.call('coordinator', 'POST', '/api/resources', {
      title: 'Another',
      summary: 'x',
      type: 'guide',
      audience: ['mentor'],
      language: 'en',
      collection: 'guides-for-mentors',
      licence: 'CC-BY-NC-SA-4.0',
      body: 'x'
    });
    expect(refused.status).toBe(400);
    const restored = await install.call('admin', 'POST', '/api/collections/guides-for-mentors/restore');
    expect((await restored.json()).retiredAt).toBeNull();

    const audit = await (await install.call('admin', 'GET', '/api/admin/audit?action=collection.retire')).json();
    expect(audit.entries[0]).toMatchObject({ targetLabel: 'Mentor guides' });
  });

  it('bad input is 4xx JSON: unknown fields, a taken id, an order that leaves one out, an unknown collection', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/collections', { title: 'x', kind: 'nope' }, 400, 'invalid_request'],
      ['POST', '/api/collections', { title: '', kind: 'training' }, 400, 'invalid_request'],
      ['POST', '/api/collections', { title: 'x', kind: 'training', extra: 1 }, 400, 'invalid_request'],
      ['PUT', '/api/collections/order', { ids: ['by-admin'] }, 400, 'invalid_request'],
      ['PATCH', '/api/collections/no-such', { title: 'x' }, 404, 'not_found'],
      ['POST', '/api/collections/no-such/retire', undefined, 404, 'not_found']
    ];
    await install.call('admin', 'POST', '/api/collections', { id: 'taken-id', title: 'Taken', kind: 'training' });
    cases.push(['POST', '/api/collections', { id: 'taken-id', title: 'Again', kind: 'training' }, 409, 'id_taken']);
    for (const [method, path, body, status, code] of cases) {
      const response = await install.call('admin', method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
  });
});

describe('the starter library, later', () => {
  it('admins only; installs beside the own collections, removes (restorably) and installs again', async () => {
    for (const who of EVERYONE) {
      const response = await install.call(who, 'GET', '/api/starter-library');
      expect(response.status, who).toBe(who === 'admin' ? 200 : who === 'anonymous' ? 401 : 403);
      if (who !== 'admin')
        expect((await install.call(who, 'POST', '/api/starter-library/install')).status).not.toBe(200);
    }
    const before = v.parse(
      StarterLibraryStatusSchema,
      await (await install.call('admin', 'GET', '/api/starter-library')).json()
    );
    expect(before.resources).toBe(0);
    const own = (await catalogue()).collections.length;

    const installed = v.parse(
      StarterLibraryStatusSchema,
      await (await install.call('admin', 'POST', '/api/starter-library/install')).json()
    );
    expect(installed.resources).toBe(installed.total);
    expect(installed.modules).toBeGreaterThan(0);
    const withStarter = await catalogue();
    expect(withStarter.collections.length).toBe(own + installed.collections);
    expect(withStarter.modules.length).toBe(installed.modules);
    expect((await collections()).filter((c) => c.sample)).toHaveLength(installed.collections);

    const removed = v.parse(
      StarterLibraryStatusSchema,
      await (await install.call('admin', 'POST', '/api/starter-library/remove')).json()
    );
    expect(removed).toMatchObject({ resources: 0, collections: 0, modules: 0 });
    const without = await catalogue();
    expect(without.collections.length).toBe(own);
    expect(without.resources.filter((r) => r.sample)).toEqual([]);
    expect(without.modules).toEqual([]);

    const again = v.parse(
      StarterLibraryStatusSchema,
      await (await install.call('admin', 'POST', '/api/starter-library/install')).json()
    );
    expect(again).toEqual(installed);
    const audit = await (await install.call('admin', 'GET', '/api/admin/audit?action=library.starter-remove')).json();
    expect(audit.entries).toHaveLength(1);
  }, 60_000);
});
