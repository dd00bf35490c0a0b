import * as v from 'valibot';
import * as Y from 'yjs';

/**
 * The shape of a matching profile document (`profile:<userId>`, see `profileDocName`), the questionnaire a mentor
 * or mentee fills in, saved offline and synced like every document.
 *
 * ```
 * Y.Doc
 * └─ profile: Y.Map   plain JSON values, one key per field (no nested Y types)
 *      formatVersion: 1
 *      displayName, headline, bio, country (ISO 3166 alpha-2), timeZone (IANA), organisation: string
 *      sectors, languages, goals: string[]             ids from `matching-vocabulary.ts`
 *      skillsOffered (mentors), skillsWanted (mentees): string[]
 *      availability: { day: 0–6 (0 = Monday … 6 = Sunday), start: 'HH:MM', end: 'HH:MM' }[]  in the person's zone
 *      capacity: 1–5 (mentors)   ranking: mentor user ids, best first (mentees, optional)
 *      updatedAt: ISO string     completedAt: ISO string | null (set when the questionnaire is first finished)
 * ```
 *
 * Each field is its own map key, so two devices editing different questions offline merge cleanly; a list is
 * replaced whole (last writer wins for that one question), which is what a questionnaire answer means.
 */
export const PROFILE_KEY = 'profile';
export const PROFILE_FORMAT_VERSION = 1;

const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const Strings = v.fallback(v.array(v.string()), []);
const Text = v.fallback(v.string(), '');

/** A weekly availability block in the person's own time zone; `day` 0 is Monday, 6 is Sunday. */
export const AvailabilitySlotSchema = v.object({
  day: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)),
  start: v.pipe(v.string(), v.regex(HHMM_PATTERN, 'start must be HH:MM')),
  end: v.pipe(v.string(), v.regex(HHMM_PATTERN, 'end must be HH:MM'))
});
export type AvailabilitySlot = v.InferOutput<typeof AvailabilitySlotSchema>;

/**
 * A profile as read from its document. Every field is tolerant: a missing or mistyped value reads as its empty
 * default (so an old or half-written document still reads), and completeness is judged by `isProfileComplete`.
 */
export const MatchingProfileSchema = v.object({
  displayName: Text,
  headline: Text,
  bio: Text,
  sectors: Strings,
  skillsOffered: Strings,
  skillsWanted: Strings,
  goals: Strings,
  languages: Strings,
  country: Text,
  timeZone: Text,
  availability: v.fallback(v.array(AvailabilitySlotSchema), []),
  organisation: Text,
  capacity: v.fallback(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))), null),
  ranking: Strings,
  updatedAt: v.fallback(v.nullable(v.string()), null),
  completedAt: v.fallback(v.nullable(v.string()), null)
});
export type MatchingProfile = v.InferOutput<typeof MatchingProfileSchema>;
/** The fields a questionnaire writes (everything but the timestamps, which `writeProfile` keeps). */
export type MatchingProfilePatch = Partial<Omit<MatchingProfile, 'updatedAt'>>;

export type ProfileRole = 'mentor' | 'mentee';

/**
 * How many preferred mentors the questionnaire lets a mentee rank. Three, not five: the engine's preference points
 * are `(L − r) / L` of the weight, so on a list of five the last choice is worth only a fifth and the list mostly
 * dilutes the first choice; and in `stable` mode every ranked mentor is tried before any better-scoring one, so a
 * long list overrides the profile matching more than a mentee who skimmed 17 profiles on a phone means to. The
 * document itself accepts any length (an older or other client may have written more).
 */
export const MAX_RANKED_MENTORS = 3;

const PROFILE_FIELDS = Object.keys(MatchingProfileSchema.entries) as (keyof MatchingProfile)[];

/**
 * Caps of a profile's answers. The server refuses a profile update over them (docs/sync.md), `writeProfile` keeps
 * the app's own writes within them, and `readProfile` clamps a document stored before they existed, so no profile
 * can slow a matching run (one profile with 60,000 availability blocks once made a run 25–36× slower).
 */
export const PROFILE_LIMITS = {
  /** displayName, headline, organisation, country, timeZone (characters). */
  shortText: 200,
  /** bio (characters). */
  bio: 4000,
  /** Entries of sectors, skillsOffered, skillsWanted, goals and languages. */
  listItems: 40,
  /** Characters of one list entry or ranking id. */
  itemLength: 100,
  /** Weekly availability blocks (one per hour of the week is already more than the grid can make). */
  availabilitySlots: 168,
  /** Ranked mentors kept (the questionnaire asks for `MAX_RANKED_MENTORS`). */
  ranking: 10
} as const;

const SHORT_TEXT_FIELDS = ['displayName', 'headline', 'organisation', 'country', 'timeZone'] as const;
const LIST_FIELDS = ['sectors', 'skillsOffered', 'skillsWanted', 'goals', 'languages'] as const;

