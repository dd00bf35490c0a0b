import {
  REPORT_END_REASONS,
  isSessionHeld,
  listGoals,
  listSessions,
  listStepTicks,
  mentorshipDocName,
  summariseProgress,
  type ProgrammeReport,
  type ReportEndReason
} from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import { loadProgrammeCohort } from '../matching/cohort.ts';
import type { MatchingStore } from '../matching/store.ts';
import { readDoc } from '../storage/read-doc.ts';
import { average } from './feedback-routes.ts';
import type { ClosingStore, PairRecord, ProgrammeRecord } from './store.ts';

/** How many weeks without activity make a member of an active pair worth a nudge, unless the coordinator says. */
const DEFAULT_INACTIVE_WEEKS = 3;
const WEEK_MS = 7 * 86_400_000;
/** The sessions-per-pair buckets: 0, 1, 2, 3, 4 and 5 or more. */
const SESSION_BUCKETS = ['0', '1', '2', '3', '4', '5+'] as const;

/** The range of a report: from the start of `from` to the end of `to` (ISO dates), each open when absent. */
export interface ReportRange {
  from?: string | undefined;
  to?: string | undefined;
  inactiveWeeks?: number | undefined;
}

/** Monday 00:00 UTC of the week of `ms`, as an ISO date. */
function weekOf(ms: number): string {
  const day = new Date(ms);
  const monday =
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * Why a closed pair ended, as the report counts it. An account deletion (eraseMentorships) ends the deleted person's
 * active pairs as "left", by nobody named, so that the other member's app shows an ending; before, it closed them with
 * no reason. Every other ending names who ended the pair (a member who left, the coordinator). Edge: a member who left
 * and whose account row was later deleted (ended_by is then set to NULL) is counted as a deletion too.
 */
export function reportEndReason(pair: Pick<PairRecord, 'endReason' | 'endedBy'>): ReportEndReason {
  if (pair.endReason === null || (pair.endReason === 'left' && pair.endedBy === null)) return 'account-deleted';
  return pair.endReason;
}

/**
 * One programme's figures: counts and averages computed on the server from its tables and its pairs' documents
 * (which coordinators cannot open). No text of a pair — note, message, goal, reflection, end note, feedback answer —
 * is read into the result; the only names are those of people with no recent activity, for the coordinator to nudge.
 *
 * The date range bounds what happened in time: pairs ended, sessions held, steps ticked, goals reached and feedback
 * given within it; "active" counts pairs active at the range's end (now, without one). Participant counts are today's.
 */
export function programmeReport(
  ctx: ModuleContext,
  closing: ClosingStore,
  matching: MatchingStore,
  programme: ProgrammeRecord,
  range: ReportRange
): ProgrammeReport {
  const now = ctx.now();
  const fromMs = range.from ? Date.parse(`${range.from}T00:00:00Z`) : -Infinity;
  const toMs = range.to ? Date.parse(`${range.to}T00:00:00Z`) + 86_400_000 : Infinity;
  const endMs = Math.min(toMs, now.getTime());
  const within = (iso: string | null | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return Number.isFinite(t) && t >= fromMs && t < toMs;
  };
  const inactiveWeeks = range.inactiveWeeks ?? DEFAULT_INACTIVE_WEEKS;

  const cohort = loadProgrammeCohort(ctx.store, matching, ctx.docs.liveDoc, programme.id);
  const participants = [...cohort.mentors, ...cohort.mentees];
  const invited = (
    ctx.db
      .prepare('SELECT COUNT(*) AS n FROM invitations WHERE programme_id = ? AND revoked_at IS NULL')
      .get(programme.id) as { n: number }
  ).n;

  const endedByReason = Object.fromEntries(REPORT_END_REASONS.map((reason) => [reason, 0])) as Record<
    ReportEndReason,
    number
  >;
  let active = 0;
  let ended = 0;
  let sessionsHeld = 0;
  let stepsDone = 0;
  let goalsReached = 0;
  let goalsTotal = 0;
  const perPair = new Map<string, number>(SESSION_BUCKETS.map((bucket) => [bucket, 0]));
  const byWeek = new Map<string, number>();
  const inactive: ProgrammeReport['inactive'] = [];
  const pairs = closing.listPairs(programme.id).filter((pair) => Date.parse(pair.createdAt) < toMs);
  for (const pair of pairs) {
    const closedMs = pair.closedAt ? Date.parse(pair.closedAt) : Infinity;
    const isActiveAtEnd = pair.status === 'active' || closedMs >= endMs;
    if (pair.status === 'closed' && within(pair.closedAt)) {
      ended += 1;
      endedByReason[reportEndReason(pair)] += 1;
    } else if (isActiveAtEnd) active += 1;
    else continue;

    const members = { mentorId: pair.mentorId, menteeId: pair.menteeId };
    const figures = readDoc(ctx.store, ctx.docs.liveDoc, mentorshipDocName(pair.id), (doc) => {
      const held = listSessions(doc, members).filter(
        (session) => isSessionHeld(session, now) && within(session.accepted?.end)
      );
      const goals = listGoals(doc);
      return {
        heldAt: held.map((session) => Date.parse(session.accepted!.end)),
        steps: listStepTicks(doc).filter((tick) => tick.done && within(tick.at)).length,
        goalsReached: goals.filter((goal) => goal.status === 'done' && within(goal.statusChangedAt)).length,
        goalsTotal: goals.length,
        lastActivity: pair.status === 'active' ? summariseProgress(doc, members, now).lastActivity : null
      };
    });
    sessionsHeld += figures.heldAt.length;
    stepsDone += figures.steps;
    goalsReached += figures.goalsReached;
    goalsTotal += figures.goalsTotal;
    const bucket = SESSION_BUCKETS[Math.min(figures.heldAt.length, SESSION_BUCKETS.length - 1)]!;
    perPair.set(bucket, (perPair.get(bucket) ?? 0) + 1);
    for (const at of figures.heldAt) byWeek.set(weekOf(at), (byWeek.get(weekOf(at)) ?? 0) + 1);

    const since = figures.lastActivity ? Date.parse(figures.lastActivity) : Date.parse(pair.createdAt);
    if (pair.status === 'active' && now.getTime() - since >= inactiveWeeks * WEEK_MS) {
      for (const id of [pair.mentorId, pair.menteeId])
        inactive.push({ id, name: cohort.names.get(id) ?? '', lastActivity: figures.lastActivity });
    }
  }

  const feedback = closing.programmeFeedback(programme.id).filter((f) => within(f.submittedAt));
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    organisationName: programme.organisationName,
    from: range.from ?? null,
    to: range.to ?? null,
    participants: {
      invited,
      joined: new Set(participants.map((p) => p.participant.userId)).size,
      profileComplete: participants.filter((p) => p.participant.profileComplete).length,
      mentors: cohort.mentors.length,
      mentees: cohort.mentees.length
    },
    pairs: { active, ended, endedByReason },
    sessionsHeld,
    sessionsPerPair: SESSION_BUCKETS.map((sessions) => ({ sessions, pairs: perPair.get(sessions) ?? 0 })),
    sessionsByWeek: [...byWeek.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, count]) => ({ week, sessionsHeld: count })),
    stepsDone,
    goalsReached,
    goalsTotal,
    feedback: {
      responses: feedback.length,
      relationshipAverage: average(feedback.map((f) => f.relationshipRating)),
      programmeAverage: average(feedback.map((f) => f.programmeRating))
    },
    inactiveWeeks,
    inactive: inactive.sort((a, b) => a.name.localeCompare(b.name))
  };
}
