import type { ProgrammeProgress } from '@mop/shared';

/** A pair is "quiet" after this many days with no change of any kind and no session planned. */
const QUIET_AFTER_DAYS = 14;

/** A pair a coordinator might nudge, with how long nothing happened (null: nothing ever happened). */
interface QuietPair {
  mentorshipId: string;
  mentorName: string;
  menteeName: string;
  daysQuiet: number | null;
}

/** A programme's health at a glance, for the coordinator's home. */
export interface ProgrammeHealth {
  activePairs: number;
  closedPairs: number;
  /** Active pairs with a session planned. */
  pairsWithSession: number;
  /** Steps done over all active pairs, as a share of all their steps (0..1; 0 with no pairs). */
  stepsShare: number;
  /** Active pairs with no activity for QUIET_AFTER_DAYS days and nothing planned, longest quiet first. */
  quiet: QuietPair[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Summarises the programme's pairs (summaries only, no content) into what a coordinator acts on. */
export function programmeHealth(progress: ProgrammeProgress, now: Date): ProgrammeHealth {
  const active = progress.pairs.filter((pair) => pair.status === 'active');
  let stepsDone = 0;
  let stepsTotal = 0;
  const quiet: QuietPair[] = [];
  for (const pair of active) {
    stepsDone += pair.progress.stepsDone;
    stepsTotal += pair.progress.stepsTotal;
    if (pair.progress.sessionsUpcoming > 0) continue;
    const last = pair.progress.lastActivity ? Date.parse(pair.progress.lastActivity) : null;
    const daysQuiet = last === null ? null : Math.floor((now.getTime() - last) / DAY_MS);
    if (daysQuiet === null || daysQuiet >= QUIET_AFTER_DAYS) {
      quiet.push({
        mentorshipId: pair.mentorshipId,
        mentorName: pair.mentor.name,
        menteeName: pair.mentee.name,
        daysQuiet
      });
    }
  }
  quiet.sort((a, b) => (b.daysQuiet ?? Infinity) - (a.daysQuiet ?? Infinity));
  return {
    activePairs: active.length,
    closedPairs: progress.pairs.length - active.length,
    pairsWithSession: active.filter((pair) => pair.progress.sessionsUpcoming > 0).length,
    stepsShare: stepsTotal === 0 ? 0 : stepsDone / stepsTotal,
    quiet
  };
}
