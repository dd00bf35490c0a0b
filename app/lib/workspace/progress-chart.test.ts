import { describe, expect, it } from 'vitest';
import { progressChartData } from './progress-chart';

describe('the progress chart’s data', () => {
  it('draws a first week from zero: the week before is added with nothing done', () => {
    const data = progressChartData([{ week: '2026-11-30', stepsDone: 2, goalsDone: 1, sessionsHeld: 0 }], 'en-GB');
    expect(data.weeks).toEqual(['2026-11-23', '2026-11-30']);
    expect(data.labels).toEqual(['23 Nov', '30 Nov']);
    expect(data.values).toEqual({ stepsDone: [0, 2], goalsDone: [0, 1], sessionsHeld: [0, 0] });
    expect(data.yMax).toBe(4);
  });

  it('keeps a longer history as it is, with dates in the reader’s language, across a year end', () => {
    const data = progressChartData(
      [
        { week: '2026-12-28', stepsDone: 1, goalsDone: 0, sessionsHeld: 1 },
        { week: '2027-01-04', stepsDone: 6, goalsDone: 2, sessionsHeld: 3 }
      ],
      'it'
    );
    expect(data.weeks).toEqual(['2026-12-28', '2027-01-04']);
    expect(data.labels).toEqual(['28 dic', '4 gen']);
    expect(data.values.stepsDone).toEqual([1, 6]);
    expect(data.yMax).toBe(6);
  });

  it('has nothing to draw without history', () => {
    expect(progressChartData([], 'en')).toEqual({
      weeks: [],
      labels: [],
      values: { stepsDone: [], goalsDone: [], sessionsHeld: [] },
      yMax: 4
    });
  });
});
