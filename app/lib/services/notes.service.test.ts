import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TITLE } from '@mop/shared';
import { noteTitleProblem } from './notes.service';

describe('noteTitleProblem', () => {
  it('accepts a title up to the limit, ignoring surrounding spaces as the stored title does', () => {
    expect(noteTitleProblem('x'.repeat(MAX_NOTE_TITLE))).toBeNull();
    expect(noteTitleProblem(`  ${'x'.repeat(MAX_NOTE_TITLE)}  `)).toBeNull();
    expect(noteTitleProblem('')).toBeNull();
  });

  it('reports a title over the limit as too long', () => {
    expect(noteTitleProblem('x'.repeat(MAX_NOTE_TITLE + 1))).toBe('too_long');
    expect(noteTitleProblem('x'.repeat(300))).toBe('too_long');
  });
});
