import { describe, expect, it } from 'vitest';
import { parsePastedList } from './paste-list';

describe('parsePastedList', () => {
  it('reads the usual shapes of a pasted list and reports the lines it cannot read', () => {
    const { requests, problems } = parsePastedList(
      'Ana Ruiz <Ana@X.example>\nBo Li, bo@x.example\n\ncarla@x.example\nDan\tdan@x.example\nno address here\n',
      'mentee'
    );
    expect(requests).toEqual([
      { name: 'Ana Ruiz', email: 'ana@x.example', role: 'mentee' },
      { name: 'Bo Li', email: 'bo@x.example', role: 'mentee' },
      { name: 'carla', email: 'carla@x.example', role: 'mentee' },
      { name: 'Dan', email: 'dan@x.example', role: 'mentee' }
    ]);
    expect(problems).toEqual([{ line: 6, text: 'no address here' }]);
  });
});
