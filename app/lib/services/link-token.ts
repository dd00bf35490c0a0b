/**
 * Reads the token of an e-mailed link (`/reset-password#token=…`). Links carry it in the fragment, which browsers
 * never send to a server nor put in a Referer, so it stays out of logs.
 */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}
