import type { PairSummary } from '@mop/shared';
import type { Subscription } from 'dexie';
import { watchPairSummaries } from '$lib/services/pair-summaries.service';

/**
 * The signed-in user's pair summaries kept on this device, by mentorship id, kept current (the server's list read
 * again, a document open here changing). What the home's pair cards show: no pair document is opened for it.
 */
export class PairSummariesState {
  byMentorship = $state.raw<Record<string, PairSummary>>({});
  #subscription: Pick<Subscription, 'unsubscribe'>;

  constructor(userId: string, watch = watchPairSummaries) {
    this.#subscription = watch(userId, (summaries) => (this.byMentorship = summaries));
  }

  dispose(): void {
    this.#subscription.unsubscribe();
  }
}
