import Papa from 'papaparse';
import * as v from 'valibot';
import { InvitationRequestSchema, type CsvRowReport, type InvitationRequest } from '@mop/shared';

/** The most rows one upload may hold: a cohort, or a whole organisation's, not a mailing list. */
const MAX_CSV_ROWS = 10_000;

/** A parsed upload: every data row with its problems, and the requests of the rows that have none. */
export interface ParsedInvitationCsv {
  fileProblems: string[];
  rows: (CsvRowReport & { request: InvitationRequest | null })[];
}

const COLUMN_NAMES: Record<string, 'name' | 'email' | 'role' | 'language'> = {
  name: 'name',
  'full name': 'name',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  role: 'role',
  language: 'language',
  lang: 'language'
};

/**
 * Cells a spreadsheet may run as a formula when the file is opened again (CSV injection): `=`, `+`, `-`, `@`, or a
 * tab or carriage return first. Refused rather than escaped, so what is invited is exactly what the file says.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Decodes the upload as UTF-8 (with or without BOM); bytes that are not UTF-8 become U+FFFD and are reported per row. */
export function decodeCsv(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

/**
 * Parses a CSV of people to invite (columns name, email, role and an optional language, in any order, headers in any
 * case; comma, semicolon or tab separated) and reports each row's problems. Duplicate addresses within the file and
 * `known` addresses (members or open invitations of the programme, with why) are problems too.
 */
export function parseInvitationCsv(text: string, known: Map<string, string>): ParsedInvitationCsv {
  const fileProblems: string[] = [];
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const [header, ...data] = parsed.data;
  if (!header)
    return { fileProblems: ['The file is empty: put a header line "name,email,role,language" first.'], rows: [] };
  const columns = header.map(
    (cell) =>
      COLUMN_NAMES[
        cell
          .trim()
          .toLowerCase()
          .replace(/^\ufeff/, '')
      ] ?? null
  );
  for (const needed of ['name', 'email', 'role'] as const)
    if (!columns.includes(needed))
      fileProblems.push(`The header has no "${needed}" column (found: ${header.join(', ')}).`);
  if (data.length > MAX_CSV_ROWS)
    fileProblems.push(`The file has ${data.length} rows; upload at most ${MAX_CSV_ROWS} at a time.`);
  if (fileProblems.length > 0) return { fileProblems, rows: [] };

  // Papa reports errors by data row index (the header being row 0 of `parsed.data`).
  const rowErrors = new Map<number, string[]>();
  for (const error of parsed.errors) {
    if (error.row === undefined || error.row === null) continue;
    const index = error.row - 1;
    rowErrors.set(index, [...(rowErrors.get(index) ?? []), `the line could not be read (${error.message})`]);
  }

  const firstLineOf = new Map<string, number>();
  const rows = data.map((cells, index) => {
    const line = index + 2;
    const cell = (column: 'name' | 'email' | 'role' | 'language') => {
      const at = columns.indexOf(column);
      return at >= 0 ? (cells[at] ?? '') : '';
    };
    const raw = { name: cell('name'), email: cell('email'), role: cell('role'), language: cell('language') };
    const problems = [...(rowErrors.get(index) ?? [])];
    if (cells.length > header.length && cells.slice(header.length).some((extra) => extra.trim() !== ''))
      problems.push(`more cells (${cells.length}) than the header has columns (${header.length})`);
    for (const [column, value] of Object.entries(raw)) {
      if (value.includes('\ufffd'))
        problems.push(`${column} has characters that could not be read: save the file as "CSV UTF-8"`);
      else if (FORMULA_START.test(value))
        problems.push(
          `${column} starts with "${value[0] === '\t' ? 'tab' : value[0]}", which a spreadsheet would run as a formula`
        );
    }
    const candidate = {
      name: raw.name,
      email: raw.email,
      role: raw.role.trim().toLowerCase(),
      ...(raw.language.trim() ? { language: raw.language.trim().toLowerCase() } : {})
    };
    const checked = v.safeParse(InvitationRequestSchema, candidate);
    if (!checked.success)
      for (const issue of checked.issues) {
        const field = issue.path?.map((p) => String(p.key)).join('.');
        problems.push(field && issue.input === undefined ? `${field} is required` : issue.message);
      }
    let request: InvitationRequest | null = null;
    if (checked.success) {
      const email = checked.output.email;
      const first = firstLineOf.get(email);
      if (first !== undefined) problems.push(`the same e-mail as line ${first}`);
      else firstLineOf.set(email, line);
      const why = known.get(email);
      if (why) problems.push(why);
      if (problems.length === 0) request = checked.output;
    }
    return { line, ...raw, problems, request };
  });
  return { fileProblems, rows };
}
