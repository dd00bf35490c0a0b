/**
 * The web hardening every answer gets (docs/security.md): security headers, `no-store` on personal API answers, and
 * the Origin check that refuses state-changing requests sent from other sites with the person's cookie.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { API_PATH } from '@mop/shared';
import { apiError } from './errors.ts';

/**
 * The policy of everything that does not bring its own: the API's JSON (nothing may load or run) and the build's
 * files (the service worker's script among them: its policy is the one it runs under, so it may fetch from 'self').
 * Pages carry SvelteKit's policy (svelte.config.js, `kit.csp`, with hashes of its inline bootstrap script); served
 * uploads carry a sandbox (resources/file-response.ts).
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const FILES_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Security headers through Hono's maintained `secure-headers` middleware. `overwrite: false` keeps a header a route
 * set itself (a page's CSP, an upload's sandbox). HSTS is left to the transport, which sends it on HTTPS answers
 * only (http/transport.ts). Referrer-Policy `no-referrer`: calendar feed URLs carry their secret token in the path.
 */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    overwrite: false,
    strictTransportSecurity: false,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    // Same-origin only: nobody else's page may read MOP's files or API through <img>/<script> either.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] }
  });
  return async (c, next) => {
    const isApi = c.req.path === API_PATH || c.req.path.startsWith(`${API_PATH}/`);
    await headers(c, next);
    // Not on a 304: its headers replace those of the browser's cached copy, and SvelteKit sends a page's 304 without
    // the page's policy (with the default one added, a revalidated shell would lose its script hash).
    if (!c.res.headers.has('Content-Security-Policy') && c.res.status !== 304)
      c.res.headers.set('Content-Security-Policy', isApi ? API_CSP : FILES_CSP);
    // Personal answers must not stay in a shared cache or on the disk of a shared computer. Routes that serve
    // public content (catalogue, published resources' files, the feed) set their own Cache-Control.
    if (isApi && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a request says about where it came from. */
export interface RequestSource {
  /** The `Origin` header, if any. */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header, if any. */
  fetchSite: string | undefined;
  /** The `Host` header the request was sent to. */
  host: string | undefined;
}

/**
 * Whether a state-changing request may proceed: a browser names where the request came from (`Origin`, else
 * `Sec-Fetch-Site`), and only the platform's own origin passes: `MOP_PUBLIC_URL`, or the host the request was sent
 * to (the scheme is not compared, so a TLS proxy that does not say `X-Forwarded-Proto` breaks nothing; the WebSocket
 * upgrade compares the same way, sync/sync-service.ts). A request with neither header did not come from a browser
 * page (curl, a script): no foreign page made a browser attach the person's cookie, so the route's own checks decide.
 */
export function isSameOriginRequest(source: RequestSource, publicUrl: string | undefined): boolean {
  if (source.origin !== undefined) {
    let origin: URL;
    try {
      origin = new URL(source.origin);
    } catch {
      return false; // `null` (a sandboxed frame, a file:// page) or garbage
    }
    if (publicUrl && origin.origin === new URL(publicUrl).origin) return true;
    return source.host !== undefined && origin.host === source.host.trim().toLowerCase();
  }
  if (source.fetchSite !== undefined) return source.fetchSite === 'same-origin' || source.fetchSite === 'none';
  return true;
}

/** The Origin check of every request that is not GET, HEAD or OPTIONS: 403 `cross_origin_request` otherwise. */
export function originCheck(publicUrl: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const source: RequestSource = {
      origin: c.req.header('origin'),
      fetchSite: c.req.header('sec-fetch-site'),
      host: c.req.header('host')
    };
    if (isSameOriginRequest(source, publicUrl)) return next();
    return apiError(
      c,
      403,
      'cross_origin_request',
      'This request came from another site. Open the platform at its own address and try again.'
    );
  };
}
