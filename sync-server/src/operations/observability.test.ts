import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  login,
  makeTempDir,
  startTestServer,
  waitFor,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';

const MAIN = path.resolve(import.meta.dirname, '../main.ts');
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/i;

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('logs', () => {
  it('are JSON lines with request ids, and hold no password, session token, e-mail address or metrics token', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        MOP_DATA_DIR: makeTempDir(),
        MOP_METRICS_TOKEN: METRICS_TOKEN,
        LOG_LEVEL: 'info'
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => /listening on/.test(stdout), 'the server to start', 90_000);
      const url = /MOP server listening on (http:\/\/[^"\s]+)/.exec(stdout)![1]!;

      // A day's traffic: a wrong password, a sign-in, the session in use, sync, a 404, metrics, a sign-out.
      const wrong = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'mentor@example.org', password: 'not-the-password' })
      });
      expect(wrong.status).toBe(401);
      const cookie = await login(url, 'mentor@example.org');
      const token = cookie.split('=')[1]!;
      const me = await fetch(`${url}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      const requestId = me.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const client = connectClient(
        { wsUrl: `${url.replace(/^http/, 'ws')}/sync` } as TestServer,
        mentorshipDocName('demo-pair-1'),
        cookie
      );
      await waitSynced(client, 60_000);
      client.text.insert(0, 'notes written by mentor@example.org');
      await new Promise((resolve) => setTimeout(resolve, 300));
      client.destroy();
      expect((await fetch(`${url}/api/no-such-thing?email=mentee@example.org`)).status).toBe(404);
      const metrics = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie } });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const lines = stdout.trimEnd().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.every((entry) => entry.service === 'mop' && typeof entry.time === 'string')).toBe(true);
      // Each request is logged once, by its route pattern, with the id the client was given.
      const meEntry = entries.find((entry) => entry.reqId === requestId);
      expect(meEntry).toMatchObject({ msg: 'http: request', detail: { method: 'GET', route: '/api/me', status: 200 } });
      expect(entries.some((entry) => JSON.stringify(entry.detail ?? null).includes('"route":"/api/auth/login"'))).toBe(
        true
      );

      const everything = stdout + stderr;
      expect(everything).not.toContain('mop-demo');
      expect(everything).not.toContain('not-the-password');
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(METRICS_TOKEN);
      expect(everything).not.toMatch(EMAIL);
      expect(everything).not.toContain(SESSION_COOKIE + '=');
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});

describe('health and metrics', () => {
  it('answers health from the database, and 503 when it does not answer', async () => {
    const server = await startTestServer();
    servers.push(server);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    server.db.close();
    const down = await fetch(`${server.url}/api/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      error: { code: 'database_unavailable', message: 'The database does not answer' }
    });
  });

  it('serves Prometheus metrics behind the token, and nothing without one', async () => {
    const server = await startTestServer({ metricsToken: METRICS_TOKEN });
    servers.push(server);
    const cookie = await login(server.url, 'mentor@example.org');
    const client = connectClient(server, mentorshipDocName('demo-pair-1'), cookie);
    await waitSynced(client);
    client.text.insert(0, 'hello');
    await waitFor(() => server.openDocuments() === 1, 'the room to open');

    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(401);
    let text = '';
    // The update is stored at the next group commit: ask until the counter shows it.
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await fetch(`${server.url}/api/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` }
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      text = await response.text();
      if (!/mop_sync_updates_stored_total 0\n/.test(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    client.destroy();
    expect(text).toMatch(/mop_http_requests_total\{method="POST",route="\/api\/auth\/login",status="200"\} 1\n/);
    expect(text).toMatch(/mop_http_requests_total\{method="GET",route="\/api\/metrics",status="401"\} 2\n/);
    expect(text).toMatch(/mop_sync_rooms_open 1\n/);
    expect(text).toMatch(/mop_sync_sockets_open 1\n/);
    expect(text).toMatch(/mop_sync_updates_stored_total [1-9]\d*\n/);
    expect(text).toMatch(/mop_database_bytes [1-9]\d*\n/);
    expect(text).toMatch(/mop_blob_bytes\{directory="blobs"\} [1-9]\d*\n/);
    expect(text).toMatch(/mop_disk_free_bytes [1-9]\d*\n/);
    expect(text).toMatch(/process_resident_memory_bytes [1-9]\d*\n/);
    expect(text).toMatch(/mop_outbox_messages\{status="failed"\} 0\n/);
    expect(text).toMatch(/mop_outbox_oldest_unsent_seconds \d/);

    const without = await startTestServer();
    servers.push(without);
    expect((await fetch(`${without.url}/api/metrics`)).status).toBe(404);
  });
});
