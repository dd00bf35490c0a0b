import * as Y from 'yjs';
import { listNotes } from '../notes-doc.ts';
import { GOAL_STATUSES, listGoals, listReflections, listStepTicks, type GoalStatus } from './goals.ts';
import { MENTRA_PHASES } from './framework.ts';
import { listMessages } from './messages.ts';
import { listPins } from './pins.ts';
import { isSessionHeld, listSessions } from './sessions.ts';
import type { PairMembers } from './session-rules.ts';
import type { ProgressPoint, ProgressSummary } from './api.ts';

/** How many weekly points the chart gets at most (the most recent ones). */
export const MAX_HISTORY_WEEKS = 26;

const WEEK_MS = 7 * 86_400_000;

/** The Monday 00:00 UTC of the week holding `t`. */
function weekStart(t: number): number {
  const day = new Date(t);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const weekday = (day.getUTCDay() + 6) % 7; // 0 = Monday
  return midnight - weekday * 86_400_000;
}

/**
 * Where a pair stands, computed from its document alone: the current MENTRA phase, steps done, goals by status,
 * sessions held and upcoming, the last activity and weekly points for a small chart. It reads texts nowhere into
 * its result, so the server can hand it to coordinators (see `ProgressSummarySchema`). The chart counts today's
 * state back in time: a step unticked later no longer counts in earlier weeks.
 */
export function summariseProgress(doc: Y.Doc, pair: PairMembers, now = new Date()): ProgressSummary {
  const nowMs = now.getTime();
  const ticks = listStepTicks(doc);
  const done = ticks.filter((tick) => tick.done);
  const doneIds = new Set(done.map((tick) => tick.stepId));
  const phases = MENTRA_PHASES.map((phase, index) => ({
    id: phase.id,
    title: phase.title,
    index,
    stepsDone: phase.steps.filter((step) => doneIds.has(step.id)).length,
    stepsTotal: phase.steps.length
  }));
  const phase = phases.find((p) => p.stepsDone < p.stepsTotal) ?? phases[phases.length - 1]!;

  const goals = listGoals(doc);
  const goalsByStatus = Object.fromEntries(GOAL_STATUSES.map((status) => [status, 0])) as Record<GoalStatus, number>;
  for (const goal of goals) goalsByStatus[goal.status] += 1;

  const sessions = listSessions(doc, pair);
  const held = sessions.filter((session) => isSessionHeld(session, now));
  const upcoming = sessions
    .filter(
      (session) =>
        session.status === 'accepted' && session.accepted !== null && Date.parse(session.accepted.start) > nowMs
    )
    .map((session) => session.accepted!.start)
    .sort();

  const times: string[] = [
    ...ticks.map((tick) => tick.at),
    ...goals.map((goal) => goal.updatedAt),
    ...sessions.map((session) => session.lastChangeAt),
    ...listNotes(doc, { includeDeleted: true }).map((note) => note.updatedAt),
    ...listReflections(doc).flatMap((r) => [r.updatedAt, ...r.comments.map((c) => c.createdAt)]),
    ...listPins(doc, { includeRemoved: true }).flatMap((pin) => [pin.pinnedAt, pin.removedAt ?? '']),
    ...listMessages(doc).map((message) => message.createdAt)
  ];
  // A device with a clock running ahead must not put the last activity in the future.
  const activity = times
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t))
    .map((t) => Math.min(t, nowMs));
  const lastActivity = activity.length > 0 ? new Date(Math.max(...activity)).toISOString() : null;

  const history: ProgressPoint[] = [];
  if (activity.length > 0) {
    const first = Math.max(weekStart(Math.min(...activity)), weekStart(nowMs) - (MAX_HISTORY_WEEKS - 1) * WEEK_MS);
    const doneAt = done.map((tick) => Date.parse(tick.at));
    const goalsDoneAt = goals.filter((goal) => goal.status === 'done').map((goal) => Date.parse(goal.statusChangedAt));
    const heldAt = held.map((session) => Date.parse(session.accepted!.end));
    const countUpTo = (list: number[], end: number) => list.filter((t) => !(t >= end)).length;
    for (let week = first; week <= nowMs; week += WEEK_MS) {
      const end = week + WEEK_MS;
      history.push({
        week: new Date(week).toISOString().slice(0, 10),
        stepsDone: countUpTo(doneAt, end),
        goalsDone: countUpTo(goalsDoneAt, end),
        sessionsHeld: countUpTo(heldAt, end)
      });
    }
  }

  return {
    phase,
    stepsDone: doneIds.size,
    stepsTotal: phases.reduce((sum, p) => sum + p.stepsTotal, 0),
    doneStepIds: [...doneIds].sort(),
    goalsByStatus,
    goalsTotal: goals.length,
    sessionsHeld: held.length,
    sessionsUpcoming: upcoming.length,
    nextSessionAt: upcoming[0] ?? null,
    lastActivity,
    history
  };
}
