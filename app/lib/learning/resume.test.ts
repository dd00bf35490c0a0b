import { describe, expect, it } from 'vitest';
import { resumeDecision } from './resume';

describe('resumeDecision', () => {
  it('joins a 206 that continues exactly where the held bytes end', () => {
    expect(resumeDecision(206, 'bytes 800000-2499999/2500000', 800_000, 2_500_000)).toBe('append');
    expect(resumeDecision(206, 'bytes 10-19/*', 10, 20)).toBe('append');
  });

  it('starts again on a 200, whatever is held (the file changed or ranges are not served)', () => {
    expect(resumeDecision(200, null, 800_000, 2_500_000)).toBe('restart');
    expect(resumeDecision(200, null, 0, 2_500_000)).toBe('restart');
  });

  it('refuses a 206 for another range, another length, or without a usable Content-Range', () => {
    expect(resumeDecision(206, 'bytes 0-2499999/2500000', 800_000, 2_500_000)).toBe('refuse');
    expect(resumeDecision(206, 'bytes 800000-999999/2500000', 800_000, 2_500_000)).toBe('refuse');
    expect(resumeDecision(206, 'bytes 800000-2499999/3000000', 800_000, 2_500_000)).toBe('refuse');
    expect(resumeDecision(206, null, 800_000, 2_500_000)).toBe('refuse');
    expect(resumeDecision(206, 'bytes */2500000', 800_000, 2_500_000)).toBe('refuse');
  });

  it('accepts a 206 of the whole file when nothing is held', () => {
    expect(resumeDecision(206, 'bytes 0-99/100', 0, 100)).toBe('append');
  });

  it('refuses any other status', () => {
    expect(resumeDecision(416, 'bytes */100', 50, 100)).toBe('refuse');
  });
});
