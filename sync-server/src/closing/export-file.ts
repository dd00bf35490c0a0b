import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { REPORT_END_REASONS, type ProgrammeReport, type ReportEndReason } from '@mop/shared';
import { appMessages } from '../http/app-messages.ts';

/** The app's words for each reason (messages/*.json), so the file reads as the dashboard does. */
const REASON_KEYS: Record<ReportEndReason, string> = {
  completed: 'closing_reason_completed',
  'not-a-fit': 'closing_reason_not_a_fit',
  left: 'closing_reason_left',
  other: 'closing_reason_other',
  'account-deleted': 'closing_reason_account_deleted'
};

/** One line of the funder export: a section, a figure's name and its value (a count, an average, a date). */
type ExportRow = [section: string, figure: string, value: string | number];

/**
 * The figures of a report as rows, the same for CSV and XLSX. Counts and averages only: the names of inactive people
 * stay on the dashboard (they are for a nudge, not for the funder).
 */
function reportRows(report: ProgrammeReport, language: string | undefined): ExportRow[] {
  const words = appMessages(language);
  const rows: ExportRow[] = [
    ['programme', 'name', report.programmeName],
    ['programme', 'organisation', report.organisationName ?? ''],
    ['programme', 'from', report.from ?? ''],
    ['programme', 'to', report.to ?? ''],
    ['participants', 'invited', report.participants.invited],
    ['participants', 'joined', report.participants.joined],
    ['participants', 'profile complete', report.participants.profileComplete],
    ['participants', 'mentors', report.participants.mentors],
    ['participants', 'mentees', report.participants.mentees],
    ['pairs', 'active', report.pairs.active],
    ['pairs', 'ended', report.pairs.ended],
    ...REPORT_END_REASONS.map((reason): ExportRow => [
      'pairs ended by reason',
      words[REASON_KEYS[reason]]!,
      report.pairs.endedByReason[reason]
    ]),
    ['activity', 'sessions held', report.sessionsHeld],
    ...report.sessionsPerPair.map((b): ExportRow => ['pairs by sessions held', b.sessions, b.pairs]),
    ['activity', 'steps done', report.stepsDone],
    ['activity', 'goals reached', report.goalsReached],
    ['activity', 'goals set', report.goalsTotal],
    ['feedback', 'responses', report.feedback.responses],
    ['feedback', 'relationship rating (average of 5)', report.feedback.relationshipAverage ?? ''],
    ['feedback', 'programme rating (average of 5)', report.feedback.programmeAverage ?? ''],
    [`activity`, `people with no activity for ${report.inactiveWeeks} weeks`, report.inactive.length],
    ...report.sessionsByWeek.map((w): ExportRow => ['sessions held by week', w.week, w.sessionsHeld])
  ];
  return rows;
}

/**
 * A spreadsheet opens a cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return) as a formula; a
 * programme's name is the one text a coordinator typed, so it is prefixed with an apostrophe (OWASP "CSV injection").
 */
function cell(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const HEADER = ['section', 'figure', 'value'];

/**
 * The report as CSV (UTF-8 with a byte order mark, so Excel reads accents right); the reasons pairs ended in
 * `language` (the app's, passed as `?lang=`).
 */
export function reportCsv(reports: readonly ProgrammeReport[], language?: string): string {
  const rows = reports.flatMap((report) =>
    reportRows(report, language).map((row) => [report.programmeId, ...row.map(cell)])
  );
  return `\uFEFF${Papa.unparse({ fields: ['programme id', ...HEADER], data: rows }, { newline: '\r\n' })}\r\n`;
}

/** The report as an XLSX workbook: one sheet per programme (named after it), the same rows as the CSV. */
export async function reportXlsx(reports: readonly ProgrammeReport[], language?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MOP';
  const used = new Set<string>();
  for (const report of reports) {
    // Sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook.
    const base =
      report.programmeName
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 28)
        .trim() || 'Programme';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    used.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [
      { header: HEADER[0], width: 26 },
      { header: HEADER[1], width: 40 },
      { header: HEADER[2], width: 30 }
    ];
    sheet.getRow(1).font = { bold: true };
    for (const row of reportRows(report, language)) sheet.addRow(row.map(cell));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
