import { describe, expect, it } from 'vitest';
import {
  keepsViewOf,
  SNAPSHOT_MAX_AGE_MS,
  isSnapshotCache,
  snapshotCacheName,
  snapshotKey,
  withSnapshot,
  type BootSnapshot
} from './boot-snapshot';

const SHELL = `<!doctype html>
<html lang="en" dir="ltr" data-demo="0">
  <head><title>MOP — Mentoring Online Platform</title></head>
  <body data-sveltekit-preload-data="off">
    <div class="mop-boot" aria-hidden="true"><svg></svg></div>
    <link href="/_app/immutable/assets/0.css" rel="stylesheet">
    <div style="display: contents"><script>start()</script></div>
  </body>
</html>`;

const NOW = Date.UTC(2026, 11, 2, 18);
const view = (overrides: Partial<BootSnapshot> = {}): BootSnapshot => ({
  html: '<header>Ana</header><main><ul data-testid="notes-list"><li>Session on 2 Dec</li></ul></main>',
  title: 'Ana and Ben — MOP',
  css: '.notes.svelte-1x{display:grid}',
  lang: 'it',
  dir: 'ltr',
  savedAt: NOW - 60_000,
  ...overrides
});

describe('withSnapshot', () => {
  it('puts the last view after the bar and the stylesheets, before the app, inert, styled inline', () => {
    const html = withSnapshot(SHELL, view(), NOW);
    const bar = html.indexOf('<div class="mop-boot"');
    const copy = html.indexOf(
      '<div class="mop-snapshot" inert aria-hidden="true"><style>.notes.svelte-1x{display:grid}'
    );
    expect(bar).toBeGreaterThan(0);
    // The bar paints first; the parser waits at the app's stylesheets, then reads the copy before the app's script.
    expect(copy).toBeGreaterThan(bar);
    expect(copy).toBeGreaterThan(html.indexOf('<link href="/_app/immutable/assets/0.css"'));
    expect(copy).toBeLessThan(html.indexOf('<script>start()</script>'));
    expect(html).toContain(
      '<header>Ana</header><main><ul data-testid="notes-list"><li>Session on 2 Dec</li></ul></main></div>'
    );
    // The bar hides, and the copy once the app has rendered into its wrapper.
    expect(html).toContain(
      '.mop-boot,.mop-snapshot:has(~ div[style="display: contents"] > :not(script)){display:none}'
    );
    expect(html).toContain('<html lang="it" dir="ltr" data-demo="0">');
    expect(html).toContain('<title>Ana and Ben — MOP</title>');
  });

  it('escapes the title, and a style text that would end its element', () => {
    const html = withSnapshot(
      SHELL,
      view({ title: '</title><script>alert(1)</script>', css: 'a::after{content:"</style><script>x()</script>"}' }),
      NOW
    );
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('</style><script>x()');
    expect(html).toContain('content:"\\3c /style><script>x()</script>"');
  });

  it('leaves the shell as it is for an old, empty, oversized or unknown-language copy, or a shell of another shape', () => {
    expect(withSnapshot(SHELL, view({ savedAt: NOW - SNAPSHOT_MAX_AGE_MS - 1 }), NOW)).toBe(SHELL);
    expect(withSnapshot(SHELL, view({ html: '' }), NOW)).toBe(SHELL);
    expect(withSnapshot(SHELL, view({ html: 'x'.repeat(300_000), css: 'y'.repeat(100_001) }), NOW)).toBe(SHELL);
    expect(withSnapshot('<html><body></body></html>', view(), NOW)).toBe('<html><body></body></html>');
    // A language that is not a language tag keeps the shell's.
    expect(withSnapshot(SHELL, view({ lang: '"><script>' }), NOW)).toContain('<html lang="en" dir="ltr"');
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
