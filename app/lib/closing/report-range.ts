/** A report's range as the dashboard's address carries it (`?from=…&to=…&inactiveWeeks=…`). */
export interface ReportRange {
  from?: string;
  to?: string;
  inactiveWeeks?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the range from the address, dropping what is not a date or a week count (the form only writes valid ones). */
export function readReportRange(params: URLSearchParams): ReportRange {
  const range: ReportRange = {};
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const weeks = Number(params.get('inactiveWeeks'));
  if (ISO_DATE.test(from)) range.from = from;
  if (ISO_DATE.test(to)) range.to = to;
  if (Number.isInteger(weeks) && weeks >= 1 && weeks <= 52) range.inactiveWeeks = weeks;
  return range;
}
