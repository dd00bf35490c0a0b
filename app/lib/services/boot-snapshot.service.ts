import { version } from '$app/environment';
import {
  SNAPSHOT_MAX_CHARS,
  keepsViewOf,
  isSnapshotCache,
  snapshotCacheName,
  snapshotKey,
  type BootSnapshot
} from '$lib/boot-snapshot';
import type { User } from '@mop/shared';
import { homePathFor } from './membership';

/**
 * Keeps the device's last view of each of a member's own pages a signed-in person looks at, for the service worker to
 * show while the app starts next time (boot-snapshot.ts says why, which pages, and how it is shown). Nothing here is
 * sent anywhere; the copies are deleted when anyone signs in or out on the device (auth.service.ts).
 */

/** Parts of a page that must not come back in a copy: scripts, open dialogs, media, embedded documents, live regions. */
const DROPPED =
  'script, template, noscript, dialog, iframe, object, embed, video, audio, [aria-live="assertive"], .skip-link';
/**
 * Attributes that tie the copy to the live page while both are in the document (the copy comes before the app's): an `id`
 * would be found instead of the app's own, a radio's `name` would group with the app's, a label's `for` would point
 * at the copy. And anything that could run or focus.
 */
const DROPPED_ATTRIBUTES =
  /^(id|for|name|form|autofocus|tabindex|contenteditable|aria-(labelledby|describedby|controls|owns|activedescendant|details|errormessage|flowto)|on.*)$/i;
/** A transparent pixel, for images whose address only lives as long as the page (`blob:`). */
const BLANK_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';

/** The app's wrapper (app.html): SvelteKit renders the app into it. */
function appRoot(): HTMLElement | null {
  return document.querySelector<HTMLElement>('body > div[style="display: contents"]');
}

/** The page as shown now, cleaned; null when there is nothing to keep (no app content, or too large). */
async function describeView(): Promise<BootSnapshot | null> {
  const root = appRoot();
  if (!root || !root.querySelector(':scope > :not(script)')) return null;
  const copy = root.cloneNode(true) as HTMLElement;
  await inlineOwnSvgImages(copy);
  for (const element of copy.querySelectorAll(DROPPED)) element.remove();
  // What a status says now (the connection, a saved notice) is not what it will say at the next start: its place is
  // kept, empty, so that nothing moves when the app shows the real one.
  for (const element of copy.querySelectorAll<HTMLElement>('[role="status"], [aria-live]'))
    element.style.visibility = 'hidden';
  for (const element of copy.querySelectorAll('*')) {
    for (const { name } of [...element.attributes]) if (DROPPED_ATTRIBUTES.test(name)) element.removeAttribute(name);
    if (element instanceof HTMLImageElement && !/^\/(?!\/)/.test(element.getAttribute('src') ?? '')) {
      element.setAttribute('src', BLANK_IMAGE);
      element.removeAttribute('srcset');
    }
  }
  const html = copy.innerHTML;
  if (html.length > SNAPSHOT_MAX_CHARS) return null;
  return {
    html,
    css: '',
    lang: document.documentElement.lang,
    dir: document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr',
    savedAt: Date.now()
  };
}

/** The app's own SVG images (the header's icon), read once per visit. */
const svgTexts = new Map<string, string | null>();
const OWN_SVG = /^\/[\w-][\w./-]*\.svg$/;

/**
 * The app's own SVG images in the copy (the header's icon) become inline SVG, with the image's size and classes: an
 * `<img>` is one more answer from the service worker before it shows, inline markup paints with the first frame (as the
 * shell's bar does, app.html). Anything that cannot be read stays an image.
 */
async function inlineOwnSvgImages(copy: HTMLElement): Promise<void> {
  for (const image of copy.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? '';
    if (!OWN_SVG.test(src)) continue;
    if (!svgTexts.has(src)) {
      const response = await fetch(src).catch(() => null);
      svgTexts.set(src, response?.ok ? await response.text() : null);
    }
    const text = svgTexts.get(src);
    const svg = text ? new DOMParser().parseFromString(text, 'image/svg+xml').documentElement : null;
    if (!svg || svg.nodeName !== 'svg') continue;
    for (const name of ['width', 'height', 'class', 'style']) {
      const value = image.getAttribute(name);
      if (value !== null) svg.setAttribute(name, value);
    }
    svg.setAttribute('aria-hidden', 'true');
    for (const child of svg.querySelectorAll('script, foreignObject')) child.remove();
    image.replaceWith(document.importNode(svg, true));
  }
}

