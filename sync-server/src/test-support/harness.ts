/**
 * Helpers for the server's integration tests: a real server on port 0 with a real SQLite file in a temp dir,
 * real logins over HTTP and stock y-websocket providers that send the session cookie.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SESSION_COOKIE } from '@mop/shared';
import { createMopServer, type MopServer, type MopServerOptions } from '../server.ts';
import type { Logger } from '../logger.ts';

export interface CapturedLogger extends Logger {
  errors: unknown[][];
  warnings: unknown[][];
}

/** A logger that keeps what it is told, so a test can assert that no real error was logged. */
export function captureLogger(): CapturedLogger {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  return {
    errors,
    warnings,
    info: () => {},
    warn: (message, details) => warnings.push([message, details]),
    error: (message, details) => errors.push([message, details])
  };
}

export function makeTempDir(prefix = 'mop-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestServer extends MopServer {
  dataDir: string;
  logger: CapturedLogger;
  wsUrl: string;
}

/** Starts a server on port 0; reuse `dataDir` to simulate a restart. */
export async function startTestServer(options: Partial<MopServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeTempDir();
  const logger = captureLogger();
  const server = await createMopServer({ logger, ...options, dataDir });
  return Object.assign(server, { dataDir, logger, wsUrl: `${server.url.replace(/^http/, 'ws')}/sync` });
}

/** Polls until `predicate` holds, failing with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Logs in over HTTP and returns the `Cookie` header value to send. */
export async function login(baseUrl: string, email: string, password = 'mop-demo'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password })
  });
  if (response.status !== 200) throw new Error(`login ${email} failed with ${response.status}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie);
  if (!match) throw new Error('no session cookie');
  return `${SESSION_COOKIE}=${match[1]}`;
}

/** A `ws` WebSocket class that sends a cookie, usable as y-websocket's `WebSocketPolyfill`. */
export function cookieWebSocket(cookie: string): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  destroy(): void;
}

/** A stock `WebsocketProvider` on `docName`, logged in with `cookie`. BroadcastChannel is off so it really uses the server. */
export function connectClient(server: TestServer, docName: string, cookie: string): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, docName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
    maxBackoffTime: 200
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    destroy() {
      provider.destroy();
      doc.destroy();
    }
  };
}

export async function waitSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => client.provider.synced, 'provider to sync', timeoutMs);
}

/** Tries a WebSocket upgrade and resolves with the HTTP status of a refusal, or 101 when it was accepted. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Opens a raw `ws` connection (for sending hand-made frames). */
export function openRawSocket(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie } });
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
    socket.on('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`))
    );
  });
}
