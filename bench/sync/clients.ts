/** Stock y-websocket 3 `WebsocketProvider` clients in Node (the `ws` class as polyfill, plus MOP's cookie). */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { BenchServer } from './servers.ts';

export interface BenchClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  destroy(): void;
}

function polyfill(cookie: string | undefined): typeof globalThis.WebSocket {
  if (!cookie) return WebSocket as unknown as typeof globalThis.WebSocket;
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Connects side 0 (mentor) or 1 (mentee) of pair `pair`, optionally with a doc that already has content. */
export function connect(server: BenchServer, pair: number, side: 0 | 1, doc = new Y.Doc()): BenchClient {
  // BroadcastChannel exists in Node 20: without disableBc, clients in this process would sync around the server.
  const provider = new WebsocketProvider(server.wsBase, server.docName(pair), doc, {
    WebSocketPolyfill: polyfill(server.cookie(pair, side)),
    disableBc: true
  });
  return {
    doc,
    text: doc.getText('t'),
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
    })
  ]);
}

/** Resolves with performance.now() when the provider reports `synced` (after the server's sync step 2). */
export function whenSynced(client: BenchClient, timeoutMs = 30_000): Promise<number> {
  if (client.provider.synced) return Promise.resolve(performance.now());
  return withTimeout(
    new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        client.provider.off('sync', onSync);
        resolve(performance.now());
      };
      client.provider.on('sync', onSync);
    }),
    timeoutMs,
    'sync'
  );
}

/** Resolves with performance.now() at the first document update after which `predicate` holds. */
export function whenDoc(client: BenchClient, predicate: () => boolean, timeoutMs = 30_000): Promise<number> {
  if (predicate()) return Promise.resolve(performance.now());
  return withTimeout(
    new Promise((resolve) => {
      const onUpdate = () => {
        if (!predicate()) return;
        client.doc.off('update', onUpdate);
        resolve(performance.now());
      };
      client.doc.on('update', onUpdate);
    }),
    timeoutMs,
    'document content'
  );
}