function listProblem(key: string, value: unknown, max: number): string | null {
  if (!Array.isArray(value)) return `${key} must be a list`;
  if (value.length > max) return `${key} has ${value.length} entries, at most ${max}`;
  if (value.some((item) => typeof item !== 'string' || item.length > PROFILE_LIMITS.itemLength))
    return `${key}: every entry is text of at most ${PROFILE_LIMITS.itemLength} characters`;
  return null;
}

/**
 * Why one value of a profile document breaks `PROFILE_LIMITS` (or is not a profile field at all), or null. Types
 * are checked only as far as size needs: `readProfile` reads a mistyped answer as empty anyway.
 */
export function profileFieldProblem(key: string, value: unknown): string | null {
  if (key === 'formatVersion') return typeof value === 'number' ? null : 'formatVersion must be a number';
  if ((SHORT_TEXT_FIELDS as readonly string[]).includes(key) || key === 'bio') {
    const max = key === 'bio' ? PROFILE_LIMITS.bio : PROFILE_LIMITS.shortText;
    if (typeof value !== 'string') return `${key} must be text`;
    return value.length > max ? `${key} is at most ${max} characters` : null;
  }
  if ((LIST_FIELDS as readonly string[]).includes(key)) return listProblem(key, value, PROFILE_LIMITS.listItems);
  if (key === 'ranking') return listProblem(key, value, PROFILE_LIMITS.ranking);
  if (key === 'availability') {
    if (!Array.isArray(value)) return 'availability must be a list';
    if (value.length > PROFILE_LIMITS.availabilitySlots)
      return `availability has ${value.length} blocks, at most ${PROFILE_LIMITS.availabilitySlots}`;
    return value.every((slot) => v.is(AvailabilitySlotSchema, slot)) ? null : 'availability: malformed block';
  }
  if (key === 'capacity') return value === null || typeof value === 'number' ? null : 'capacity must be a number';
  if (key === 'updatedAt' || key === 'completedAt')
    return value === null || (typeof value === 'string' && value.length <= 40) ? null : `${key} must be a date`;
  return `${key} is not a profile field`;
}

/** A profile with every answer cut to `PROFILE_LIMITS` (lists keep their first entries). */
export function limitProfile(profile: MatchingProfile): MatchingProfile {
  const limited: MatchingProfile = { ...profile };
  for (const key of SHORT_TEXT_FIELDS) limited[key] = profile[key].slice(0, PROFILE_LIMITS.shortText);
  limited.bio = profile.bio.slice(0, PROFILE_LIMITS.bio);
  for (const key of LIST_FIELDS)
    limited[key] = profile[key]
      .slice(0, PROFILE_LIMITS.listItems)
      .map((item) => item.slice(0, PROFILE_LIMITS.itemLength));
  limited.ranking = profile.ranking.slice(0, PROFILE_LIMITS.ranking);
  limited.availability = profile.availability.slice(0, PROFILE_LIMITS.availabilitySlots);
  return limited;
}

/** The profile map of a document. */
export function profileMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PROFILE_KEY);
}

/** Reads and validates the profile of a document; never throws (bad or missing fields read as empty). */
export function readProfile(doc: Y.Doc): MatchingProfile {
  const map = profileMap(doc);
  const raw: Record<string, unknown> = {};
  for (const key of PROFILE_FIELDS) {
    const value = map.get(key);
    if (value !== undefined) raw[key] = value;
  }
  // Items of a list are validated one by one, so one bad availability block does not drop the others.
  if (Array.isArray(raw.availability))
    raw.availability = raw.availability.filter((slot) => v.is(AvailabilitySlotSchema, slot));
  for (const key of ['sectors', 'skillsOffered', 'skillsWanted', 'goals', 'languages', 'ranking'] as const) {
    const list = raw[key];
    if (Array.isArray(list)) raw[key] = list.filter((item): item is string => typeof item === 'string');
  }
  return limitProfile(v.parse(MatchingProfileSchema, raw));
}

/** A value as `writeProfile` stores it: copied, and cut to `PROFILE_LIMITS` so the server never refuses it. */
function withinLimits(key: string, value: unknown): unknown {
  if (typeof value === 'string') return value.slice(0, key === 'bio' ? PROFILE_LIMITS.bio : PROFILE_LIMITS.shortText);
  if (!Array.isArray(value)) return value;
  const max =
    key === 'availability'
      ? PROFILE_LIMITS.availabilitySlots
      : key === 'ranking'
        ? PROFILE_LIMITS.ranking
        : PROFILE_LIMITS.listItems;
  return value
    .slice(0, max)
    .map((item: unknown) =>
      typeof item === 'object' && item !== null
        ? { ...item }
        : typeof item === 'string'
          ? item.slice(0, PROFILE_LIMITS.itemLength)
          : item
    );
}

/**
 * Writes the given fields in one transaction and stamps `updatedAt`. Only keys present in the patch are touched
 * (undefined values are skipped), so concurrent edits of other questions survive.
 */
