import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogueSchema,
  PackDetailSchema,
  PackListSchema,
  ResourceDetailSchema,
  ResourceUploadResponseSchema,
  type Catalogue
} from '@mop/shared';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readError, readJson } from '../test-support/responses.ts';
import { MAX_UPLOAD_BYTES } from './library.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const pdfBytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

let server: TestServer;
let coordinator: string;
let admin: string;
let mentor: string;
let mentee: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await login(server.url, 'coordinator@example.org');
  admin = await login(server.url, 'admin@example.org');
  mentor = await login(server.url, 'mentor@example.org');
  mentee = await login(server.url, 'mentee@example.org');
});

afterAll(async () => {
  await server.close();
  expect(server.logger.errors).toEqual([]);
});

function send(
  method: string,
  path: string,
  options: { cookie?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
  }
  return fetch(`${server.url}${path}`, { method, headers, body, duplex: 'half' } as RequestInit);
}

/** What is stored: blob files (including temp files) and file rows. */
const stored = () => ({ blobs: server.resources.blobs.listAll().length, rows: server.resources.store.countFiles() });

const catalogue = async (): Promise<Catalogue> => readJson(await fetch(`${server.url}/api/catalogue`), CatalogueSchema);

const fileResource = {
  title: 'Venue checklist',
  summary: 'What to check before a workshop.',
  type: 'worksheet',
  audience: ['facilitator'],
  language: 'en',
  collection: 'mentra'
};

describe('who may write', () => {
  it('refuses anonymous visitors with 401 and mentors and mentees with 403', async () => {
    expect((await send('POST', '/api/resources', { json: fileResource })).status).toBe(401);
    expect((await send('POST', '/api/resources', { cookie: mentor, json: fileResource })).status).toBe(403);
    expect((await send('POST', '/api/resources', { cookie: mentee, json: fileResource })).status).toBe(403);
    expect((await send('POST', '/api/packs', { cookie: mentor, json: {} })).status).toBe(403);
    expect((await send('POST', '/api/packs/x/publish')).status).toBe(401);
    expect((await send('POST', '/api/resources/first-session-checklist/retire', { cookie: mentee })).status).toBe(403);

    const before = stored();
    const anonymous = await send('POST', '/api/resources/first-session-checklist/files?name=a.pdf', {
      body: pdfBytes('anon')
    });
    expect(anonymous.status).toBe(401);
    const asMentor = await send('POST', '/api/resources/first-session-checklist/files?name=a.pdf', {
      cookie: mentor,
      body: pdfBytes('mentor')
    });
    expect(asMentor.status).toBe(403);
    expect((await readError(asMentor)).code).toBe('forbidden');
    expect(stored()).toEqual(before);
  });
});

