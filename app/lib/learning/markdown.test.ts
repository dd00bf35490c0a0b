import { describe, expect, it } from 'vitest';
import { renderMarkdown, setServerRemoteImages } from './markdown';

// The unit project runs in Node: this is the server-rendering path (no DOM, so no DOMPurify).
describe('renderMarkdown on the server', () => {
  it('names each task-list checkbox after its item', () => {
    const html = renderMarkdown('- [ ] Agree on goals\n- [x] Book the room & the time');
    expect(html).toContain('aria-label="Agree on goals"');
    expect(html).toContain('checked="" disabled="" type="checkbox" aria-label="Book the room &amp; the time"');
  });

  it('shows raw HTML as text and drops script links', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n[click](javascript:alert(1)) [ok](https://example.org)');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.org"');
  });

  it('turns resource: links into the resource page', () => {
    expect(renderMarkdown('[next](resource:goal-setting)')).toContain('href="/learn/goal-setting"');
  });
});

describe('renderMarkdown on the server: the strict profile for resources', () => {
  it('drops images from other sites, keeping their description, and keeps the site’s own', () => {
    const html = renderMarkdown(
      '![tracker](https://tracker.example/pixel.png) ![also](//tracker.example/p.png) ![ours](/icons/icon.svg)'
    );
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('tracker');
    expect(html).toContain('<img src="/icons/icon.svg" alt="ours">');
  });

  it('shows a form with a password field as text, never as a form', () => {
    const html = renderMarkdown('<form action="https://evil.example"><input type="password" name="p"></form>');
    expect(html).not.toMatch(/<form|<input/);
  });

  it('keeps https images from other sites when the admin allows them, and never plain http ones', () => {
    setServerRemoteImages(true);
    try {
      const html = renderMarkdown('![a](https://images.example/a.png) ![b](http://images.example/b.png)');
      expect(html).toContain('<img src="https://images.example/a.png" alt="a">');
      expect(html).not.toContain('http://images.example');
    } finally {
      setServerRemoteImages(false);
    }
  });
});
