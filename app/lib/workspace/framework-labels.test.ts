import { describe, expect, it } from 'vitest';
import { MENTRA_PHASES } from '@mop/shared';
import { phaseTitle, stepTitle, TRANSLATED } from './framework-labels';

describe('framework labels', () => {
  it('has words for every MENTRA phase and step, and nothing else', () => {
    expect([...TRANSLATED.phases].sort()).toEqual(MENTRA_PHASES.map((phase) => phase.id).sort());
    expect([...TRANSLATED.steps].sort()).toEqual(MENTRA_PHASES.flatMap((phase) => phase.steps.map((s) => s.id)).sort());
  });

  it('says the English title in English, and the framework title for an id it does not know', () => {
    for (const phase of MENTRA_PHASES) {
      expect(phaseTitle(phase)).toBe(phase.title);
      for (const step of phase.steps) expect(stepTitle(step)).toBe(step.title);
    }
    expect(phaseTitle({ id: 'from-a-newer-server', title: 'A new phase' })).toBe('A new phase');
  });
});
