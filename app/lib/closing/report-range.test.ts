import { describe, expect, it } from 'vitest';
import { readReportRange } from './report-range';

describe('readReportRange', () => {
  it('keeps valid dates and week counts and drops the rest', () => {
    expect(readReportRange(new URLSearchParams('from=2026-01-01&to=2026-06-30&inactiveWeeks=4'))).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      inactiveWeeks: 4
    });
    expect(readReportRange(new URLSearchParams('from=yesterday&inactiveWeeks=0'))).toEqual({});
    expect(readReportRange(new URLSearchParams('inactiveWeeks=53'))).toEqual({});
  });
});
