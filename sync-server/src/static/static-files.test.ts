import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir, startTestServer, type TestServer } from '../test-support/harness.ts';

let server: TestServer;
let bare: TestServer;

beforeAll(async () => {
  const build = makeTempDir('mop-build-');
  fs.mkdirSync(path.join(build, '_app/immutable'), { recursive: true });
  fs.writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>MOP</title>');
  fs.writeFileSync(path.join(build, 'service-worker.js'), 'self.x = 1;');
  fs.writeFileSync(path.join(build, 'manifest.webmanifest'), '{}');
  fs.writeFileSync(path.join(build, '_app/immutable/app.abc123.js'), 'export {};');
  fs.writeFileSync(path.join(path.dirname(build), 'mop-secret.txt'), 'secret');
  server = await startTestServer({ staticDir: build });
  bare = await startTestServer({ staticDir: path.join(build, 'missing') });
});
afterAll(async () => {
  await server.close();
  await bare.close();
});

/** A raw request, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('static files', () => {
  it('serves hashed assets as immutable and the shell files as no-cache', async () => {
    const asset = await fetch(`${server.url}/_app/immutable/app.abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    for (const file of ['/', '/index.html', '/service-worker.js', '/manifest.webmanifest']) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    const route = await fetch(`${server.url}/mentorships/demo-pair-1/notes`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>MOP</title>');
    expect((await fetch(`${server.url}/_app/immutable/missing.js`)).status).toBe(404);
  });

  it('does not serve files outside the build', async () => {
    for (const target of ['/../mop-secret.txt', '/%2e%2e/mop-secret.txt', '/..%2fmop-secret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
      const answer = await rawGet(server.port, target);
      expect(answer, target).not.toContain('secret');
      expect(answer, target).not.toContain('root:');
    }
  });

  it('explains how to build the app when there is no build', async () => {
    const response = await fetch(`${bare.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run build');
  });
});
