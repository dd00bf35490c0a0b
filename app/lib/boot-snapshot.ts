/**
 * The device's last view of a page, shown while the app starts (a cold start, above all offline).
 *
 * A native app shows its last screen while it launches; this is the same for MOP's installed app. When a signed-in
 * person has looked at one of a member's own pages (`keepsViewOf`), the app keeps a copy of what it showed (its markup
 * and the text of its stylesheets) in the browser's Cache Storage, one per address. The next time a tab opens that
 * address, the service worker answers the shell's bar at once and that copy as soon as it has read it, `inert` (it
 * cannot be clicked, focused or read by a screen reader) and hidden as soon as the app has rendered the page itself,
 * which then removes it. Measured in `bench/web/offline-start.ts` (the list of
 * notes shown from the copy, and rendered by the app, as two figures).
 *
 * Defined once here for both sides: the app writes copies (services/boot-snapshot.service.ts) and the worker reads
 * them (service-worker.ts). Copies are made for this build only (the markup's style classes change with every build),
 * deleted when anyone signs in or out on the device, and never leave it.
 */

/** One page as the app last showed it on this device. */
export interface BootSnapshot {
  /** Inner markup of the app's wrapper, cleaned (services/boot-snapshot.service.ts). */
  html: string;
  /**
   * The text of the page's own stylesheets, in document order (18 kB for a pair's workspace): inline, the copy paints
   * as soon as the shell is read, without asking the service worker for each file first.
   */
  css: string;
  /** `<html lang>` and `dir`. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** When the copy was made (ms since the epoch). */
  savedAt: number;
}

/** The worker ignores copies older than this: a device left for weeks starts from the app, not from an old view. */
export const SNAPSHOT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Copies larger than this (markup and styles) are not kept: a very long page costs more to read than it saves. */
export const SNAPSHOT_MAX_CHARS = 400_000;

/**
 * Pages whose view is kept: a member's own pages, whose content this device holds anyway (the pairs' documents, the
 * agenda and notifications made from them, the community pages read, the learning center, the profile). A coordinator's
 * or an admin's pages (participants, users, reports) are not: their content lives on the server, and a copy would put
 * other people's data on the device.
 */
const KEPT = /^\/(mentoring|agenda|notifications|community|learn|profile)(\/|$)/;
/** The note editor: its document is the page, and a keystroke would rewrite the copy. */
const NOTE_EDITOR = /\/notes\/[^/]+$/;

/** Whether the page at `path` may be kept. */
export function keepsViewOf(path: string): boolean {
  return KEPT.test(path) && !NOTE_EDITOR.test(path);
}

const CACHE_PREFIX = 'mop-boot-snapshot-';

/** The Cache Storage cache of one build's copies. */
export function snapshotCacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Whether `name` is a cache of copies (of any build), for clean-up. */
export function isSnapshotCache(name: string): boolean {
  return name.startsWith(CACHE_PREFIX);
}

/** The key of the copy of the page at `url` (same origin): its path and query. */
export function snapshotKey(url: URL | string, origin?: string): string {
  const parsed = typeof url === 'string' ? new URL(url, origin) : url;
  return new URL(`${parsed.pathname}${parsed.search}`, parsed.origin).href;
}

const BOOT_BAR = /<div class="mop-boot"[\s\S]*?<\/svg>\s*<\/div>/;
/** The app's wrapper (app.html), which starts with SvelteKit's bootstrap script. */
const APP_WRAPPER = /<div style="display: contents">/;

/** In a `<style>` element only `</style` ends the text; `\3c` is the same character to CSS, in strings and out. */
const escapeCss = (value: string) => value.replace(/<\/(style)/gi, '\\3c /$1');

/**
 * The shell (app.html as the server renders it for the app) cut where a copy goes: after the header's bar, just before
 * the app's wrapper, whose bootstrap script would otherwise keep the parser busy with the app's modules. The worker
 * sends the first part at once and the copy once read (service-worker.ts). Null when the shell does not have the
 * expected shape.
 */
export function splitShell(shell: string): [string, string] | null {
  const bar = BOOT_BAR.exec(shell);
  const wrapper = shell.search(APP_WRAPPER);
  if (!bar || wrapper < bar.index + bar[0].length) return null;
  return [shell.slice(0, wrapper), shell.slice(wrapper)];
}

/**
 * Puts the copy (snapshotMarkup's template) in the page one frame after the bar: the first frame is the bar alone,
 * as on a blank page, and the next one the copy. In the same frame, the copy's style, layout and raster held the
 * first paint back to 2–2.7× a blank service-worker page's (docs/benchmarks.md, issue 16, seventh round). A second
 * animation frame, not a timer: a timer waited behind the app's first modules (the copy ~230 ms later). It also asks
 * for Inter's Latin file at once (as the root +layout.ts does; not a preload, which holds back the first paint,
 * hooks.server.ts), so that the copy is laid out once, in Inter, and not first with the system's fonts, then again.
 * Nothing happens if the root layout has already removed the template (the app rendered first).
 */
export const SNAPSHOT_REVEAL_SCRIPT =
  '{const t=document.currentScript.previousElementSibling;' +
  `document.fonts.load('1em "Inter Variable"','a').catch(()=>{});` +
  'requestAnimationFrame(()=>requestAnimationFrame(()=>{if(t.isConnected)t.replaceWith(t.content)}))}';

/** The Content-Security-Policy source that allows `SNAPSHOT_REVEAL_SCRIPT` (its SHA-256; boot-snapshot.test.ts). */
export const SNAPSHOT_REVEAL_SCRIPT_HASH = "'sha256-HXtRa487JwxZyxSGh2EfNOtKlot3Rb+0Knz7rdd2Epw='";

/**
 * The markup that shows `snapshot` in the shell, between the two parts of `splitShell`: inert, hidden from screen
 * readers, in the copy's language, with its styles inline so that it asks the worker for nothing. It is a template that
 * `SNAPSHOT_REVEAL_SCRIPT` puts in the page after the first frame. It hides the bar, and itself as soon as the app has
 * rendered into its wrapper (the root layout then removes it, or the template if it is still one). Empty when the copy
 * is not usable (too old, empty, too large, not what the app writes).
 */
export function snapshotMarkup(snapshot: BootSnapshot, now = Date.now()): string {
  if (typeof snapshot.html !== 'string' || snapshot.html.length === 0) return '';
  const css = typeof snapshot.css === 'string' ? snapshot.css : '';
  if (snapshot.html.length + css.length > SNAPSHOT_MAX_CHARS) return '';
  if (!(now - snapshot.savedAt < SNAPSHOT_MAX_AGE_MS)) return '';
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(snapshot.lang)
    ? ` lang="${snapshot.lang}" dir="${snapshot.dir === 'rtl' ? 'rtl' : 'ltr'}"`
    : '';
  return (
    `<template class="mop-snapshot">` +
    `<div class="mop-snapshot" inert aria-hidden="true"${lang}><style>${escapeCss(css)}\n` +
    `.mop-boot,.mop-snapshot:has(~ div[style="display: contents"] > :not(script)){display:none}</style>` +
    `${snapshot.html}</div></template><script>${SNAPSHOT_REVEAL_SCRIPT}</script>`
  );
}
