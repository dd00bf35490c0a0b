import type { PlatformInfo } from '@mop/shared';
import { getPlatform } from './cohorts.service';

/** What the server says about the platform (name, demo data); null until known, and while offline. */
class PlatformState {
  info = $state<PlatformInfo | null>(null);

  /** Asks the server once per visit; offline, the banner simply waits for the next visit. */
  async refresh(): Promise<void> {
    try {
      this.info = await getPlatform();
    } catch {
      // Not knowing whether this is a demo must not break any page.
    }
  }
}

export const platform = new PlatformState();
