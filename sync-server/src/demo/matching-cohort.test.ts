import { describe, expect, it } from 'vitest';
import { generateDemoCohort, withArticle } from './matching-cohort.ts';

describe('demo cohort wording', () => {
  it('uses "an" before a vowel and "a" otherwise', () => {
    expect(withArticle('architect')).toBe('an architect');
    expect(withArticle('indie game developer')).toBe('an indie game developer');
    expect(withArticle('musician and composer')).toBe('a musician and composer');
  });

  it('writes no "a" before a vowel in any generated bio', () => {
    const bios = generateDemoCohort().map((person) => person.profile.bio ?? '');
    expect(bios.some((bio) => bio.includes('as an architect'))).toBe(true);
    expect(bios.filter((bio) => /(^|\s)a [aeiou]/i.test(bio))).toEqual([]);
  });
});
