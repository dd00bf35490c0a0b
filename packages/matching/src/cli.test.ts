import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, 'cli.ts');
const example = join(import.meta.dirname, '..', 'examples', 'small-cohort.json');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

describe('the match CLI', () => {
  it('prints the explained assignment of the example cohort as JSON', { timeout: 120_000 }, () => {
    const out = run(example, '--mode', 'stable');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.mode).toBe('stable');
    expect(result.summary.blockingPairs).toBe(0);
    expect(result.pairs.find((p: { mentee: string }) => p.mentee === 'e-ada')).toMatchObject({
      mentor: 'm-grace',
      locked: true
    });
  });
  it('exits with 2 and a clear message on invalid input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'match-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ mentors: [], mentees: [], settings: { lockedPairs: [{ mentee: 'e-1', mentor: 'm-99' }] } })
    );
    const out = run(file);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('locked pair references unknown mentee "e-1"');
    expect(run(example, '--mode', 'best').status).toBe(2);
    expect(run(join(dir, 'missing.json')).stderr).toContain('cannot read');
  }, 120_000);

  it('accepts a cohort file that starts with a UTF-8 byte-order mark (regression)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'match-'));
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${readFileSync(example, 'utf8')}`, 'utf8');
    expect(readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const out = run(file, '--mode', 'greedy');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).mode).toBe('greedy');
  }, 120_000);

  it('reports an oversized cohort in one line, without a stack trace (regression)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'match-'));
    const file = join(dir, 'huge.json');
    // Over the per-side limit of 1,000,000: refused as an input error before anything else is done with the people.
    const mentees = Array.from({ length: 1_000_001 }, (_, k) => ({ id: `e${k}` }));
    writeFileSync(file, JSON.stringify({ mentors: [{ id: 'm', capacity: 1 }], mentees }));
    const out = run(file, '--maximize-matched');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^match: invalid cohort ".*huge\.json": .*at most 1,000,000 mentees\n$/);
  }, 300_000);
});
