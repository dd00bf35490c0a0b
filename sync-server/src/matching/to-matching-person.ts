import type { CohortInput } from '@mop/matching';
import { availabilityToUtc, isValidTimeZone, limitProfile, type MatchingProfile, type ProfileRole } from '@mop/shared';

// The profile → cohort conversion lives here, on the server that runs the engine, so that @mop/shared (the wire)
// does not depend on @mop/matching.

export type MatchingMentorInput = CohortInput['mentors'][number];
export type MatchingMenteeInput = CohortInput['mentees'][number];

/** Options of `toMatchingPerson`. */
export interface ToMatchingPersonOptions {
  /** Overrides the profile's capacity (e.g. capacity minus mentees the mentor already has). */
  capacity?: number;
  /** Only ranking entries in this set are kept (the engine rejects unknown mentor ids in a ranking). */
  knownMentorIds?: ReadonlySet<string>;
  /** See `REFERENCE_WEEK_START` in `@mop/shared`. */
  referenceWeekStart?: string;
}

/**
 * Converts a profile into the `@mop/matching` cohort format: skills offered (mentor) or wanted (mentee) become
 * `skills`, availability is converted to UTC blocks of the reference week. The profile should be complete; it is cut
 * to `PROFILE_LIMITS` first.
 */
export function toMatchingPerson(
  id: string,
  profile: MatchingProfile,
  role: 'mentor',
  options?: ToMatchingPersonOptions
): MatchingMentorInput;
export function toMatchingPerson(
  id: string,
  profile: MatchingProfile,
  role: 'mentee',
  options?: ToMatchingPersonOptions
): MatchingMenteeInput;
export function toMatchingPerson(
  id: string,
  given: MatchingProfile,
  role: ProfileRole,
  options: ToMatchingPersonOptions = {}
): MatchingMentorInput | MatchingMenteeInput {
  // The sync server refuses oversized profiles, but a profile may have been stored before it did (or be built by
  // other code): cut it to the caps here too, so one person cannot slow the whole run.
  const profile = limitProfile(given);
  const timeZone = isValidTimeZone(profile.timeZone) ? profile.timeZone : 'UTC';
  const common = {
    id,
    name: profile.displayName,
    sectors: [...profile.sectors],
    goals: [...profile.goals],
    languages: [...profile.languages],
    country: profile.country,
    timeZone,
    availability: availabilityToUtc(profile.availability, timeZone, options.referenceWeekStart),
    ...(profile.organisation.trim() !== '' ? { organisation: profile.organisation.trim() } : {})
  };
  if (role === 'mentor') {
    return { ...common, skills: [...profile.skillsOffered], capacity: options.capacity ?? profile.capacity ?? 0 };
  }
  const known = options.knownMentorIds;
  const ranking = [...new Set(profile.ranking)].filter((mentorId) => !known || known.has(mentorId));
  return { ...common, skills: [...profile.skillsWanted], ranking };
}
