import { describe, expect, it } from 'vitest';
import type { CsvProblem } from '@mop/shared';
import { ApiRequestError } from '$lib/services/api';
import { csvSummary, describeCsvProblem, invitationRefusalMessage } from './csv-problems';

const problem = (code: string, params: CsvProblem['params'] = {}): CsvProblem => ({
  code,
  params,
  message: `English from the server: ${code}`
});

describe('invitation list problems in the reader’s language', () => {
  it('words each code from its values in en, it and es — never the server’s English', () => {
    const duplicate = problem('duplicate', { line: 3 });
    expect(describeCsvProblem(duplicate, { source: 'file', locale: 'en' })).toBe('The same e-mail as line 3.');
    expect(describeCsvProblem(duplicate, { source: 'file', locale: 'it' })).toBe('Stessa e-mail della riga 3.');
    expect(describeCsvProblem(duplicate, { source: 'file', locale: 'es' })).toBe('El mismo correo que la línea 3.');
    const tooLong = problem('too_long', { column: 'name', max: 120 });
    expect(describeCsvProblem(tooLong, { source: 'file', locale: 'it' })).toBe(
      'Il campo «nome» supera i 120 caratteri.'
    );
    expect(
      describeCsvProblem(problem('formula', { column: 'email', start: 'tab' }), { source: 'file', locale: 'es' })
    ).toBe('El campo «correo electrónico» empieza con un tabulador, que una hoja de cálculo ejecutaría como fórmula.');
  });

  it('speaks of the pasted list, with its own line numbers, when the people were pasted', () => {
    const lineOf = (csvLine: number) => csvLine + 5;
    expect(describeCsvProblem(problem('duplicate', { line: 3 }), { source: 'list', lineOf, locale: 'en' })).toBe(
      'The same e-mail as line 8.'
    );
    const noAddress = problem('missing', { column: 'email' });
    expect(describeCsvProblem(noAddress, { source: 'list', locale: 'en' })).toBe('No e-mail address on this line.');
    expect(describeCsvProblem(noAddress, { source: 'file', locale: 'en' })).toBe('The e-mail is missing.');
    const unreadable = problem('not_utf8', { column: 'name' });
    expect(describeCsvProblem(unreadable, { source: 'file', locale: 'en' })).toMatch(/save the file/);
    expect(describeCsvProblem(unreadable, { source: 'list', locale: 'en' })).not.toMatch(/file/);
    const tooMany = problem('too_many_rows', { rows: 10_001, max: 10_000 });
    expect(describeCsvProblem(tooMany, { source: 'list', locale: 'en' })).toMatch(/^The list has 10001 people/);
    for (const locale of ['en', 'it', 'es'] as const) {
      const summary = csvSummary({ rows: 4, valid: 2 }, 'list', locale);
      expect(summary).not.toMatch(/file|archivo/);
      expect(summary).toContain('2');
    }
    expect(csvSummary({ rows: 4, valid: 2 }, 'file', 'en')).toMatch(/Fix the file/);
    // One line with a problem is singular in every language (it was "1 righe su 3 … hanno problemi").
    expect(csvSummary({ rows: 3, valid: 2 }, 'list', 'it')).toMatch(/^1 riga su 3 dell'elenco ha problemi/);
    expect(csvSummary({ rows: 3, valid: 2 }, 'file', 'es')).toMatch(/^1 de 3 filas tiene problemas/);
    expect(csvSummary({ rows: 3, valid: 2 }, 'list', 'en')).toMatch(/^1 of 3 lines of the list has problems/);
  });

  it('shows the server’s English only for a code this app does not know yet', () => {
    expect(describeCsvProblem(problem('from_a_newer_server'), { source: 'file', locale: 'it' })).toBe(
      'English from the server: from_a_newer_server'
    );
  });
});

describe('a refused invitation in the reader’s language', () => {
  const refusal = (status: number, code: string, details: unknown) =>
    new ApiRequestError(status, code, `Nothing was sent: English from the server`, details);

  it('names the address that cannot be invited (409), with no English inside', () => {
    const error = refusal(409, 'already_invited', {
      email: 'ana@example.org',
      problems: [problem('already_member', { role: 'mentor' })]
    });
    expect(invitationRefusalMessage(error, { source: 'list', locale: 'it' })).toBe(
      'Non è stato inviato nulla: ana@example.org: Partecipa già a questo programma (come Mentor).'
    );
    const invited = refusal(409, 'already_invited', {
      email: 'ana@example.org',
      problems: [problem('already_invited')]
    });
    expect(invitationRefusalMessage(invited, { source: 'list', locale: 'es' })).not.toMatch(/English|already/);
  });

  it('names the line of a list that changed since its preview (422), as the reader numbers it', () => {
    const error = refusal(422, 'csv_has_problems', { line: 4, problems: [problem('duplicate', { line: 3 })] });
    expect(invitationRefusalMessage(error, { source: 'file', locale: 'es' })).toBe(
      'No se ha enviado nada: línea 4: El mismo correo que la línea 3.'
    );
    expect(invitationRefusalMessage(error, { source: 'list', lineOf: (line) => line - 1, locale: 'en' })).toBe(
      'Nothing was sent: line 3: The same e-mail as line 2.'
    );
    const file = refusal(422, 'csv_has_problems', { problems: [problem('empty_file')] });
    expect(invitationRefusalMessage(file, { source: 'file', locale: 'it' })).toMatch(/^Non è stato inviato nulla: /);
  });

  it('leaves other failures, and refusals from a server that sent no codes, to the generic sentence', () => {
    expect(invitationRefusalMessage(refusal(409, 'already_invited', undefined), { source: 'list' })).toBeNull();
    expect(invitationRefusalMessage(refusal(403, 'forbidden', undefined), { source: 'list' })).toBeNull();
    expect(invitationRefusalMessage(new Error('x'), { source: 'list' })).toBeNull();
  });
});
