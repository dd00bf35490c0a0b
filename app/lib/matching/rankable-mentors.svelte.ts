import type { MentorPublicProfile } from '@mop/shared';
import { matchingProblem, type LoadProblem } from './access';
import { fetchRankableMentors, loadCachedRankableMentors, type RankableMentors } from './rankable-mentors.service';

/**
 * The mentors a mentee may rank, for the questionnaire's "Preferred mentors" step and its summary. The copy kept on
 * this device shows at once; the server's list replaces it when it can be fetched. When it cannot (offline), the
 * kept copy stays with `problem` saying why, and with neither the step still shows the saved ranking by id.
 */
export class RankableMentorsState {
  status = $state<'idle' | 'loading' | 'ready'>('idle');
  /** Where `lists` came from: this visit's fetch, or the copy kept on this device. */
  source = $state<'server' | 'device' | null>(null);
  lists = $state.raw<RankableMentors | null>(null);
  /** Why the latest fetch failed (null after a successful one). */
  problem = $state.raw<LoadProblem | null>(null);
  #loading: Promise<void> | null = null;

  constructor(readonly userId: string) {}

  /** Every listed mentor by id, across the user's programmes. */
  get byId(): Map<string, MentorPublicProfile> {
    const map = new Map<string, MentorPublicProfile>();
    for (const programme of this.lists?.programmes ?? [])
      for (const mentor of programme.mentors) map.set(mentor.userId, mentor);
    return map;
  }

  /** Loads the kept copy, then asks the server; at most one load at a time. */
  load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #load(): Promise<void> {
    this.status = 'loading';
    if (!this.lists) {
      const kept = await loadCachedRankableMentors(this.userId).catch(() => null);
      if (kept && !this.lists) {
        this.lists = kept;
        this.source = 'device';
      }
    }
    try {
      this.lists = await fetchRankableMentors(this.userId);
      this.source = 'server';
      this.problem = null;
    } catch (error) {
      this.problem = matchingProblem(error);
    } finally {
      this.status = 'ready';
    }
  }
}
