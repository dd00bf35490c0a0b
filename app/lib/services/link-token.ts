/**
 * Reads the token of an e-mailed link (`/reset-password#token=…`). Links carry it in the fragment, which browsers
 * never send to a server nor put in a Referer, so it stays out of logs.
 */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
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
