import {
  isProfileComplete,
  missingProfileFields,
  profileDocName,
  type MatchingProfile,
  type MatchingSettings,
  type Participant,
  type PairTuple,
  type UnmatchedPerson
} from '@mop/shared';
import type { CohortInput } from '@mop/matching';
import { toMatchingPerson, type MatchingMenteeInput, type MatchingMentorInput } from './to-matching-person.ts';
import type { MopStore } from '../storage/index.ts';
import { readStoredProfile, type LiveDocLookup } from './profiles.ts';
import type { MatchingStore, ProgrammeMentorship } from './store.ts';

/** One mentor or mentee of a programme, with their profile and their standing for matching. */
export interface ProgrammePerson {
  participant: Participant;
  profile: MatchingProfile;
}

/** Everything the matching of one programme starts from. */
export interface ProgrammeCohort {
  people: Map<string, ProgrammePerson>;
  mentors: ProgrammePerson[];
  mentees: ProgrammePerson[];
  mentorships: ProgrammeMentorship[];
  names: Map<string, string>;
}

/** Reads the programme's mentors and mentees, their profiles and their active mentorships. */
export function loadProgrammeCohort(
  store: MopStore,
  matching: MatchingStore,
  liveDoc: LiveDocLookup,
  programmeId: string
): ProgrammeCohort {
  const mentorships = matching.listMentorships(programmeId);
  const active = new Map<string, number>();
  for (const m of mentorships) {
    if (m.status !== 'active') continue;
    active.set(`mentor:${m.mentorId}`, (active.get(`mentor:${m.mentorId}`) ?? 0) + 1);
    active.set(`mentee:${m.menteeId}`, (active.get(`mentee:${m.menteeId}`) ?? 0) + 1);
  }
  const people = new Map<string, ProgrammePerson>();
  const mentors: ProgrammePerson[] = [];
  const mentees: ProgrammePerson[] = [];
  const names = new Map<string, string>();
  for (const member of matching.listMembers(programmeId)) {
    names.set(member.userId, member.name);
    if (member.role === 'coordinator') continue;
    const role = member.role;
    const profile = readStoredProfile(store, liveDoc, member.userId);
    const missing = missingProfileFields(profile, role);
    const activeCount = active.get(`${role}:${member.userId}`) ?? 0;
    const capacity = role === 'mentor' ? profile.capacity : null;
    const person: ProgrammePerson = {
      profile,
      participant: {
        userId: member.userId,
        name: profile.displayName.trim() || member.name,
        email: member.email,
        role,
        profileDocName: profileDocName(member.userId),
        profileComplete: missing.length === 0,
        missingFields: missing,
        profileUpdatedAt: profile.updatedAt,
        activeMentorships: activeCount,
        capacity,
        freeCapacity: role === 'mentor' ? Math.max(0, (capacity ?? 0) - activeCount) : activeCount > 0 ? 0 : 1
      }
    };
    people.set(`${role}:${member.userId}`, person);
    (role === 'mentor' ? mentors : mentees).push(person);
  }
  return { people, mentors, mentees, mentorships, names };
}

/** Why someone is left out of a run before the engine sees them, or null when they take part. */
export function exclusionReason(person: ProgrammePerson): UnmatchedPerson['reason'] | null {
  const p = person.participant;
  if (p.role === 'mentee' && p.activeMentorships > 0) return 'already-matched';
  if (!isProfileComplete(person.profile, p.role)) return 'profile-incomplete';
  if (p.role === 'mentor' && p.freeCapacity <= 0) return 'no-free-capacity';
  return null;
}

function uniqueByMentee(pairs: readonly PairTuple[]): PairTuple[] {
  const seen = new Set<string>();
  return pairs.filter(([mentee]) => !seen.has(mentee) && Boolean(seen.add(mentee)));
}

/** The engine cohort of a programme: unmatched people with complete profiles, mentors at their free capacity. */
export function buildEngineCohort(
  cohort: ProgrammeCohort,
  settings: MatchingSettings,
  options: {
    locks: PairTuple[];
    forbids: PairTuple[];
    maximizeMatched: boolean;
    onlyIds?: ReadonlySet<string>;
    previous?: readonly PairTuple[];
  }
): { input: CohortInput; skipped: UnmatchedPerson[] } {
  const skipped: UnmatchedPerson[] = [];
  const mentors: MatchingMentorInput[] = [];
  const mentees: MatchingMenteeInput[] = [];
  for (const person of cohort.mentors) {
    if (options.onlyIds && !options.onlyIds.has(person.participant.userId)) continue;
    const reason = exclusionReason(person);
    if (reason)
      skipped.push({
        person: { id: person.participant.userId, name: person.participant.name },
        role: 'mentor',
        reason,
        // Whole capacity and active mentees, so that a full mentor is not read as one without mentees.
        ...(person.participant.capacity !== null
          ? { capacity: person.participant.capacity, used: person.participant.activeMentorships }
          : {})
      });
    else
      mentors.push(
        toMatchingPerson(person.participant.userId, person.profile, 'mentor', {
          capacity: person.participant.freeCapacity
        })
      );
  }
  const mentorIds = new Set(mentors.map((m) => m.id));
  for (const person of cohort.mentees) {
    if (options.onlyIds && !options.onlyIds.has(person.participant.userId)) continue;
    const reason = exclusionReason(person);
    if (reason)
      skipped.push({
        person: { id: person.participant.userId, name: person.participant.name },
        role: 'mentee',
        reason
      });
    else
      mentees.push(
        toMatchingPerson(person.participant.userId, person.profile, 'mentee', { knownMentorIds: mentorIds })
      );
  }
  const menteeIds = new Set(mentees.map((m) => m.id));
  const inCohort = ([mentee, mentor]: PairTuple) => menteeIds.has(mentee) && mentorIds.has(mentor);
  const pastPairs = cohort.mentorships
    .filter((m) => m.status === 'closed')
    .map((m) => ({ mentee: m.menteeId, mentor: m.mentorId }))
    .filter((p) => inCohort([p.mentee, p.mentor]));
  const input: CohortInput = {
    version: 1,
    settings: {
      weights: { ...settings.weights },
      rules: { ...settings.rules },
      availabilityTargetMinutes: settings.availabilityTargetMinutes,
      lockedPairs: options.locks.map(([mentee, mentor]) => ({ mentee, mentor })),
      // A forbidden pair whose people are not in this run cannot be proposed anyway.
      forbiddenPairs: options.forbids.filter(inCohort).map(([mentee, mentor]) => ({ mentee, mentor })),
      pastPairs,
      // An earlier proposal's pairs whose people are still taking part (one per mentee): the engine's last tie-break.
      previousPairs: uniqueByMentee((options.previous ?? []).filter(inCohort)).map(([mentee, mentor]) => ({
        mentee,
        mentor
      })),
      maximizeMatched: options.maximizeMatched
    },
    mentors,
    mentees
  };
  return { input, skipped };
}
