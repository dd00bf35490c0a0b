import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, resourceLinks } from './markdown.ts';

describe('parseMarkdown', () => {
  it('reads the subset the library uses', () => {
    const blocks = parseMarkdown(
      [
        '> **Sample content.** Replace me.',
        '',
        '## Heading',
        'A paragraph',
        'over two lines.',
        '',
        '- [ ] open box',
        '- [x] ticked',
        '- plain',
        '  continued',
        '',
        '1. first',
        '2. second',
        '',
        '| A | B |',
        '|---|---|',
        '| 1 | |',
        '',
        '---'
      ].join('\n')
    );
    expect(blocks.map((b) => b.kind)).toEqual(['quote', 'heading', 'paragraph', 'list', 'list', 'table', 'rule']);
    const [quote, , paragraph, bullets, ordered, table] = blocks;
    expect(quote).toMatchObject({
      kind: 'quote',
      spans: [{ text: 'Sample content.', bold: true }, { text: ' Replace me.' }]
    });
    expect(paragraph).toMatchObject({ spans: [{ text: 'A paragraph over two lines.' }] });
    expect(bullets).toMatchObject({
      ordered: false,
      items: [{ checked: false }, { checked: true }, { spans: [{ text: 'plain continued' }] }]
    });
    expect(ordered).toMatchObject({
      ordered: true,
      items: [{ spans: [{ text: 'first' }] }, { spans: [{ text: 'second' }] }]
    });
    expect(table).toMatchObject({
      kind: 'table',
      header: [[{ text: 'A' }], [{ text: 'B' }]],
      rows: [[[{ text: '1' }], []]]
    });
  });

  it('parses inline styles and links, and finds resource links', () => {
    expect(parseInline('a **b** *c* `d` [e](resource:f-g)')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', code: true },
      { text: ' ' },
      { text: 'e', href: 'resource:f-g' }
    ]);
    expect(resourceLinks('see [x](resource:one) and [y](https://e.org) and [z](resource:two)')).toEqual(['one', 'two']);
  });
});
