import { randomUUID } from 'node:crypto';
import { MatchingInputError, matchCohort, type MatchedPair, type MatchResult } from '@mop/matching';
import {
  mentorshipDocName,
  type MatchExplanation,
  type MatchingRun,
  type MatchingRunRequest,
  type MatchingSettings,
  type PairTuple,
  type ProposedPair,
  type UnmatchedPerson,
  type User
} from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import type { AccessRecorder, AuditLog, AuthAccess } from '../module.ts';
import { buildEngineCohort, loadProgrammeCohort, type ProgrammeCohort } from './cohort.ts';
import { ApiRefusal } from '../http/refusal.ts';
import type { LiveDocLookup } from './profiles.ts';
import { programmeSettings } from './settings.ts';
import type { MatchingStore, NewMatchedMentorship } from './store.ts';
import type { PeopleNotices } from '../notifications/index.ts';

/** What the run and publish steps need. */
export interface MatchingContext {
  store: MopStore;
  auth: AuthAccess;
  matching: MatchingStore;
  liveDoc: LiveDocLookup;
  /** The access log: a coordinator's look at the participants is a read of their personal data. */
  access: AccessRecorder;
  /** E-mails to the people concerned (new pair, request received or answered). */
  notices: PeopleNotices;
  /** The audit log: publishing a matching creates the programme's pairs. */
  audit: AuditLog;
}

const ref = (names: ReadonlyMap<string, string>, id: string) => ({ id, name: names.get(id) ?? id });

function toProposedPair(pair: MatchedPair, names: ReadonlyMap<string, string>): ProposedPair {
  return {
    mentee: ref(names, pair.mentee),
    mentor: ref(names, pair.mentor),
    score: pair.score,
    locked: pair.locked,
    breakdown: { ...pair.breakdown },
    details: {
      ...pair.details,
      sharedSectors: [...pair.details.sharedSectors],
      matchedSkills: [...pair.details.matchedSkills],
      sharedGoals: [...pair.details.sharedGoals],
      sharedLanguages: [...pair.details.sharedLanguages]
    },
    rulesMet: [...pair.rulesMet],
    rulesBroken: [...pair.rulesBroken]
  };
}

/** "Why you were matched" for a mentorship, from the engine's explanation of its pair. */
export function toMatchExplanation(
  pair: MatchedPair | ProposedPair,
  source: MatchExplanation['source'],
  matchedAt: string
): MatchExplanation {
  return {
    source,
    score: pair.score,
    breakdown: { ...pair.breakdown },
    rulesMet: [...pair.rulesMet],
    sharedSectors: [...pair.details.sharedSectors],
    matchedSkills: [...pair.details.matchedSkills],
    sharedGoals: [...pair.details.sharedGoals],
    sharedLanguages: [...pair.details.sharedLanguages],
    timeZoneGapHours: pair.details.timeZoneGapHours,
    overlapMinutesPerWeek: pair.details.overlapMinutesPerWeek,
    menteeRank: pair.details.menteeRank,
    matchedAt
  };
}

/**
 * The people a run left out. A mentor's `capacity` and `used` are their whole capacity and every mentee they will
 * have (active mentorships before the run plus this run's pairs) — the engine saw only the free places — so the
 * review can tell a mentor with no mentee from one who has mentees and places left.
 */
function toUnmatched(
  result: MatchResult,
  names: ReadonlyMap<string, string>,
  activeMentees: (mentorId: string) => number
): UnmatchedPerson[] {
  const out: UnmatchedPerson[] = [];
  for (const u of result.unmatchedMentees) {
    if (u.reason === 'no-eligible-mentor')
      out.push({ person: ref(names, u.mentee), role: 'mentee', reason: u.reason, excludedBy: { ...u.excludedBy } });
    else
      out.push({
        person: ref(names, u.mentee),
        role: 'mentee',
        reason: u.reason,
        eligible: u.eligibleMentors,
        bestEligible: u.bestEligible.map((id) => ref(names, id))
      });
  }
  for (const m of result.mentorsWithRoom) {
    const base = {
      person: ref(names, m.mentor),
      role: 'mentor' as const,
      reason: m.reason,
      capacity: m.capacity + activeMentees(m.mentor),
      used: m.used + activeMentees(m.mentor)
    };
    if (m.reason === 'no-eligible-mentee') out.push({ ...base, excludedBy: { ...m.excludedBy } });
    else out.push({ ...base, eligible: m.eligibleMentees });
  }
  return out;
}

