/** The schemes a note's link may use: web pages and e-mail addresses, never `javascript:`, `data:` or files. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Whether `href` is an absolute http(s) or mailto link (what the editor accepts from the toolbar, pastes and HTML). */
export function isSafeLinkHref(href: string): boolean {
  if (/\s/.test(href.trim())) return false;
  try {
    const url = new URL(href.trim());
    if (!SAFE_SCHEMES.has(url.protocol)) return false;
    return url.protocol === 'mailto:' ? url.pathname.includes('@') : url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Turns what someone typed into the link field into a safe href, or null when it is not one: an http(s) or mailto
 * link stays as typed, a bare e-mail address gets `mailto:`, a bare domain (`example.org/page`) gets `https://`.
 */
export function normaliseLinkHref(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+\.[a-z]{2,}:\d/i.test(text)) {
    return isSafeLinkHref(text) ? text : null;
  }
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`;
  if (/^[^\s/]+\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i.test(text)) {
    const href = `https://${text}`;
    return isSafeLinkHref(href) ? href : null;
  }
  return null;
}
