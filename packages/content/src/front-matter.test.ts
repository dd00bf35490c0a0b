import { describe, expect, it } from 'vitest';
import { LibraryError } from './errors.ts';
import { parseFrontMatter } from './front-matter.ts';

describe('parseFrontMatter', () => {
  it('reads strings, quoted strings, lists, integers and booleans, and returns the body', () => {
    const doc = parseFrontMatter(
      [
        '---',
        'id: a-b',
        'title: "Hello: world \\"quoted\\""',
        'audience: [mentor, "mentee"]',
        'topics: []',
        'version: 3',
        'sample: true',
        '# a comment',
        '---',
        '',
        '# Body',
        'text'
      ].join('\n'),
      'x.md'
    );
    expect(doc.data).toEqual({
      id: 'a-b',
      title: 'Hello: world "quoted"',
      audience: ['mentor', 'mentee'],
      topics: [],
      version: 3,
      sample: true
    });
    expect(doc.body).toBe('# Body\ntext');
  });

  it.each([
    ['no opening line', 'id: x\n---\n', undefined],
    ['unclosed front matter', '---\nid: x\n', undefined],
    ['duplicate key', '---\nid: x\nid: y\n---\n', 'id'],
    ['empty value', '---\ntitle:\n---\n', 'title'],
    ['unclosed list', '---\naudience: [mentor, mentee\n---\n', 'audience'],
    ['unclosed quote', '---\ntitle: "abc\n---\n', 'title'],
    ['ambiguous plain value', '---\ntitle: Phase 1: goals\n---\n', 'title'],
    ['single-quoted YAML', "---\ntitle: 'x'\n---\n", 'title'],
    ['garbage line', '---\n- item\n---\n', 'line 2']
  ])('rejects %s, naming the file and field', (_name, text, field) => {
    let error: unknown;
    try {
      parseFrontMatter(text, 'resources/bad.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LibraryError);
    const libraryError = error as LibraryError;
    expect(libraryError.file).toBe('resources/bad.md');
    expect(libraryError.field).toBe(field);
    expect(libraryError.message).toContain('resources/bad.md');
  });
});
