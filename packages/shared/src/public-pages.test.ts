import { describe, expect, it } from 'vitest';
import { markdownExcerpt } from './public-pages.ts';

describe('markdownExcerpt', () => {
  it('takes the first paragraph of text as plain text', () => {
    expect(markdownExcerpt('# Title\n\nA [mentor](https://example.org) *can* offer `time`.\n\nMore.')).toBe(
      'A mentor can offer time.'
    );
    expect(markdownExcerpt('- a list\n- only')).toBe('');
  });

  it('cuts a long paragraph at a word, with an ellipsis', () => {
    const excerpt = markdownExcerpt('word '.repeat(100), 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt).toMatch(/word…$/);
  });
});
