/**
 * Deep links through sign-in: a page that needs an identity sends the visitor to `/login?next=<where they were>`,
 * and the login page goes back there. Only paths of this app are followed, never another site.
 */

/**
 * The sign-in page, remembering `url` (its path and query) to come back to. Not its fragment: SvelteKit does not let
 * a load function read it (the server never sees it either).
 */
export function loginPath(url?: URL | null): string {
  if (!url) return '/login';
  const next = `${url.pathname}${url.search}`;
  if (next === '/' || url.pathname === '/login') return '/login';
  return `/login?${new URLSearchParams({ next }).toString()}`;
}

/**
 * The page to open after sign-in, if `next` is a path of this app; null otherwise. Refuses what would leave the app:
 * absolute URLs, protocol-relative `//host`, backslash tricks (`/\host`), control characters, and the login page.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  let parsed: URL;
  try {
    parsed = new URL(next, 'http://app.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'http://app.invalid' || parsed.pathname === '/login') return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