describe('resources', () => {
  it('lets a coordinator create a file resource, upload its PDF and see it listed and served', async () => {
    const created = await send('POST', '/api/resources', {
      cookie: coordinator,
      json: { ...fileResource, id: 'venue-checklist', topics: ['workshops'] }
    });
    expect(created.status).toBe(201);
    const resource = await readJson(created, ResourceDetailSchema);
    expect(resource).toMatchObject({
      id: 'venue-checklist',
      version: 1,
      status: 'active',
      files: [],
      licence: 'CC-BY-NC-SA-4.0',
      sample: false
    });
    // Without content yet it stays out of the catalogue.
    expect((await catalogue()).resources.some((r) => r.id === 'venue-checklist')).toBe(false);

    const bytes = pdfBytes('venue');
    const upload = await send('POST', '/api/resources/venue-checklist/files?name=venue-checklist.pdf', {
      cookie: coordinator,
      body: bytes,
      headers: { 'content-type': 'application/pdf' }
    });
    expect(upload.status).toBe(201);
    const { file, resource: after } = await readJson(upload, ResourceUploadResponseSchema);
    expect(file).toEqual({
      name: 'venue-checklist.pdf',
      mediaType: 'application/pdf',
      size: bytes.byteLength,
      sha256: sha256(bytes),
      url: '/api/resources/venue-checklist/files/venue-checklist.pdf'
    });
    expect(after.version).toBe(2);

    const listed = (await catalogue()).resources.find((r) => r.id === 'venue-checklist');
    expect(listed?.files).toEqual([file]);
    const served = await fetch(`${server.url}${file.url}`);
    expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(file.sha256);
  });

  it('replaces a file of the same name and drops the blob nobody uses any more', async () => {
    await send('POST', '/api/resources', { cookie: admin, json: { ...fileResource, id: 'replace-me' } });
    const first = pdfBytes('first version');
    expect(
      (await send('POST', '/api/resources/replace-me/files?name=sheet.pdf', { cookie: admin, body: first })).status
    ).toBe(201);
    expect(server.resources.blobs.has(sha256(first))).toBe(true);
    const second = pdfBytes('second version');
    expect(
      (await send('POST', '/api/resources/replace-me/files?name=sheet.pdf', { cookie: admin, body: second })).status
    ).toBe(201);
    expect(server.resources.blobs.has(sha256(first))).toBe(false);
    const resource = await readJson(await fetch(`${server.url}/api/resources/replace-me`), ResourceDetailSchema);
    expect(resource.files.map((f) => f.sha256)).toEqual([sha256(second)]);
  });

  it('lets an admin write a Markdown page, generating its id from the title', async () => {
    const response = await send('POST', '/api/resources', {
      cookie: admin,
      json: {
        title: 'Café à la carte: ¿qué es?',
        summary: 'A page.',
        type: 'page',
        audience: ['mentee'],
        language: 'es',
        collection: 'mentra',
        body: '# Hola\n\nTexto.'
      }
    });
    expect(response.status).toBe(201);
    const page = await readJson(response, ResourceDetailSchema);
    expect(page.id).toBe('cafe-a-la-carte-que-es');
    expect((await catalogue()).resources.find((r) => r.id === page.id)?.body).toBe('# Hola\n\nTexto.');
    const again = await send('POST', '/api/resources', { cookie: admin, json: { ...fileResource, id: page.id } });
    expect(again.status).toBe(409);
  });

  it('answers bad input with a 400 that names the field', async () => {
    const cases: [unknown, RegExp][] = [
      ['{"title": ', /not valid JSON/],
      [[], /JSON object/],
      [{ ...fileResource, title: '' }, /^title: /],
      [{ ...fileResource, type: 'novel' }, /^type: type must be one of/],
      [{ ...fileResource, audience: [] }, /^audience: /],
      [{ ...fileResource, collection: 'no-such-collection' }, /^collection: /],
      [{ ...fileResource, phase: 'no-such-phase' }, /^phase: /],
      [{ ...fileResource, colour: 'red' }, /^colour: /],
      [{ ...fileResource, type: 'video-link' }, /^externalUrl: /],
      [{ ...fileResource, type: 'page' }, /^body: /],
      [{ ...fileResource, id: '../etc' }, /^id: /]
    ];
    for (const [json, message] of cases) {
      const response = await send('POST', '/api/resources', { cookie: coordinator, json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect((await readError(response)).message).toMatch(message);
    }
    const wrongType = await send('POST', '/api/resources', {
      cookie: coordinator,
      json: fileResource,
      headers: { 'content-type': 'text/plain' }
    });
    expect(wrongType.status).toBe(415);
  });

  it('keeps the 64 KiB limit on JSON writes', async () => {
    const response = await send('POST', '/api/resources', {
      cookie: coordinator,
      json: { ...fileResource, body: 'x'.repeat(100_000) }
    });
    expect(response.status).toBe(413);
  });

  it('404s writes to unknown resources and packs', async () => {
    expect((await send('PATCH', '/api/resources/nope', { cookie: coordinator, json: { title: 'x' } })).status).toBe(
      404
    );
    expect((await send('POST', '/api/resources/nope/retire', { cookie: coordinator })).status).toBe(404);
    expect(
      (await send('POST', '/api/resources/nope/files?name=a.pdf', { cookie: coordinator, body: pdfBytes('x') })).status
    ).toBe(404);
    expect((await send('PATCH', '/api/packs/nope', { cookie: coordinator, json: { title: 'x' } })).status).toBe(404);
    expect((await send('POST', '/api/packs/nope/publish', { cookie: coordinator })).status).toBe(404);
  });

  it('bumps a resource and every pack listing it on an edit, and takes it out of both when retired', async () => {
    const before = (await catalogue()).packs.find((p) => p.resourceIds.includes('first-session-checklist'))!;
    const patched = await send('PATCH', '/api/resources/first-session-checklist', {
      cookie: coordinator,
      json: { summary: 'A new summary.', phase: null }
    });
    expect(patched.status).toBe(200);
    const resource = await readJson(patched, ResourceDetailSchema);
    expect(resource.summary).toBe('A new summary.');
    expect(resource.phase).toBeUndefined();
    const afterEdit = (await catalogue()).packs.find((p) => p.id === before.id)!;
    expect(afterEdit.version).toBe(before.version + 1);

    const retired = await send('POST', '/api/resources/first-session-checklist/retire', { cookie: coordinator });
    expect((await readJson(retired, ResourceDetailSchema)).status).toBe('retired');
    const now = await catalogue();
    expect(now.resources.some((r) => r.id === 'first-session-checklist')).toBe(false);
    const pack = now.packs.find((p) => p.id === before.id)!;
    expect(pack.resourceIds).not.toContain('first-session-checklist');
    expect(pack.version).toBe(before.version + 2);
    expect((await fetch(`${server.url}/api/resources/first-session-checklist`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/api/resources/first-session-checklist`, { headers: { cookie: admin } })).status
    ).toBe(200);
    expect(
      (await fetch(`${server.url}/api/resources/first-session-checklist/files/first-session-checklist.pdf`)).status
    ).toBe(404);
  });
});

describe('uploads that are refused leave nothing behind', () => {
  beforeAll(async () => {
    await send('POST', '/api/resources', { cookie: coordinator, json: { ...fileResource, id: 'upload-target' } });
  });

  const upload = (name: string, body: BodyInit, headers: Record<string, string> = {}) =>
    send('POST', `/api/resources/upload-target/files?name=${encodeURIComponent(name)}`, {
      cookie: coordinator,
      body,
      headers
    });

  it('refuses a body announced larger than the limit with 413 before reading it', async () => {
    const before = stored();
    const response = await upload('big.pdf', new Uint8Array(MAX_UPLOAD_BYTES + 1));
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe('payload_too_large');
    expect(stored()).toEqual(before);
  });

  it('stops a streamed body at the limit with 413 and removes what was written', async () => {
    const before = stored();
    const chunk = new Uint8Array(1024 * 1024);
    chunk.set(pdfBytes('big'));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_UPLOAD_BYTES + 2 * chunk.byteLength) return controller.close();
        controller.enqueue(sent === 0 ? chunk : new Uint8Array(chunk.byteLength));
        sent += chunk.byteLength;
      }
    });
    // The server answers 413 as soon as the limit is crossed and closes the connection; the client may see the
    // answer or only the closed socket while still sending. Either way nothing may be stored.
    const outcome = await upload('big.pdf', body).then(
      (response) => response.status,
      () => 'connection closed'
    );
    expect([413, 'connection closed']).toContain(outcome);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stored()).toEqual(before);
  });

  it('refuses types outside the allow-list, SVG included, and content that does not match its name, with 415', async () => {
    const before = stored();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const cases: [string, BodyInit, Record<string, string>?][] = [
      ['drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['tool.exe', new Uint8Array([0x4d, 0x5a, 0, 0])],
      ['page.html', '<script>alert(1)</script>'],
      ['noextension', 'x'],
      ['fake.pdf', png],
      ['photo.png', pdfBytes('not a png')],
      ['sheet.pdf', pdfBytes('ok'), { 'content-type': 'text/html' }],
      ['sheet.pdf', pdfBytes('ok'), { 'content-type': 'multipart/form-data; boundary=x' }]
    ];
    for (const [name, body, headers] of cases) {
      const response = await upload(name, body, headers);
      expect(response.status, name).toBe(415);
    }
    expect(stored()).toEqual(before);
  });

  it('refuses file names that are not plain names with 400', async () => {
    const before = stored();
    for (const name of [
      '../../mop.sqlite.pdf',
      '../escape.pdf',
      'a/b.pdf',
      '.hidden.pdf',
      'back\\slash.pdf',
      'x'.repeat(200) + '.pdf',
      ''
    ]) {
      const response = await upload(name, pdfBytes('x'));
      expect(response.status, name).toBe(400);
    }
    const empty = await upload('empty.pdf', new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(stored()).toEqual(before);
  });
});

describe('packs', () => {
  it('creates a draft pack only editors see, publishes it, and bumps its version only when its list changes', async () => {
    const created = await send('POST', '/api/packs', {
      cookie: coordinator,
      json: {
        title: 'Workshop 3 — closing well',
        purpose: 'Ending a mentoring relationship.',
        language: 'en',
        resourceIds: ['venue-checklist']
      }
    });
    expect(created.status).toBe(201);
    const draft = await readJson(created, PackDetailSchema);
    expect(draft).toMatchObject({ published: false, pack: { id: 'workshop-3-closing-well', version: 1 } });
    expect(draft.manifest.files).toHaveLength(1);

    const id = draft.pack.id;
    expect((await fetch(`${server.url}/api/packs/${id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/packs/${id}/zip`)).status).toBe(404);
    const forCoordinator = await readJson(
      await fetch(`${server.url}/api/packs`, { headers: { cookie: coordinator } }),
      PackListSchema
    );
    expect(forCoordinator.packs.some((p) => p.pack.id === id)).toBe(true);

    const renamed = await readJson(
      await send('PATCH', `/api/packs/${id}`, { cookie: coordinator, json: { title: 'Workshop 3' } }),
      PackDetailSchema
    );
    expect(renamed.pack).toMatchObject({ title: 'Workshop 3', version: 1 });
    const extended = await readJson(
      await send('PATCH', `/api/packs/${id}`, {
        cookie: coordinator,
        json: { resourceIds: ['venue-checklist', 'replace-me'] }
      }),
      PackDetailSchema
    );
    expect(extended.pack.version).toBe(2);
    expect(extended.manifest.files).toHaveLength(2);

    const published = await send('POST', `/api/packs/${id}/publish`, { cookie: coordinator });
    expect(published.status).toBe(200);
    expect((await catalogue()).packs.find((p) => p.id === id)).toMatchObject({ title: 'Workshop 3', version: 2 });
    expect((await fetch(`${server.url}/api/packs/${id}/zip`)).status).toBe(200);
  });

  it('answers bad packs with a 400 naming the field', async () => {
    const base = { title: 'P', purpose: 'Q', language: 'en', resourceIds: ['venue-checklist'] };
    const cases: [unknown, RegExp][] = [
      [{ ...base, resourceIds: [] }, /^resourceIds: /],
      [{ ...base, resourceIds: ['no-such-resource'] }, /^resourceIds: no active resource "no-such-resource"/],
      [{ ...base, resourceIds: ['venue-checklist', 'venue-checklist'] }, /^resourceIds: /],
      [{ ...base, language: 'English' }, /^language: /],
      // A missing field is named as required (it used to read "purpose: is not a known field").
      [{ ...base, purpose: undefined }, /^purpose is required$/]
    ];
    for (const [json, message] of cases) {
      const response = await send('POST', '/api/packs', { cookie: coordinator, json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect((await readError(response)).message).toMatch(message);
    }
  });
});
