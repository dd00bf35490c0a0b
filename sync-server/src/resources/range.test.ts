import { describe, expect, it } from 'vitest';
import { decideRange, ifRangeAllows, noneMatch } from './range.ts';

describe('decideRange', () => {
  it('reads closed, open and suffix ranges', () => {
    expect(decideRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(decideRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(decideRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
  });

  it('clamps an end past the file and a suffix longer than it', () => {
    expect(decideRange('bytes=50-500', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(decideRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it('refuses ranges that start past the end, empty suffixes and any range of an empty file', () => {
    expect(decideRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not serve: other units, several ranges, reversed or malformed ranges', () => {
    for (const header of ['items=0-1', 'bytes=0-1,5-6', 'bytes=9-2', 'bytes=abc', 'bytes=-', undefined]) {
      expect(decideRange(header, 100)).toEqual({ kind: 'full' });
    }
  });
});

describe('conditional headers', () => {
  it('lets a range through If-Range only on an exact strong ETag', () => {
    expect(ifRangeAllows(undefined, '"abc"')).toBe(true);
    expect(ifRangeAllows('"abc"', '"abc"')).toBe(true);
    expect(ifRangeAllows('"old"', '"abc"')).toBe(false);
    expect(ifRangeAllows('W/"abc"', '"abc"')).toBe(false);
    expect(ifRangeAllows('Wed, 21 Oct 2015 07:28:00 GMT', '"abc"')).toBe(false);
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(noneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(noneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatch('*', '"abc"')).toBe(true);
    expect(noneMatch('"x"', '"abc"')).toBe(false);
    expect(noneMatch(undefined, '"abc"')).toBe(false);
  });
});
