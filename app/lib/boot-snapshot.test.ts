import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  keepsViewOf,
  SNAPSHOT_MAX_AGE_MS,
  SNAPSHOT_REVEAL_SCRIPT,
  SNAPSHOT_REVEAL_SCRIPT_HASH,
  isSnapshotCache,
  snapshotCacheName,
  snapshotKey,
  snapshotMarkup,
  splitShell,
  type BootSnapshot
} from './boot-snapshot';

const SHELL = `<!doctype html>
<html lang="en" dir="ltr" data-demo="0">
  <head><title>MOP — Mentoring Online Platform</title></head>
  <body data-sveltekit-preload-data="off">
    <div class="mop-boot" aria-hidden="true"><svg></svg></div>
    <div style="display: contents"><script>start()</script></div>
  </body>
</html>`;

const NOW = Date.UTC(2026, 11, 2, 18);
const view = (overrides: Partial<BootSnapshot> = {}): BootSnapshot => ({
  html: '<header>Ana</header><main><ul data-testid="notes-list"><li>Session on 2 Dec</li></ul></main>',
  css: '.notes.svelte-1x{display:grid}',
  lang: 'it',
  dir: 'ltr',
  savedAt: NOW - 60_000,
  ...overrides
});

describe('the shell with a copy in it', () => {
  const withCopy = (snapshot: BootSnapshot) => {
    const [first, rest] = splitShell(SHELL)!;
    return { first, html: first + snapshotMarkup(snapshot, NOW) + rest };
  };

  it('sends the bar first, then the last view before the app, inert, styled inline', () => {
    const { first, html } = withCopy(view());
    // The first part is what paints while the worker reads the copy: the head (with the app's styles) and the bar.
    expect(first).toContain('<div class="mop-boot"');
    expect(first).not.toContain('<script>start()</script>');
    // The copy is a template, put in the page by its script after the first frame (the bar alone).
    const copy = html.indexOf(
      '<template class="mop-snapshot"><div class="mop-snapshot" inert aria-hidden="true" lang="it" dir="ltr">' +
        '<style>.notes.svelte-1x{display:grid}'
    );
    expect(copy).toBe(first.length);
    expect(html).toContain(`</div></template><script>${SNAPSHOT_REVEAL_SCRIPT}</script>`);
    expect(html.indexOf(SNAPSHOT_REVEAL_SCRIPT)).toBeLessThan(html.indexOf('<script>start()</script>'));
    expect(html).toContain(
      '<header>Ana</header><main><ul data-testid="notes-list"><li>Session on 2 Dec</li></ul></main></div>'
    );
    // The bar hides, and the copy once the app has rendered into its wrapper.
    expect(html).toContain(
      '.mop-boot,.mop-snapshot:has(~ div[style="display: contents"] > :not(script)){display:none}'
    );
    // The page itself keeps the shell's language until the app sets it; the copy has its own.
    expect(html).toContain('<html lang="en" dir="ltr" data-demo="0">');
  });

  it('escapes a style text that would end its element', () => {
    const { html } = withCopy(view({ css: 'a::after{content:"</style><script>x()</script>"}' }));
    expect(html).not.toContain('</style><script>x()');
    expect(html).toContain('a::after{content:"\\3c /style><script>x()</script>"}');
  });

  it('adds nothing for an old, empty or oversized copy, and no language that is not a language tag', () => {
    expect(snapshotMarkup(view({ savedAt: NOW - SNAPSHOT_MAX_AGE_MS - 1 }), NOW)).toBe('');
    expect(snapshotMarkup(view({ html: '' }), NOW)).toBe('');
    expect(snapshotMarkup(view({ html: 'x'.repeat(300_000), css: 'y'.repeat(100_001) }), NOW)).toBe('');
    expect(snapshotMarkup(view({ lang: '"><script>' }), NOW)).toMatch(
      /^<template class="mop-snapshot"><div class="mop-snapshot" inert aria-hidden="true"><style>/
    );
  });

  it("names the copy's script by its hash, for the worker's Content-Security-Policy", () => {
    const hash = createHash('sha256').update(SNAPSHOT_REVEAL_SCRIPT).digest('base64');
    expect(SNAPSHOT_REVEAL_SCRIPT_HASH).toBe(`'sha256-${hash}'`);
  });

  it('leaves a shell of another shape whole', () => {
    expect(splitShell('<html><body></body></html>')).toBeNull();
    expect(splitShell(SHELL.replace('<div style="display: contents">', '<div>'))).toBeNull();
  });
});

describe('snapshot keys and caches', () => {
  it('keys a page by its path and query, not its fragment', () => {
    expect(snapshotKey('https://mop.example/mentoring/p1?tab=notes#x')).toBe(
      'https://mop.example/mentoring/p1?tab=notes'
    );
    expect(snapshotKey('/', 'https://mop.example')).toBe('https://mop.example/');
  });

  it('names one cache per build and recognises them all', () => {
    expect(snapshotCacheName('123')).not.toBe(snapshotCacheName('124'));
    expect(isSnapshotCache(snapshotCacheName('123'))).toBe(true);
    expect(isSnapshotCache('workbox-precache-v2-https://mop.example/')).toBe(false);
  });
});

describe('which pages are kept', () => {
  it("keeps a member's own pages, not the note editor nor a coordinator's or an admin's pages", () => {
    for (const path of [
      '/mentoring',
      '/mentoring/p1',
      '/mentoring/p1/messages',
      '/agenda',
      '/notifications',
      '/community/t1',
      '/learn',
      '/profile'
    ])
      expect(keepsViewOf(path), path).toBe(true);
    for (const path of [
      '/mentoring/p1/notes/n1',
      '/programmes',
      '/programmes/x/participants',
      '/admin',
      '/admin/users',
      '/login',
      '/join/abc',
      '/',
      '/mentoringx'
    ])
      expect(keepsViewOf(path), path).toBe(false);
  });
});
