import { describe, expect, it } from 'vitest';
import { canRetry } from './load-problem';

describe('canRetry', () => {
  it('offers to read again when offline or after a failure, and when the failure is unknown', () => {
    expect(canRetry({ kind: 'offline', message: 'Offline' })).toBe(true);
    expect(canRetry({ kind: 'error', message: 'Server error' })).toBe(true);
    expect(canRetry(null)).toBe(true);
  });

  it('does not when the answer would be the same: not allowed, or not there', () => {
    expect(canRetry({ kind: 'forbidden', message: 'Not yours' })).toBe(false);
    expect(canRetry({ kind: 'not-found', message: 'Gone' })).toBe(false);
  });
});
