import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ApiErrorSchema, CatalogueSchema, PairFileSchema, apiPaths } from '@mop/shared';
import { login, startTestServer, upgradeStatus, type TestServer } from '../test-support/harness.ts';
import { isSameOriginRequest } from './security.ts';

let server: TestServer;
let mentor: string;

beforeAll(async () => {
  server = await startTestServer();
  mentor = await login(server.url, 'mentor@example.org');
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  expect(server.logger.errors).toEqual([]);
});

const send = (method: string, path: string, headers: Record<string, string> = {}, body?: BodyInit) =>
  fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });

async function refusedAsCrossOrigin(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect(v.parse(ApiErrorSchema, await response.json()).error.code).toBe('cross_origin_request');
}

describe('security headers', () => {
  it('puts the common headers on API answers, pages and files alike', async () => {
    for (const path of ['/api/health', '/api/me', '/robots.txt', '/no-such-page']) {
      const response = await send('GET', path, { cookie: mentor });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      await response.body?.cancel();
    }
  });

  it('lets nothing load or run in an API answer', async () => {
    const response = await send('GET', '/api/health');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    await response.body?.cancel();
  });

  it('keeps personal API answers out of every cache, and leaves public ones their own caching', async () => {
    for (const path of [apiPaths.me(), apiPaths.mentorships(), apiPaths.calendarToken()]) {
      const response = await send('GET', path, { cookie: mentor });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      await response.body?.cancel();
    }
    // A refusal is personal too (it says who is not signed in where).
    const refused = await send('GET', apiPaths.me());
    expect(refused.headers.get('cache-control')).toBe('no-store');
    await refused.body?.cancel();
    const catalogue = await send('GET', apiPaths.catalogue());
    expect(catalogue.headers.get('cache-control')).toBe('no-cache');
    await catalogue.body?.cancel();
  });

  it('serves uploads sandboxed: a resource file and a pair file', async () => {
    const catalogue = v.parse(CatalogueSchema, await (await send('GET', apiPaths.catalogue())).json());
    const files = catalogue.resources.flatMap((resource) => resource.files);
    const pdf = files.find((file) => file.name.endsWith('.pdf'))!;
    const docx = files.find((file) => file.name.endsWith('.docx'))!;
    const pdfResponse = await send('GET', pdf.url);
    expect(pdfResponse.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(pdfResponse.headers.get('content-disposition')).toMatch(/^inline;/);
    await pdfResponse.body?.cancel();
    const docxResponse = await send('GET', docx.url);
    expect(docxResponse.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(docxResponse.headers.get('content-disposition')).toMatch(/^attachment;/);
    await docxResponse.body?.cancel();

    const uploaded = await send(
      'POST',
      apiPaths.pairFileUpload('demo-pair-1', 'notes.txt'),
      { cookie: mentor, 'content-type': 'application/octet-stream', origin: server.url },
      '<html><script>alert(1)</script></html>'
    );
    expect(uploaded.status).toBe(201);
    const file = v.parse(PairFileSchema, await uploaded.json());
    const download = await send('GET', apiPaths.pairFile('demo-pair-1', file.fileId), { cookie: mentor });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(download.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    await download.body?.cancel();
  });
});

describe('the Origin check', () => {
  it('refuses a state-changing request from another site, with the cookie, and changes nothing', async () => {
    const before = await (await send('GET', apiPaths.calendarToken(), { cookie: mentor })).json();
    await refusedAsCrossOrigin(
      await send('POST', apiPaths.calendarToken(), { cookie: mentor, origin: 'https://evil.example' })
    );
    await refusedAsCrossOrigin(await send('POST', apiPaths.logout(), { cookie: mentor, origin: 'null' }));
    await refusedAsCrossOrigin(
      await send('POST', apiPaths.logout(), { cookie: mentor, 'sec-fetch-site': 'cross-site' })
    );
    await refusedAsCrossOrigin(
      await send('POST', apiPaths.logout(), { cookie: mentor, 'sec-fetch-site': 'same-site' })
    );
    await refusedAsCrossOrigin(
      await send(
        'POST',
        apiPaths.pairFileUpload('demo-pair-1', 'x.txt'),
        { cookie: mentor, origin: 'https://evil.example', 'content-type': 'application/octet-stream' },
        'hello'
      )
    );
    // Still signed in, and the calendar token is the one it was.
    const me = await send('GET', apiPaths.me(), { cookie: mentor });
    expect(me.status).toBe(200);
    await me.body?.cancel();
    expect(await (await send('GET', apiPaths.calendarToken(), { cookie: mentor })).json()).toEqual(before);
  });

  it('lets the platform’s own pages, and clients that are not browsers, through', async () => {
    const ownOrigin = await send('POST', apiPaths.calendarToken(), { cookie: mentor, origin: server.url });
    expect(ownOrigin.status).toBe(201);
    await ownOrigin.body?.cancel();
    const fetchSite = await send('POST', apiPaths.calendarToken(), { cookie: mentor, 'sec-fetch-site': 'same-origin' });
    expect(fetchSite.status).toBe(201);
    await fetchSite.body?.cancel();
    // curl or a script: no Origin, no Sec-Fetch-Site; the route's own checks decide (here: signed in, so 201).
    const script = await send('POST', apiPaths.calendarToken(), { cookie: mentor });
    expect(script.status).toBe(201);
    await script.body?.cancel();
  });

  it('accepts MOP_PUBLIC_URL as the platform’s origin, and refuses a foreign WebSocket', async () => {
    expect(
      isSameOriginRequest(
        { origin: 'https://mentoring.example.org', fetchSite: 'same-origin', host: '127.0.0.1:3000' },
        'https://mentoring.example.org'
      )
    ).toBe(true);
    expect(
      isSameOriginRequest(
        { origin: 'https://mentoring.example.org.evil.example', fetchSite: undefined, host: '127.0.0.1:3000' },
        'https://mentoring.example.org'
      )
    ).toBe(false);
    expect(
      await upgradeStatus(`${server.wsUrl}/mentorship:demo-pair-1`, { cookie: mentor, origin: 'https://evil.example' })
    ).toBe(403);
  });
});
