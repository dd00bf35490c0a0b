/**
 * The server's network face: plain HTTP, or HTTPS with a certificate it reloads without a restart; who the client
 * is (address, scheme) when a trusted reverse proxy stands in between; HSTS on every HTTPS answer.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { loadTlsFiles, type TrustProxy } from '../config.ts';
import type { Logger } from '../logger.ts';

/** Options of `createTransport`. */
export interface TransportOptions {
  /** Serve HTTPS with this PEM certificate chain and private key. */
  tls?: { certFile: string; keyFile: string } | undefined;
  /** Which peers' `X-Forwarded-For` / `X-Forwarded-Proto` are believed; default none. */
  trustProxy?: TrustProxy | undefined;
}

/** The client as the server understands it, after any trusted proxy's headers. */
export interface RequestClient {
  /** The client's IP address ("unknown" when it cannot be told). */
  address: string;
  /** Whether the browser reached the platform over HTTPS (here or at the proxy). */
  https: boolean;
}

export interface Transport {
  server: Server;
  scheme: 'http' | 'https';
  /** Reads the certificate and key files again (after a renewal); a broken pair is refused and the old one kept. */
  reloadCertificate(): void;
}

/** One year, the value browsers' preload lists expect; `includeSubDomains` is left to the admin's proxy. */
const HSTS = 'max-age=31536000';
const clients = new WeakMap<IncomingMessage, RequestClient>();

/** Builds the Node server that hands requests to `fetch` (the Hono app). */
export function createTransport(
  fetch: Parameters<typeof getRequestListener>[0],
  options: TransportOptions,
  logger: Logger
): Transport {
  const trust = options.trustProxy ?? { kind: 'none' };
  const honoListener = getRequestListener(fetch);
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const client = identifyClient(incoming, trust);
    clients.set(incoming, client);
    // Set before the app writes its head; Node merges it with the app's headers.
    if (client.https) outgoing.setHeader('Strict-Transport-Security', HSTS);
    void honoListener(incoming, outgoing);
  };
  const files = options.tls;
  if (!files) return { server: http.createServer(listener), scheme: 'http', reloadCertificate: () => {} };

  const server = https.createServer(loadTlsFiles(files), listener);
  return {
    server,
    scheme: 'https',
    reloadCertificate() {
      try {
        server.setSecureContext(loadTlsFiles(files));
        logger.info(`https: certificate reloaded from ${files.certFile}`);
      } catch (error) {
        logger.error(`https: certificate not reloaded, the previous one stays in use: ${(error as Error).message}`);
      }
    }
  };
}

/** The client of a request: address and scheme, believing forwarded headers only from trusted proxies. */
export function requestClient(c: Context): RequestClient {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const known = incoming ? clients.get(incoming) : undefined;
  if (known) return known;
  // Requests that did not come through `createTransport` (app.fetch called directly).
  let address = 'unknown';
  try {
    address = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No Node bindings: keep "unknown".
  }
  return { address, https: new URL(c.req.url).protocol === 'https:' };
}

function isTrusted(address: string | undefined, trust: TrustProxy): boolean {
  if (address === undefined || trust.kind === 'none') return false;
  if (trust.kind === 'all') return true;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return trust.addresses.check(plain, plain.includes(':') ? 'ipv6' : 'ipv4');
}

function identifyClient(incoming: IncomingMessage, trust: TrustProxy): RequestClient {
  const peer = incoming.socket.remoteAddress;
  const direct = { address: peer ?? 'unknown', https: (incoming.socket as TLSSocket).encrypted === true };
  if (!isTrusted(peer, trust)) return direct;
  const header = (name: string) => {
    const value = incoming.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  };
  // X-Forwarded-For is "client, proxy1, proxy2": walk from the right past trusted proxies; the first one that is
  // not trusted is the client (anything further left could have been written by the client itself).
  const hops = header('x-forwarded-for')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let address = direct.address;
  for (let index = hops.length - 1; index >= 0; index--) {
    address = hops[index]!;
    if (!isTrusted(address, trust)) break;
  }
  const proto = header('x-forwarded-proto').split(',')[0]?.trim().toLowerCase();
  return { address, https: proto ? proto === 'https' : direct.https };
}