/** Runs the engine, turning its input errors (a lock over capacity, a pair both locked and forbidden…) into 409s. */
export function runEngine(
  input: Parameters<typeof matchCohort>[0],
  mode: MatchingSettings['mode'],
  maximizeMatched: boolean
): MatchResult {
  try {
    return matchCohort(input, { mode, maximizeMatched });
  } catch (error) {
    if (error instanceof MatchingInputError) throw new ApiRefusal(409, 'matching_conflict', error.message);
    throw error;
  }
}

/** Checks that every id of a pair list names a mentee and a mentor taking part, naming the first that does not. */
function checkPairs(
  pairs: readonly PairTuple[],
  field: string,
  cohort: ProgrammeCohort,
  taking: { mentees: Set<string>; mentors: Set<string> }
): void {
  const seen = new Set<string>();
  for (const [index, [mentee, mentor]] of pairs.entries()) {
    if (!cohort.people.has(`mentee:${mentee}`))
      throw new ApiRefusal(
        400,
        'invalid_request',
        `${field}.${index}.0: "${mentee}" is not a mentee of this programme`
      );
    if (!cohort.people.has(`mentor:${mentor}`))
      throw new ApiRefusal(
        400,
        'invalid_request',
        `${field}.${index}.1: "${mentor}" is not a mentor of this programme`
      );
    if (field === 'forbids') continue;
    if (seen.has(mentee))
      throw new ApiRefusal(
        400,
        'invalid_request',
        `${field}.${index}: mentee "${mentee}" appears in more than one pair`
      );
    seen.add(mentee);
    if (!taking.mentees.has(mentee))
      throw new ApiRefusal(
        409,
        'not_matchable',
        `${field}.${index}: mentee "${mentee}" cannot be matched now (already matched or profile incomplete)`
      );
    if (!taking.mentors.has(mentor))
      throw new ApiRefusal(
        409,
        'not_matchable',
        `${field}.${index}: mentor "${mentor}" cannot be matched now (no free capacity or profile incomplete)`
      );
  }
}

function takingPart(input: ReturnType<typeof buildEngineCohort>['input']) {
  return { mentees: new Set(input.mentees.map((m) => m.id)), mentors: new Set(input.mentors.map((m) => m.id)) };
}

/** Runs a matching for a programme on its unmatched people with complete profiles and stores it as a draft. */
export function createMatchingRun(
  ctx: MatchingContext,
  programmeId: string,
  user: User,
  request: MatchingRunRequest,
  now = new Date()
): MatchingRun {
  const settings = programmeSettings(ctx.matching, programmeId);
  const mode = request.mode ?? settings.mode;
  const maximizeMatched = request.maximizeMatched ?? settings.maximizeMatched;
  let previous: PairTuple[] = [];
  if (request.basedOn !== undefined) {
    const base = ctx.matching.getRun(programmeId, request.basedOn);
    if (!base)
      throw new ApiRefusal(404, 'not_found', `basedOn: no matching run "${request.basedOn}" in this programme`);
    previous = base.pairs.map((p) => [p.mentee.id, p.mentor.id]);
  }
  const cohort = loadProgrammeCohort(ctx.store, ctx.matching, ctx.liveDoc, programmeId);
  const { input, skipped } = buildEngineCohort(cohort, settings, {
    locks: request.locks,
    forbids: request.forbids,
    maximizeMatched,
    previous
  });
  checkPairs(request.locks, 'locks', cohort, takingPart(input));
  checkPairs(request.forbids, 'forbids', cohort, takingPart(input));
  const result = runEngine(input, mode, maximizeMatched);
  const run: MatchingRun = {
    id: randomUUID(),
    programmeId,
    status: 'draft',
    createdAt: now.toISOString(),
    createdBy: user.id,
    publishedAt: null,
    mode,
    maximizeMatched,
    locks: request.locks,
    forbids: request.forbids,
    settings,
    summary: { ...result.summary },
    basedOn: request.basedOn ?? null,
    pairs: result.pairs.map((pair) => toProposedPair(pair, cohort.names)),
    unmatched: [
      ...toUnmatched(
        result,
        cohort.names,
        (mentorId) => cohort.people.get(`mentor:${mentorId}`)?.participant.activeMentorships ?? 0
      ),
      ...skipped
    ],
    mentorshipIds: []
  };
  ctx.matching.saveRun(run);
  return run;
}