/**
 * The text of the page's own stylesheets, in document order, as the browser has them (the build's files, from the
 * service worker's cache offline). Their font addresses are absolute paths, so they work inline.
 */
/** Stylesheets already read during this visit (their addresses carry their content's hash). */
const styleTexts = new Map<string, string>();

async function pageStyles(): Promise<string> {
  const hrefs = [
    ...new Set(
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
        .map((link) => new URL(link.href, location.href))
        .filter((url) => url.origin === location.origin)
        .map((url) => url.href)
    )
  ];
  const texts = await Promise.all(
    hrefs.map(async (href) => {
      const known = styleTexts.get(href);
      if (known !== undefined) return known;
      const response = await fetch(href);
      if (!response.ok) throw new Error(`${href}: ${response.status}`);
      const text = await response.text();
      styleTexts.set(href, text);
      return text;
    })
  );
  return texts.join('\n');
}

/**
 * Keeps the current view of the page at `url` (and under `aliases`: `/`, which opens the person's home), or forgets
 * the copy when the page shows an error. Failures are quiet: a copy only makes the next start faster.
 */
async function keepView(url: URL, options: { error: boolean; aliases?: string[] }): Promise<void> {
  if (typeof caches === 'undefined' || !keepsViewOf(url.pathname)) return;
  try {
    const cache = await caches.open(snapshotCacheName(version));
    const keys = [snapshotKey(url), ...(options.aliases ?? []).map((path) => snapshotKey(path, url.origin))];
    const view = options.error ? null : await describeView();
    if (view) view.css = await pageStyles();
    if (!view || view.html.length + view.css.length > SNAPSHOT_MAX_CHARS) {
      await Promise.all(keys.map((key) => cache.delete(key)));
      return;
    }
    const body = JSON.stringify(view);
    await Promise.all(
      keys.map((key) => cache.put(key, new Response(body, { headers: { 'content-type': 'application/json' } })))
    );
  } catch (error) {
    console.warn('MOP: could not keep the view of this page for the next start', error);
  }
}

/** Deletes every kept view on this device (sign-out, another person signing in). */
export async function forgetViews(): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter(isSnapshotCache).map((name) => caches.delete(name)));
  } catch (error) {
    console.warn('MOP: could not delete the kept views of pages', error);
  }
}

/** After a page has rendered, and the browser is idle: how long to wait before copying it. */
const SETTLE_MS = 1500;
/** After a change: the copy follows within this time, however often the page changes (a clock, a syncing document). */
const CHANGE_MS = 4000;

/**
 * Keeps the view of the page at `url` while it is shown: once it has settled, after changes (at most one copy per
 * `CHANGE_MS`: a debounce would never copy a page that changes every second), and when the tab is hidden (the person
 * leaves the app: what they will come back to). Returns a function that stops.
 */
export function watchView(url: URL, options: { error: boolean; user: Pick<User, 'role'> }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // `/` (the installed app's start) opens the person's home: it shows the home's view.
  const aliases = url.pathname === homePathFor(options.user) && !url.search ? ['/'] : [];
  const keep = () => void keepView(url, { error: options.error, aliases });
  const schedule = (delay: number) => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (typeof requestIdleCallback === 'function') requestIdleCallback(keep, { timeout: 2000 });
      else keep();
    }, delay);
  };
  const later = () => schedule(CHANGE_MS);
  const onHidden = () => {
    if (document.visibilityState === 'hidden') keep();
  };
  const root = appRoot();
  const observer = new MutationObserver(later);
  if (root) observer.observe(root, { childList: true, subtree: true, characterData: true });
  document.addEventListener('visibilitychange', onHidden);
  schedule(SETTLE_MS);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    document.removeEventListener('visibilitychange', onHidden);
  };
}
