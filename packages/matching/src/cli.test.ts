import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, 'cli.ts');
const example = join(import.meta.dirname, '..', 'examples', 'small-cohort.json');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

describe('the match CLI', () => {
  it('prints the explained assignment of the example cohort as JSON', () => {
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
  });
});
