import { describe, expect, it } from 'vitest';
import { pastedListToCsv, readPastedList } from './paste-list';

describe('pasted invitation lists', () => {
  it('reads the usual shapes of a pasted list; a line without an address is kept for the preview to report', () => {
    expect(
      readPastedList(
        'Ana Ruiz <Ana@X.example>\nBo Li, bo@x.example\n\ncarla@x.example\nDan\tdan@x.example\nno address here\n'
      )
    ).toEqual([
      { line: 1, name: 'Ana Ruiz', email: 'Ana@X.example' },
      { line: 2, name: 'Bo Li', email: 'bo@x.example' },
      { line: 4, name: 'carla', email: 'carla@x.example' },
      { line: 5, name: 'Dan', email: 'dan@x.example' },
      { line: 6, name: 'no address here', email: '' }
    ]);
  });

  it('becomes the CSV of the upload, quoted, with the pasted line of each CSV row', () => {
    const { csv, rows, lineOf } = pastedListToCsv('\nZoë "Z" Ruiz <zoe@x.example>\n=cmd|x, evil@x.example', 'mentor');
    expect(rows).toBe(2);
    expect(csv).toBe(
      'name,email,role\n"Zoë ""Z"" Ruiz","zoe@x.example","mentor"\n"=cmd|x","evil@x.example","mentor"\n'
    );
    expect([lineOf(2), lineOf(3)]).toEqual([2, 3]);
  });
});
