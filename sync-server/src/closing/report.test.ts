import { describe, expect, it } from 'vitest';
import { reportEndReason } from './report.ts';

describe('reportEndReason', () => {
  it('counts a pair closed with no reason (an account deleted before endings had one) as an account deletion', () => {
    expect(reportEndReason({ endReason: null, endedBy: null })).toBe('account-deleted');
    expect(reportEndReason({ endReason: null, endedBy: 'coordinator-1' })).toBe('account-deleted');
  });

  it('counts "left" by nobody named as an account deletion, and by a member as leaving', () => {
    expect(reportEndReason({ endReason: 'left', endedBy: null })).toBe('account-deleted');
    expect(reportEndReason({ endReason: 'left', endedBy: 'mentee-1' })).toBe('left');
  });

  it('keeps every other reason as chosen, whoever ended the pair', () => {
    expect(reportEndReason({ endReason: 'completed', endedBy: 'mentor-1' })).toBe('completed');
    expect(reportEndReason({ endReason: 'not-a-fit', endedBy: null })).toBe('not-a-fit');
    expect(reportEndReason({ endReason: 'other', endedBy: 'coordinator-1' })).toBe('other');
  });
});
