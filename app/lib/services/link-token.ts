/**
 * Reads the token of an e-mailed or printed link. Links carry it in the fragment, which browsers never send to a
 * server nor put in a Referer, so it stays out of logs: as `#token=…` (password reset, e-mail confirmation) or as the
 * whole fragment (`/setup#…`, `/invitation#…`, `/join#…`). Null when there is none or it is not a whole token (a link
 * cut by a mail program), so the page can say the link is incomplete without asking the server.
 */
export function tokenFromHash(hash: string): string | null {
  const fragment = hash.replace(/^#/, '');
  let token = new URLSearchParams(fragment).get('token');
  if (token === null) {
    try {
      token = decodeURIComponent(fragment).trim();
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/**
 * A link pasted into a tab that already shows one of these pages differs only in its fragment, so the browser does
 * not load the page again and the page would keep its verdict on the first link ("This link is not valid"). Reloads
 * the page when the fragment changes to another one, so the new link is checked from the start. Returns the cleanup.
 */
export function reloadOnNewLinkToken(): () => void {
  const first = location.hash;
  const listener = () => {
    if (location.hash.length > 1 && location.hash !== first) location.reload();
  };
  addEventListener('hashchange', listener);
  return () => removeEventListener('hashchange', listener);
}
