import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { SESSION_COOKIE } from '@mop/shared';
import { captureLogger, makeTempDir, startTestServer, type TestServer } from '../test-support/harness.ts';
import { makeTestCertificate } from '../test-support/certificates.ts';
import type { TrustProxy } from '../config.ts';
import { createTransport, requestClient, type Transport } from './transport.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** An HTTPS request that trusts `ca` for `servername`, answering status, headers and body. */
function httpsRequest(
  url: string,
  ca: Buffer,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: options.method ?? 'GET', ca, servername: 'mop.test', headers: options.headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      }
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The SHA-256 fingerprint of the certificate a TLS server presents now. */
function presentedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: '127.0.0.1', servername: 'mop.test', rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
      socket.end();
    });
    socket.on('error', reject);
  });
}

async function started(server: TestServer): Promise<TestServer> {
  closers.push(() => server.close());
  return server;
}

describe('HTTPS', () => {
  it('serves the API over HTTPS with HSTS and a Secure session cookie', async () => {
    const dir = makeTempDir();
    const certificate = makeTestCertificate(dir, 'mop.test');
    const server = await started(
      await startTestServer({ tls: { certFile: certificate.certFile, keyFile: certificate.keyFile } })
    );
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = fs.readFileSync(certificate.certFile);
    const health = await httpsRequest(`${server.url}/api/health`, ca);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');

    const login = await httpsRequest(`${server.url}/api/auth/login`, ca, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/;\s*Secure/i);
  });

  it('reloads a renewed certificate without a restart, and keeps the old one when the new files are broken', async () => {
    const dir = makeTempDir();
    const first = makeTestCertificate(dir, 'mop.test');
    const server = await started(await startTestServer({ tls: { certFile: first.certFile, keyFile: first.keyFile } }));
    expect(await presentedFingerprint(server.port)).toBe(first.fingerprint256);

    // certbot (or an admin) writes the renewed pair over the old files, then sends SIGHUP.
    const renewed = makeTestCertificate(makeTempDir(), 'mop.test');
    fs.copyFileSync(renewed.certFile, first.certFile);
    fs.copyFileSync(renewed.keyFile, first.keyFile);
    server.reloadCertificate();
    expect(await presentedFingerprint(server.port)).toBe(renewed.fingerprint256);
    expect(server.logger.errors).toEqual([]);

    fs.writeFileSync(first.keyFile, 'half-written');
    server.reloadCertificate();
    expect(await presentedFingerprint(server.port)).toBe(renewed.fingerprint256);
    expect(server.logger.errors).toEqual([
      [
        expect.stringMatching(
          /^https: certificate not reloaded, the previous one stays in use: MOP_TLS_CERT and MOP_TLS_KEY/
        ),
        undefined
      ]
    ]);
    server.logger.errors.length = 0;
  });
});

describe('plain HTTP and reverse proxies', () => {
  /** A real transport around an app that answers who it thinks the client is. */
  async function whoAmIServer(trustProxy: TrustProxy): Promise<string> {
    const app = new Hono();
    app.get('/who', (c) => c.json(requestClient(c)));
    const transport: Transport = createTransport(app.fetch, { trustProxy }, captureLogger());
    await new Promise<void>((resolve) => transport.server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => transport.server.close(() => resolve())));
    return `http://127.0.0.1:${(transport.server.address() as AddressInfo).port}/who`;
  }
  const forwarded = { 'x-forwarded-for': '203.0.113.9, 10.0.0.2', 'x-forwarded-proto': 'https' };

  it('ignores forwarded headers unless the proxy is trusted', async () => {
    const url = await whoAmIServer({ kind: 'none' });
    const response = await fetch(url, { headers: forwarded });
    expect(await response.json()).toEqual({ address: '127.0.0.1', https: false });
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('believes a trusted proxy: the client address is the first untrusted hop, the scheme is the proxy’s', async () => {
    const list = new net.BlockList();
    list.addAddress('127.0.0.1');
    list.addSubnet('10.0.0.0', 8);
    const url = await whoAmIServer({ kind: 'list', addresses: list, text: '127.0.0.1,10.0.0.0/8' });
    const response = await fetch(url, { headers: forwarded });
    expect(await response.json()).toEqual({ address: '203.0.113.9', https: true });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    // Without forwarded headers the proxy itself is the client, over plain HTTP.
    expect(await (await fetch(url)).json()).toEqual({ address: '127.0.0.1', https: false });
  });

  it('gives no Secure cookie and no HSTS over plain HTTP, whatever an untrusted client claims', async () => {
    const server = await started(await startTestServer());
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const proxied = await started(await startTestServer({ trustProxy: { kind: 'all' } }));
    const behindProxy = await fetch(`${proxied.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: 'mentor@example.org', password: 'mop-demo' })
    });
    expect(behindProxy.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(behindProxy.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
