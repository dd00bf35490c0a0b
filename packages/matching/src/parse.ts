import * as v from 'valibot';
import { MatchingInputError } from './errors.ts';
import {
  CohortSchema,
  DAYS,
  MAX_PEOPLE_PER_SIDE,
  SettingsSchema,
  tooMany,
  type Cohort,
  type Mentee,
  type Mentor
} from './schema.ts';

/**
 * Validates a parsed JSON value against the cohort format and fills in defaults.
 * @throws MatchingInputError naming the first offending field, e.g. `mentors.2.capacity: capacity must be at most 5`.
 */
export function parseCohort(input: unknown): Cohort {
  // The size limit first, so an oversized cohort is refused at once rather than after validating a million people.
  if (typeof input === 'object' && input !== null) {
    for (const role of ['mentors', 'mentees'] as const) {
      const people = (input as Record<string, unknown>)[role];
      if (Array.isArray(people) && people.length > MAX_PEOPLE_PER_SIDE)
        throw new MatchingInputError(`${role}: ${tooMany(role)}`, role);
    }
  }
  // Most cohorts are valid: checked by plain loops first; only a cohort those do not accept goes through valibot,
  // which then names the problem.
  const fast = fastParseCohort(input);
  if (fast !== null) return fast;
  const result = v.safeParse(CohortSchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '';
  throw new MatchingInputError(path ? `${path}: ${issue.message}` : issue.message, path || undefined);
}

/**
 * A fast path for valid cohorts: checks a cohort against exactly the rules of `CohortSchema` (schema.ts) with plain
 * loops, and builds the same output valibot would (the same keys, defaults filled in, fresh arrays and objects). It
 * answers only "valid, here is the output" or "not sure" (null): on null, {@link parseCohort} runs valibot, so every
 * error message comes from the schema, as before. Settings (a few small objects, plus the pair lists) still go through
 * valibot; the people — 12,000 objects with about 20 fields each at 10,000 × 2,000 — are what this saves, about a
 * third of the cost of validating a large cohort, and most of the garbage it left behind.
 *
 * It must never accept what the schema refuses, nor give a different output: `fast-parse.test.ts` compares both on
 * random valid cohorts and on mutations of them (wrong types, unknown keys, limits ±1, holes, prototypes).
 */
export function fastParseCohort(input: unknown): Cohort | null {
  if (!isPlainObject(input)) return null;
  for (const key in input)
    if (key !== 'version' && key !== 'settings' && key !== 'mentors' && key !== 'mentees') return null;
  if ('version' in input && input.version !== undefined && input.version !== 1) return null;
  const settingsInput = 'settings' in input ? input.settings : undefined;
  const settings = v.safeParse(SettingsSchema, settingsInput === undefined ? {} : settingsInput);
  if (!settings.success) return null;
  const mentorsInput = input.mentors;
  const menteesInput = input.mentees;
  if (!Array.isArray(mentorsInput) || mentorsInput.length > MAX_PEOPLE_PER_SIDE) return null;
  if (!Array.isArray(menteesInput) || menteesInput.length > MAX_PEOPLE_PER_SIDE) return null;
  const mentors: Mentor[] = new Array(mentorsInput.length);
  for (let k = 0; k < mentorsInput.length; k++) {
    const p = person(mentorsInput[k], 'capacity') as (Mentor & { capacity?: unknown }) | null;
    if (p === null) return null;
    const capacity = (mentorsInput[k] as Record<string, unknown>).capacity;
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0 || capacity > 5) return null;
    p.capacity = capacity;
    mentors[k] = p;
  }
  const mentees: Mentee[] = new Array(menteesInput.length);
  for (let k = 0; k < menteesInput.length; k++) {
    const p = person(menteesInput[k], 'ranking') as (Mentee & { ranking?: unknown }) | null;
    if (p === null) return null;
    const ranking = (menteesInput[k] as Record<string, unknown>).ranking;
    if (ranking === undefined) p.ranking = [];
    else {
      if (!Array.isArray(ranking) || ranking.length > 1000) return null;
      for (let q = 0; q < ranking.length; q++) if (!isId(ranking[q])) return null;
      p.ranking = ranking.slice() as string[];
    }
    mentees[k] = p;
  }
  return { version: 1, settings: settings.output, mentors, mentees };
}

