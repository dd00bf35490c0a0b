import Papa from 'papaparse';
import * as v from 'valibot';
import {
  InvitationRequestSchema,
  type CsvProblem,
  type CsvProblemCode,
  type CsvProblemParams,
  type CsvRowReport,
  type InvitationColumn,
  type InvitationRequest
} from '@mop/shared';

/** The most rows one upload may hold: a cohort, or a whole organisation's, not a mailing list. */
const MAX_CSV_ROWS = 10_000;

/** A parsed upload: every data row with its problems, and the requests of the rows that have none. */
export interface ParsedInvitationCsv {
  fileProblems: CsvProblem[];
  rows: (CsvRowReport & { request: InvitationRequest | null })[];
}

/** Each problem's sentence in English: the `message` of the wire format, for logs and API users. */
const ENGLISH: { [C in CsvProblemCode]: (params: CsvProblemParams[C]) => string } = {
  empty_file: () => 'The file is empty: put a header line "name,email,role,language" first.',
  missing_column: ({ column, found }) => `The header has no "${column}" column (found: ${found}).`,
  too_many_rows: ({ rows, max }) => `The file has ${rows} rows; upload at most ${max} at a time.`,
  unreadable_line: () => 'the line could not be read (a quotation mark is not closed)',
  extra_cells: ({ cells, columns }) => `more cells (${cells}) than the header has columns (${columns})`,
  not_utf8: ({ column }) => `${column} has characters that could not be read: save the file as "CSV UTF-8"`,
  formula: ({ column, start }) => `${column} starts with "${start}", which a spreadsheet would run as a formula`,
  missing: ({ column }) => `${column} is required`,
  too_long: ({ column, max }) => `${column} is at most ${max} characters`,
  control_characters: ({ column }) => `${column} must not contain control characters`,
  invalid_email: () => 'email is not a valid address',
  unknown_role: ({ value }) => `role "${value}" must be coordinator, mentor or mentee`,
  unknown_language: ({ value }) => `language "${value}" must be en, it or es`,
  invalid_value: ({ column }) => `${column} is not valid`,
  duplicate: ({ line }) => `the same e-mail as line ${line}`,
  already_invited: () => 'already invited to this programme (resend or revoke that invitation)',
  already_member: ({ role }) => `already a ${role} in this programme`
};

/** A problem of an invitation list as the wire format carries it: code, values and the English sentence. */
export function csvProblem<C extends CsvProblemCode>(code: C, params: CsvProblemParams[C]): CsvProblem {
  return { code, params, message: ENGLISH[code](params) };
}

const COLUMN_NAMES: Record<string, InvitationColumn> = {
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

/** The row's problem for one valibot issue of `InvitationRequestSchema` (the field's value as the schema saw it). */
function issueProblem(issue: v.BaseIssue<unknown>): CsvProblem {
  const column = String(issue.path?.[0]?.key ?? '') as InvitationColumn;
  const value = typeof issue.input === 'string' ? issue.input.trim() : '';
  if (issue.input === undefined || value === '') return csvProblem('missing', { column });
  if (issue.type === 'max_length') return csvProblem('too_long', { column, max: Number(issue.requirement) });
  if (column === 'email') return csvProblem('invalid_email', {});
  if (column === 'role') return csvProblem('unknown_role', { value });
  if (column === 'language') return csvProblem('unknown_language', { value });
  if (issue.type === 'regex') return csvProblem('control_characters', { column });
  return { ...csvProblem('invalid_value', { column }), message: issue.message };
}

/**
 * Parses a CSV of people to invite (columns name, email, role and an optional language, in any order, headers in any
 * case; comma, semicolon or tab separated) and reports each row's problems. Duplicate addresses within the file and
 * `known` addresses (members or open invitations of the programme, with why) are problems too.
 */
export function parseInvitationCsv(text: string, known: Map<string, CsvProblem>): ParsedInvitationCsv {
  const fileProblems: CsvProblem[] = [];
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const [header, ...data] = parsed.data;
  if (!header) return { fileProblems: [csvProblem('empty_file', {})], rows: [] };
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
      fileProblems.push(csvProblem('missing_column', { column: needed, found: header.join(', ') }));
  if (data.length > MAX_CSV_ROWS)
    fileProblems.push(csvProblem('too_many_rows', { rows: data.length, max: MAX_CSV_ROWS }));
  if (fileProblems.length > 0) return { fileProblems, rows: [] };

  // Papa reports errors by data row index (the header being row 0 of `parsed.data`).
  const unreadable = new Set<number>();
  for (const error of parsed.errors) if (error.row !== undefined && error.row !== null) unreadable.add(error.row - 1);

  const firstLineOf = new Map<string, number>();
  const rows = data.map((cells, index) => {
    const line = index + 2;
    const cell = (column: InvitationColumn) => {
      const at = columns.indexOf(column);
      return at >= 0 ? (cells[at] ?? '') : '';
    };
    const raw = { name: cell('name'), email: cell('email'), role: cell('role'), language: cell('language') };
    const problems: CsvProblem[] = unreadable.has(index) ? [csvProblem('unreadable_line', {})] : [];
    if (cells.length > header.length && cells.slice(header.length).some((extra) => extra.trim() !== ''))
      problems.push(csvProblem('extra_cells', { cells: cells.length, columns: header.length }));
    for (const [column, value] of Object.entries(raw) as [InvitationColumn, string][]) {
      if (value.includes('\ufffd')) problems.push(csvProblem('not_utf8', { column }));
      else if (FORMULA_START.test(value))
        problems.push(
          csvProblem('formula', {
            column,
            start: value[0] === '\t' ? 'tab' : value[0] === '\r' ? 'return' : (value[0] ?? '')
          })
        );
    }
    const candidate = {
      name: raw.name,
      email: raw.email,
      role: raw.role.trim().toLowerCase(),
      ...(raw.language.trim() ? { language: raw.language.trim().toLowerCase() } : {})
    };
    const checked = v.safeParse(InvitationRequestSchema, candidate);
    if (!checked.success) problems.push(...checked.issues.map(issueProblem));
    let request: InvitationRequest | null = null;
    if (checked.success) {
      const email = checked.output.email;
      const first = firstLineOf.get(email);
      if (first !== undefined) problems.push(csvProblem('duplicate', { line: first }));
      else firstLineOf.set(email, line);
      const why = known.get(email);
      if (why) problems.push(why);
      if (problems.length === 0) request = checked.output;
    }
    return { line, ...raw, problems, request };
  });
  return { fileProblems, rows };
}
