import type { MatchingRun, PairTuple, PublishRunResponse } from '@mop/shared';
import { createMatchingRun, publishMatchingRun } from './matching-api.service';
import { matchingWording } from './access';
import { messageFor } from '$lib/services/errors';

const keyOf = (menteeId: string, mentorId: string) => `${menteeId}|${mentorId}`;

function samePairs(a: readonly PairTuple[], b: readonly PairTuple[]): boolean {
  const keys = new Set(a.map(([mentee, mentor]) => keyOf(mentee, mentor)));
  return a.length === b.length && b.every(([mentee, mentor]) => keys.has(keyOf(mentee, mentor)));
}

/**
 * The coordinator's decisions on a draft run: pairs to lock (kept, or assigned by hand) and pairs to forbid. They
 * take effect when the matching is re-run around them; the run itself is never edited in place.
 */
export class RunReviewState {
  locks = $state.raw<PairTuple[]>([]);
  forbids = $state.raw<PairTuple[]>([]);
  busy = $state<'rerun' | 'publish' | null>(null);
  error = $state<string | null>(null);
  published = $state.raw<PublishRunResponse | null>(null);

  constructor(readonly run: MatchingRun) {
    this.locks = run.locks.map(([mentee, mentor]) => [mentee, mentor] as PairTuple);
    this.forbids = run.forbids.map(([mentee, mentor]) => [mentee, mentor] as PairTuple);
  }

  /** Decisions made since this run was computed, which a re-run would apply. */
  get pendingDecisions(): boolean {
    return !samePairs(this.locks, this.run.locks) || !samePairs(this.forbids, this.run.forbids);
  }

  isLocked(menteeId: string, mentorId: string): boolean {
    return this.locks.some(([mentee, mentor]) => mentee === menteeId && mentor === mentorId);
  }

  isForbidden(menteeId: string, mentorId: string): boolean {
    return this.forbids.some(([mentee, mentor]) => mentee === menteeId && mentor === mentorId);
  }

  toggleLock(menteeId: string, mentorId: string): void {
    if (this.isLocked(menteeId, mentorId))
      this.locks = this.locks.filter(([mentee, mentor]) => !(mentee === menteeId && mentor === mentorId));
    else {
      this.forbids = this.forbids.filter(([mentee, mentor]) => !(mentee === menteeId && mentor === mentorId));
      this.locks = [...this.locks.filter(([mentee]) => mentee !== menteeId), [menteeId, mentorId]];
    }
  }

  toggleForbid(menteeId: string, mentorId: string): void {
    if (this.isForbidden(menteeId, mentorId))
      this.forbids = this.forbids.filter(([mentee, mentor]) => !(mentee === menteeId && mentor === mentorId));
    else {
      this.locks = this.locks.filter(([mentee, mentor]) => !(mentee === menteeId && mentor === mentorId));
      this.forbids = [...this.forbids, [menteeId, mentorId]];
    }
  }

  /** Assigns a mentee to a mentor by hand: a lock replacing any other lock of that mentee. */
  assign(menteeId: string, mentorId: string): void {
    this.forbids = this.forbids.filter(([mentee, mentor]) => !(mentee === menteeId && mentor === mentorId));
    this.locks = [...this.locks.filter(([mentee]) => mentee !== menteeId), [menteeId, mentorId]];
  }

  /** Runs the matching again around the decisions; resolves to the new run's id, or null after an error. */
  async rerun(): Promise<string | null> {
    this.busy = 'rerun';
    this.error = null;
    try {
      const next = await createMatchingRun(this.run.programmeId, {
        mode: this.run.mode,
        maximizeMatched: this.run.maximizeMatched,
        locks: this.locks,
        forbids: this.forbids,
        // The new run revises this one: equally good pairs stay as they are (the engine's last tie-break).
        basedOn: this.run.id
      });
      return next.id;
    } catch (error) {
      this.error = messageFor(error, { wording: matchingWording() });
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Publishes the run's pairs, which creates the mentorships. */
  async publish(): Promise<boolean> {
    this.busy = 'publish';
    this.error = null;
    try {
      this.published = await publishMatchingRun(this.run.programmeId, this.run.id);
      return true;
    } catch (error) {
      this.error = messageFor(error, { wording: matchingWording() });
      return false;
    } finally {
      this.busy = null;
    }
  }
}