/**
 * Publishes a draft run: the final pairs (the run's own, or the coordinator's list after manual swaps and adds) are
 * re-checked against who may still be matched, the hard rules and the capacities — by giving them to the engine as
 * locked pairs, which reports every rule a locked pair breaks — and then created as mentorships with their
 * explanations, in one transaction.
 */
export function publishMatchingRun(
  ctx: MatchingContext,
  programmeId: string,
  runId: string,
  finalPairs: PairTuple[] | undefined,
  now = new Date()
): { run: MatchingRun; mentorshipIds: string[] } {
  const run = ctx.matching.getRun(programmeId, runId);
  if (!run) throw new ApiRefusal(404, 'not_found', `No matching run "${runId}" in this programme`);
  if (run.status !== 'draft') throw new ApiRefusal(409, 'already_published', 'This run has already been published');
  const pairs: PairTuple[] = finalPairs ?? run.pairs.map((p) => [p.mentee.id, p.mentor.id]);
  if (pairs.length === 0) throw new ApiRefusal(400, 'invalid_request', 'pairs: there is no pair to publish');

  const cohort = loadProgrammeCohort(ctx.store, ctx.matching, ctx.liveDoc, programmeId);
  const onlyIds = new Set(pairs.flat());
  const { input } = buildEngineCohort(cohort, run.settings, {
    locks: pairs,
    forbids: run.forbids,
    maximizeMatched: false,
    onlyIds
  });
  checkPairs(pairs, 'pairs', cohort, takingPart(input));
  const result = runEngine(input, run.mode, false);
  const byPair = new Map(result.pairs.filter((p) => p.locked).map((p) => [`${p.mentee}|${p.mentor}`, p]));
  const explained: ProposedPair[] = [];
  for (const [index, [mentee, mentor]] of pairs.entries()) {
    const pair = byPair.get(`${mentee}|${mentor}`);
    if (!pair)
      throw new ApiRefusal(409, 'matching_conflict', `pairs.${index}: "${mentee}"–"${mentor}" could not be placed`);
    if (pair.rulesBroken.length > 0) {
      throw new ApiRefusal(
        409,
        'rule_violated',
        `pairs.${index}: ${cohort.names.get(mentee) ?? mentee} and ${cohort.names.get(mentor) ?? mentor} break the hard rule(s) ${pair.rulesBroken.join(', ')}`
      );
    }
    explained.push(toProposedPair(pair, cohort.names));
  }

  const publishedAt = now.toISOString();
  const mentorships: NewMatchedMentorship[] = explained.map((pair) => ({
    id: randomUUID(),
    mentorId: pair.mentor.id,
    menteeId: pair.mentee.id,
    explanation: toMatchExplanation(pair, 'coordinator', publishedAt)
  }));
  const scores = explained.map((p) => p.score);
  const total = scores.reduce((a, b) => a + b, 0);
  // The pairs published may differ from the draft's: count again what they keep of the run this one revised.
  let keptPrevious = run.summary.keptPrevious ?? null;
  const base = run.basedOn ? ctx.matching.getRun(programmeId, run.basedOn) : null;
  if (base) {
    const before = new Set(base.pairs.map((p) => `${p.mentee.id}|${p.mentor.id}`));
    keptPrevious = explained.filter((p) => before.has(`${p.mentee.id}|${p.mentor.id}`)).length;
  }
  const published: MatchingRun = {
    ...run,
    status: 'published',
    publishedAt,
    pairs: explained,
    unmatched: run.unmatched.filter((u) => !onlyIds.has(u.person.id)),
    summary: {
      ...run.summary,
      matched: explained.length,
      locked: explained.length,
      totalScore: total,
      minScore: Math.min(...scores),
      meanScore: total / scores.length,
      keptPrevious
    },
    mentorshipIds: mentorships.map((m) => m.id)
  };
  // Both ids are checked by mentorshipDocName's pattern before anything is written.
  for (const m of mentorships) mentorshipDocName(m.id);
  if (!ctx.matching.publishRun(published, mentorships))
    throw new ApiRefusal(409, 'already_published', 'This run has already been published');
  for (const m of mentorships) ctx.notices.newPair({ ...m, mentorshipId: m.id });
  return { run: published, mentorshipIds: published.mentorshipIds };
}
