import type { ProgressPoint } from '@mop/shared';

export const PROGRESS_SERIES = ['stepsDone', 'goalsDone', 'sessionsHeld'] as const;
type ProgressSeries = (typeof PROGRESS_SERIES)[number];

/** What the progress chart draws: one x label per week, the three running totals, and the top of the y scale. */
export interface ProgressChartData {
  /** Monday of each week (YYYY-MM-DD, UTC), as in the summary. */
  weeks: string[];
  /** The same weeks for people ("1 Dec"), in the reader's language. */
  labels: string[];
  values: Record<ProgressSeries, number[]>;
  /** The y scale's top: at least 4, so a few ticks look like a few and not like a full chart. */
  yMax: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Shapes the weekly history for the chart. A pair in its first week has one point: the week before is added with
 * zeros (true: the totals are running counts, nothing was done before the first activity), so the chart draws a
 * line from zero instead of lone dots.
 */
export function progressChartData(history: readonly ProgressPoint[], locale: string): ProgressChartData {
  const points = [...history];
  const first = points[0];
  if (points.length === 1 && first) {
    const before = new Date(Date.parse(`${first.week}T00:00:00Z`) - WEEK_MS).toISOString().slice(0, 10);
    points.unshift({ week: before, stepsDone: 0, goalsDone: 0, sessionsHeld: 0 });
  }
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const values = Object.fromEntries(PROGRESS_SERIES.map((key) => [key, points.map((point) => point[key])])) as Record<
    ProgressSeries,
    number[]
  >;
  const top = Math.max(0, ...PROGRESS_SERIES.flatMap((key) => values[key]));
  return {
    weeks: points.map((point) => point.week),
    labels: points.map((point) => format.format(new Date(`${point.week}T00:00:00Z`))),
    values,
    yMax: Math.max(4, top)
  };
}
