import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import example from '../examples/small-cohort.json' with { type: 'json' };
import { fastParseCohort, parseCohort } from './parse.ts';
import { CohortSchema, type CohortInput } from './schema.ts';
import { cohortArbitrary } from './test-cohorts.ts';

/** Every key path of a value, in insertion order, so that two outputs can be compared key order included. */
function shape(x: unknown, at = ''): string[] {
  if (typeof x !== 'object' || x === null) return [];
  return Object.keys(x).flatMap((k) => [`${at}.${k}`, ...shape((x as Record<string, unknown>)[k], `${at}.${k}`)]);
}

/** The fast path either declines or gives exactly valibot's output (values, undefined keys and key order). */
function expectSameAsSchema(input: unknown): boolean {
  const fast = fastParseCohort(input);
  const reference = v.safeParse(CohortSchema, input);
  if (fast === null) return false;
  expect(reference.success).toBe(true);
  expect(fast).toStrictEqual(reference.output);
  expect(shape(fast)).toEqual(shape(reference.output));
  return true;
}

/** A cohort with every optional field of a person in use, both availability shapes and explicit undefineds. */
const full: CohortInput = {
  version: 1,
  settings: {
    weights: { skills: 1000 },
    rules: { minOverlapMinutes: 60 },
    previousPairs: [{ mentee: 'e1', mentor: 'r1' }]
  },
  mentors: [
    {
      id: 'r1',
      name: 'Ada',
      country: 'IT',
      organisation: 'org',
      timeZone: 'Europe/Rome',
      sectors: ['music'],
      skills: ['audio', 'ux'],
      goals: [],
      languages: ['it', 'en'],
      availability: [
        { day: 'mon', start: '00:00', end: '24:00' },
        { utcStartMinute: 0, utcEndMinute: 10080 }
      ],
      capacity: 5
    },
    { id: 'r2', capacity: 0, name: undefined, timeZone: undefined }
  ],
  mentees: [
    { id: 'e1', ranking: ['r2', 'r1'], availability: [{ day: 'sun', start: '23:59', end: '24:00' }] },
    { id: 'e2'.padEnd(200, 'x'), ranking: undefined, organisation: undefined, skills: undefined }
  ]
};

describe('fastParseCohort', () => {
  it('gives valibot’s output on valid cohorts (every optional field, both block shapes, random cohorts)', () => {
    expect(expectSameAsSchema(full)).toBe(true);
    expect(expectSameAsSchema(example)).toBe(true);
    expect(expectSameAsSchema({ mentors: [], mentees: [] })).toBe(true);
    fc.assert(
      fc.property(cohortArbitrary({ maxMentees: 6, maxMentors: 4, maxCapacity: 3 }), (cohort) => {
        expect(expectSameAsSchema(cohort)).toBe(true);
      }),
      { numRuns: 100 }
    );
  });

  it('never accepts what the schema refuses, nor gives another output, on mutated cohorts', () => {
    const values: unknown[] = [
      undefined,
      null,
      '',
      'x',
      'mon',
      'fri',
      '24:00',
      '24:01',
      '9:00',
      '23:60',
      'x'.repeat(201),
      -1,
      0,
      1,
      1.5,
      5,
      6,
      10080,
      10081,
      Number.NaN,
      Infinity,
      true,
      [],
      [''],
      ['a'],
      [undefined],
      {},
      { day: 'mon', start: '10:00', end: '12:00' },
      { utcStartMinute: 1, utcEndMinute: 2 },
      { day: 'mon', start: '10:00', end: '12:00', utcStartMinute: 1 },
      Object.create({ id: 'inherited' }) as unknown
    ];
    const paths = (x: unknown, at: Array<string | number> = []): Array<Array<string | number>> => {
      if (typeof x !== 'object' || x === null) return [];
      return Object.keys(x).flatMap((k) => {
        const key = Array.isArray(x) ? Number(k) : k;
        return [[...at, key], ...paths((x as Record<string, unknown>)[k], [...at, key])];
      });
    };
    const all = paths(full);
    const mutation = fc.record({
      path: fc.constantFrom(...all),
      kind: fc.constantFrom('set', 'delete', 'unknown key', 'hole'),
      value: fc.constantFrom(...values)
    });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const cohort = structuredClone(full) as unknown as Record<string, unknown>;
        for (const { path, kind, value } of mutations) {
          let parent: unknown = cohort;
          for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
          if (typeof parent !== 'object' || parent === null) continue;
          const target = parent as Record<string | number, unknown>;
          const last = path[path.length - 1]!;
          if (kind === 'set') target[last] = value;
          else if (kind === 'delete') delete target[last];
          else if (kind === 'unknown key') {
            const child = target[last];
            if (typeof child === 'object' && child !== null) (child as Record<string, unknown>).extra = value;
            else target.extra = value;
          } else if (Array.isArray(target[last])) (target[last] as unknown[]).length += 2;
        }
        if (expectSameAsSchema(cohort)) accepted++;
        else refused++;
      }),
      { numRuns: 600 }
    );
    // Both sides of the question were asked.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('leaves the error messages to the schema', () => {
    const bad = structuredClone(full) as unknown as { mentors: Array<Record<string, unknown>> };
    bad.mentors[1]!.capacity = 6;
    expect(fastParseCohort(bad)).toBeNull();
    expect(() => parseCohort(bad)).toThrow('mentors.1.capacity: capacity must be at most 5');
    const block = structuredClone(full) as unknown as { mentees: Array<{ availability: unknown[] }> };
    block.mentees[0]!.availability[0] = { day: 'mon', start: '10:00', end: '25:00' };
    expect(fastParseCohort(block)).toBeNull();
    expect(() => parseCohort(block)).toThrow('mentees.0.availability.0.end: time must be "HH:MM" (00:00–24:00)');
  });
});