export function writeProfile(doc: Y.Doc, patch: MatchingProfilePatch, now: Date = new Date()): void {
  const map = profileMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || !(PROFILE_FIELDS as string[]).includes(key)) continue;
      map.set(key, withinLimits(key, value));
    }
    if (map.get('formatVersion') !== PROFILE_FORMAT_VERSION) map.set('formatVersion', PROFILE_FORMAT_VERSION);
    map.set('updatedAt', now.toISOString());
  });
}

/** Whether a string names a time zone this runtime knows (IANA, e.g. `Europe/Lisbon`). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The questions still unanswered for a role, by field name (empty when complete). Required for both roles:
 * displayName, sectors, languages, country, a valid timeZone and at least one availability block that ends after
 * it starts; mentors also skillsOffered and capacity 1–5; mentees also skillsWanted and goals.
 */
export function missingProfileFields(profile: MatchingProfile, role: ProfileRole): (keyof MatchingProfile)[] {
  const missing: (keyof MatchingProfile)[] = [];
  if (profile.displayName.trim() === '') missing.push('displayName');
  if (profile.sectors.length === 0) missing.push('sectors');
  if (profile.languages.length === 0) missing.push('languages');
  if (profile.country.trim() === '') missing.push('country');
  if (!isValidTimeZone(profile.timeZone)) missing.push('timeZone');
  if (!profile.availability.some((slot) => minutesOf(slot.end) > minutesOf(slot.start))) missing.push('availability');
  if (role === 'mentor') {
    if (profile.skillsOffered.length === 0) missing.push('skillsOffered');
    if (profile.capacity === null) missing.push('capacity');
  } else {
    if (profile.skillsWanted.length === 0) missing.push('skillsWanted');
    if (profile.goals.length === 0) missing.push('goals');
  }
  return missing;
}

/** Whether a profile has every answer matching needs for the role (see `missingProfileFields`). */
export function isProfileComplete(profile: MatchingProfile, role: ProfileRole): boolean {
  return missingProfileFields(profile, role).length === 0;
}

/**
 * The reference week in which local availability is turned into UTC: Monday 2026-01-12 00:00 UTC to the next
 * Monday. It contains the matching engine's default `referenceDate` (2026-01-15T12:00:00Z), so availability and
 * the time-zone criterion use the same (winter) offsets. A week containing a daylight-saving change can be passed
 * instead; each block then uses the offset in force on its own day.
 */
export const REFERENCE_WEEK_START = '2026-01-12T00:00:00Z';
const WEEK_MINUTES = 7 * 24 * 60;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset (minutes, east positive) of a zone at an instant, read with Intl (DST-aware). */
export function zoneOffsetMinutes(timeZone: string, instantMs: number): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(instantMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The UTC instant of a wall-clock time in a zone. The offset is taken at the first guess and checked again at the
 * result, which is right on both sides of a DST change; a time skipped by a spring-forward gap maps to the instant
 * an hour later, like a clock would.
 */
function localToUtcMs(wallClockAsUtcMs: number, timeZone: string): number {
  const first = wallClockAsUtcMs - zoneOffsetMinutes(timeZone, wallClockAsUtcMs) * 60_000;
  const second = wallClockAsUtcMs - zoneOffsetMinutes(timeZone, first) * 60_000;
  return second;
}

/** A block in UTC minutes of the week (0 = Monday 00:00 UTC), the engine's `{ utcStartMinute, utcEndMinute }`. */
export interface UtcBlock {
  utcStartMinute: number;
  utcEndMinute: number;
}

/**
 * Turns local weekly availability into UTC minutes of the reference week (Monday 00:00 UTC = 0). Each block is
 * placed on its day of the reference week and converted with the zone's offset at that moment; a block that wraps
 * past the week's end is split in two. Blocks that end before they start are dropped.
 */
export function availabilityToUtc(
  slots: readonly AvailabilitySlot[],
  timeZone: string,
  referenceWeekStart: string = REFERENCE_WEEK_START
): UtcBlock[] {
  const weekStartMs = Date.parse(referenceWeekStart);
  const blocks: UtcBlock[] = [];
  for (const slot of slots) {
    const start = minutesOf(slot.start);
    const end = minutesOf(slot.end);
    if (end <= start) continue;
    const dayMs = weekStartMs + slot.day * 86_400_000;
    const startUtc = Math.round((localToUtcMs(dayMs + start * 60_000, timeZone) - weekStartMs) / 60_000);
    const endUtc = Math.round((localToUtcMs(dayMs + end * 60_000, timeZone) - weekStartMs) / 60_000);
    const shift = Math.floor(startUtc / WEEK_MINUTES) * WEEK_MINUTES;
    const s = startUtc - shift;
    const e = endUtc - shift;
    if (e <= s) continue;
    if (e > WEEK_MINUTES)
      blocks.push(
        { utcStartMinute: s, utcEndMinute: WEEK_MINUTES },
        { utcStartMinute: 0, utcEndMinute: e - WEEK_MINUTES }
      );
    else blocks.push({ utcStartMinute: s, utcEndMinute: e });
  }
  return blocks;
}
