import type { MatchRequest } from '@mop/shared';
import { acceptMatchRequest, declineMatchRequest } from './matching-api.service';
import { matchingWording } from './access';
import { messageFor } from '$lib/services/errors';

/** Match requests as the page shows them, answered in place by the mentor. */
export class MatchRequestsState {
  requests = $state.raw<MatchRequest[]>([]);
  busyId = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Set after an accept: the new pair is in "My mentoring". */
  acceptedId = $state<string | null>(null);

  constructor(requests: MatchRequest[]) {
    this.requests = requests;
  }

  #replace(updated: MatchRequest): void {
    this.requests = this.requests.map((request) => (request.id === updated.id ? updated : request));
  }

  async answer(id: string, accept: boolean): Promise<void> {
    this.busyId = id;
    this.error = null;
    try {
      if (accept) {
        const { request } = await acceptMatchRequest(id);
        this.#replace(request);
        this.acceptedId = id;
      } else {
        this.#replace(await declineMatchRequest(id));
      }
    } catch (error) {
      this.error = messageFor(error, { wording: matchingWording() });
    } finally {
      this.busyId = null;
    }
  }
}
