import * as v from 'valibot';
import {
  InvitationRefusalSchema,
  type CsvProblem,
  type CsvProblemCode,
  type CsvProblemParams,
  type InvitationColumn
} from '@mop/shared';
import { ApiRequestError } from '$lib/services/api';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import { programmeRoleLabel } from '$lib/matching/labels';

/** Where the people to invite came from: an uploaded CSV file, or a list pasted into the page. */
export type InviteListSource = 'file' | 'list';

export interface ProblemWording {
  source: InviteListSource;
  /** The line the reader sees for a line of the checked CSV (a pasted list is checked as the CSV it becomes). */
  lineOf?: (csvLine: number) => number;
  locale?: Locale;
}

type Options = { locale?: Locale };
interface FullWording {
  source: InviteListSource;
  lineOf: (csvLine: number) => number;
  locale: Locale | undefined;
}
type Words<C extends CsvProblemCode> = (params: CsvProblemParams[C], wording: FullWording) => string;

const COLUMNS: Record<InvitationColumn, (inputs: Record<string, never>, options: Options) => string> = {
  name: m.cohort_column_name,
  email: m.cohort_column_email,
  role: m.cohort_column_role,
  language: m.cohort_column_language
};

const column = (name: InvitationColumn, { locale }: Options) => COLUMNS[name]({}, { locale });

/** A role as the reader says it; a role this app does not know stays as the server wrote it. */
function roleWord(role: string): string {
  return role === 'coordinator' || role === 'mentor' || role === 'mentee' ? programmeRoleLabel(role) : role;
}

/** Each problem's sentence; a Record over the shared codes, so a code the server can send without words fails to compile. */
const WORDS: { [C in CsvProblemCode]: Words<C> } = {
  empty_file: (_, { locale }) => m.cohort_problem_empty_file({}, { locale }),
  missing_column: (p, { locale }) => m.cohort_problem_missing_column({ column: p.column, found: p.found }, { locale }),
  too_many_rows: (p, { source, locale }) =>
    source === 'list' ? m.cohort_problem_too_many_people(p, { locale }) : m.cohort_problem_too_many_rows(p, { locale }),
  unreadable_line: (_, { locale }) => m.cohort_problem_unreadable_line({}, { locale }),
  extra_cells: (p, { locale }) => m.cohort_problem_extra_cells(p, { locale }),
  not_utf8: (p, { source, locale }) =>
    source === 'list'
      ? m.cohort_problem_not_utf8_list({ column: column(p.column, { locale }) }, { locale })
      : m.cohort_problem_not_utf8_file({ column: column(p.column, { locale }) }, { locale }),
  formula: (p, { locale }) =>
    m.cohort_problem_formula(
      {
        column: column(p.column, { locale }),
        start:
          p.start === 'tab'
            ? m.cohort_problem_start_tab({}, { locale })
            : p.start === 'return'
              ? m.cohort_problem_start_return({}, { locale })
              : `“${p.start}”`
      },
      { locale }
    ),
  missing: (p, { source, locale }) =>
    source === 'list' && p.column === 'email'
      ? m.cohort_problem_no_email_in_list({}, { locale })
      : m.cohort_problem_missing({ column: column(p.column, { locale }) }, { locale }),
  too_long: (p, { locale }) =>
    m.cohort_problem_too_long({ column: column(p.column, { locale }), max: p.max }, { locale }),
  control_characters: (p, { locale }) =>
    m.cohort_problem_control_characters({ column: column(p.column, { locale }) }, { locale }),
  invalid_email: (_, { locale }) => m.cohort_problem_invalid_email({}, { locale }),
  unknown_role: (p, { locale }) => m.cohort_problem_unknown_role(p, { locale }),
  unknown_language: (p, { locale }) => m.cohort_problem_unknown_language(p, { locale }),
  invalid_value: (p, { locale }) =>
    m.cohort_problem_invalid_value({ column: column(p.column, { locale }) }, { locale }),
  duplicate: (p, { lineOf, locale }) => m.cohort_problem_duplicate({ line: lineOf(p.line) }, { locale }),
  already_invited: (_, { locale }) => m.cohort_problem_already_invited({}, { locale }),
  already_member: (p, { locale }) => m.cohort_problem_already_member({ role: roleWord(p.role) }, { locale })
};

const isKnownCode = (code: string): code is CsvProblemCode => Object.hasOwn(WORDS, code);

/**
 * One problem of an invitation list in the reader's language, worded for where the list came from (a pasted list
 * never asks to "save the file"). A code this version of the app does not know (a newer server) shows the server's
 * English sentence rather than nothing.
 */
export function describeCsvProblem(problem: CsvProblem, wording: ProblemWording): string {
  if (!isKnownCode(problem.code)) return problem.message;
  const full: FullWording = {
    source: wording.source,
    lineOf: wording.lineOf ?? ((line) => line),
    locale: wording.locale
  };
  return (WORDS[problem.code] as Words<CsvProblemCode>)(problem.params as never, full);
}

/**
 * A refused invitation in the reader's language: the address that cannot be invited (409 `already_invited`) or the
 * list's first line with problems when it is sent (422 `csv_has_problems`), worded like the preview's problems. Null
 * for any other failure, and for a server that sent no codes (the generic error sentence then quotes its English).
 */
export function invitationRefusalMessage(error: unknown, wording: ProblemWording): string | null {
  if (!(error instanceof ApiRequestError)) return null;
  if (error.code !== 'already_invited' && error.code !== 'csv_has_problems') return null;
  const details = v.safeParse(InvitationRefusalSchema, error.details);
  if (!details.success || details.output.problems.length === 0) return null;
  const { email, line, problems } = details.output;
  const { locale } = wording;
  const problem = problems.map((each) => describeCsvProblem(each, wording)).join(' ');
  if (email !== undefined) return m.invitation_refused_address({ email, problem }, { locale });
  if (line !== undefined)
    return m.invitation_refused_line({ line: (wording.lineOf ?? ((n) => n))(line), problem }, { locale });
  return m.invitation_refused({ problem }, { locale });
}

/** The sentence above the preview: all rows ready, or how many have problems and what to do about it. */
export function csvSummary(result: { rows: number; valid: number }, source: InviteListSource, locale?: Locale): string {
  if (result.rows > 0 && result.valid === result.rows)
    return source === 'list'
      ? m.cohort_list_ready({ count: result.valid }, { locale })
      : m.cohort_csv_ready({ count: result.valid }, { locale });
  const counts = { bad: result.rows - result.valid, rows: result.rows };
  if (counts.bad === 1)
    return source === 'list'
      ? m.cohort_list_problems_one({ rows: counts.rows }, { locale })
      : m.cohort_csv_problems_one({ rows: counts.rows }, { locale });
  return source === 'list' ? m.cohort_list_problems(counts, { locale }) : m.cohort_csv_problems(counts, { locale });
}