/** Only plain objects (as JSON.parse makes them): anything else is left to valibot. */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

const PERSON_KEYS = new Set([
  'id',
  'name',
  'sectors',
  'skills',
  'goals',
  'languages',
  'country',
  'timeZone',
  'availability',
  'organisation'
]);

const isId = (x: unknown): x is string => typeof x === 'string' && x.length >= 1 && x.length <= 200;

/** A tag list: undefined (→ []) or an array of non-empty strings, copied; null when invalid. */
function tags(x: unknown): string[] | null {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return null;
  for (let q = 0; q < x.length; q++) {
    const t: unknown = x[q];
    if (typeof t !== 'string' || t.length < 1) return null;
  }
  return x.slice() as string[];
}

const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;
const isUtcMinute = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 10080;

/** An availability list: undefined (→ []) or blocks of either shape, copied; null when invalid. */
function availability(x: unknown): Array<Record<string, unknown>> | null {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return null;
  const out: Array<Record<string, unknown>> = new Array(x.length);
  for (let q = 0; q < x.length; q++) {
    const block: unknown = x[q];
    if (!isPlainObject(block)) return null;
    let keys = 0;
    for (const key in block) {
      keys++;
      if (key !== 'day' && key !== 'start' && key !== 'end' && key !== 'utcStartMinute' && key !== 'utcEndMinute')
        return null;
    }
    if ('day' in block) {
      // The schema's first option, {day, start, end}, all required, nothing else.
      const { day, start, end } = block;
      if (keys !== 3 || !('start' in block) || !('end' in block)) return null;
      if (!(DAYS as readonly unknown[]).includes(day)) return null;
      if (typeof start !== 'string' || !HHMM.test(start) || typeof end !== 'string' || !HHMM.test(end)) return null;
      out[q] = { day, start, end };
    } else {
      const { utcStartMinute, utcEndMinute } = block;
      if (keys !== 2 || !('utcStartMinute' in block) || !('utcEndMinute' in block)) return null;
      if (!isUtcMinute(utcStartMinute) || !isUtcMinute(utcEndMinute)) return null;
      out[q] = { utcStartMinute, utcEndMinute };
    }
  }
  return out;
}

/**
 * The fields every person has, in the schema's order, with its defaults; `extra` is the one more key the role allows
 * (checked by the caller). Null when invalid.
 */
function person(x: unknown, extra: string): Record<string, unknown> | null {
  if (!isPlainObject(x)) return null;
  for (const key in x) if (!PERSON_KEYS.has(key) && key !== extra) return null;
  if (extra === 'capacity' && !('capacity' in x)) return null;
  const out: Record<string, unknown> = {};
  if (!isId(x.id)) return null;
  out.id = x.id;
  if ('name' in x) {
    if (x.name !== undefined && typeof x.name !== 'string') return null;
    out.name = x.name;
  }
  const sectors = tags(x.sectors);
  const skills = tags(x.skills);
  const goals = tags(x.goals);
  const languages = tags(x.languages);
  if (sectors === null || skills === null || goals === null || languages === null) return null;
  out.sectors = sectors;
  out.skills = skills;
  out.goals = goals;
  out.languages = languages;
  if ('country' in x) {
    if (x.country !== undefined && typeof x.country !== 'string') return null;
    out.country = x.country;
  }
  const timeZone = x.timeZone === undefined ? 'UTC' : x.timeZone;
  if (typeof timeZone !== 'string' || timeZone.length < 1) return null;
  out.timeZone = timeZone;
  const blocks = availability(x.availability);
  if (blocks === null) return null;
  out.availability = blocks;
  if ('organisation' in x) {
    if (x.organisation !== undefined && typeof x.organisation !== 'string') return null;
    out.organisation = x.organisation;
  }
  return out;
}
