import type { CalendarTokenResponse, CalendarTokenStatus } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { createOrRotateFeed, loadFeedStatus, revokeFeed } from './services/sessions.service';

/** The server calls the feed state makes (the app's `sessions.service`; tests may pass another implementation). */
export interface CalendarFeedApi {
  status(): Promise<CalendarTokenStatus>;
  createOrRotate(): Promise<CalendarTokenResponse>;
  revoke(): Promise<void>;
}

const serverApi: CalendarFeedApi = { status: loadFeedStatus, createOrRotate: createOrRotateFeed, revoke: revokeFeed };

/**
 * The private calendar feed on the agenda page: whether one is active, the URL just created (shown once: the server
 * keeps only a hash), and why the last action failed. It needs the server; the page shows it only when online.
 */
export class CalendarFeedState {
  /** Whether a feed exists; null until the server said. */
  active = $state<boolean | null>(null);
  /** The feed just created or rotated, with its URLs (never shown again after the page is left). */
  feed = $state<CalendarTokenResponse | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(private readonly api: CalendarFeedApi = serverApi) {}

  /** Asks the server whether a feed is active. */
  async load(): Promise<void> {
    try {
      this.active = (await this.api.status()).active;
    } catch (error) {
      this.error = messageFor(error);
    }
  }

  /** Creates the feed, or replaces it (the old URL stops working). */
  createOrRotate(): Promise<void> {
    return this.#run(async () => {
      this.feed = await this.api.createOrRotate();
      this.active = true;
    });
  }

  /** Revokes the feed: calendars subscribed to it stop updating. */
  revoke(): Promise<void> {
    return this.#run(async () => {
      await this.api.revoke();
      this.feed = null;
      this.active = false;
    });
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.busy = false;
    }
  }
}
