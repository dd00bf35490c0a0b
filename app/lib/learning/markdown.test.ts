import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

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
