import { describe, expect, it } from 'vitest';
import { csvProblem, parseInvitationCsv } from './csv.ts';

const problemsOf = (csv: string, known = new Map()) =>
  parseInvitationCsv(csv, known).rows.map((row) => row.problems.map(({ code, params }) => ({ code, params })));

describe('invitation list problems', () => {
  it('are codes with the values their sentence needs, never only English text', () => {
    const long = 'x'.repeat(121);
    const rows = problemsOf(
      'name,email,role,language\n' +
        `${long},a@x.example,mentee,\n` +
        'Bad Mail,not-an-address,mentor,\n' +
        ',b@x.example,,\n' +
        'Tab,"\tc@x.example",mentee,\n' +
        'Extra,d@x.example,mentee,en,surplus\n' +
        'Known,known@x.example,mentee,\n' +
        'Again,D@x.example,mentee,\n',
      new Map([['known@x.example', csvProblem('already_invited', {})]])
    );
    expect(rows[0]).toEqual([{ code: 'too_long', params: { column: 'name', max: 120 } }]);
    expect(rows[1]).toEqual([{ code: 'invalid_email', params: {} }]);
    expect(rows[2]).toEqual([
      { code: 'missing', params: { column: 'name' } },
      { code: 'missing', params: { column: 'role' } }
    ]);
    expect(rows[3]).toContainEqual({ code: 'formula', params: { column: 'email', start: 'tab' } });
    expect(rows[4]).toEqual([{ code: 'extra_cells', params: { cells: 5, columns: 4 } }]);
    expect(rows[5]).toEqual([{ code: 'already_invited', params: {} }]);
    expect(rows[6]).toEqual([{ code: 'duplicate', params: { line: 6 } }]);
  });

  it('an empty upload is a file problem', () => {
    expect(parseInvitationCsv('', new Map()).fileProblems).toEqual([csvProblem('empty_file', {})]);
  });
});
