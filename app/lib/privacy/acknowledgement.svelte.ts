import { m } from '$lib/paraglide/messages.js';
import { acknowledgePrivacyNotice, loadPrivacyNotice } from '$lib/services/privacy.service';

/**
 * The privacy notice's acknowledgement on the sign-up pages (first run, invitation, join link): the box the person
 * ticks, and the version they were shown, recorded once their account exists.
 */
export class PrivacyAcknowledgement {
  checked = $state(false);
  version = $state<number | null>(null);

  /** Reads which version of the notice is in force (the link opens the notice itself). */
  async load(): Promise<void> {
    try {
      this.version = (await loadPrivacyNotice()).noticeVersion;
    } catch (error) {
      // Without the version the box still works; the server records the acknowledgement of version 1 at worst.
      console.warn('MOP: could not read the privacy notice version', error);
    }
  }

  /** A sentence for the form when the box is not ticked, else null. */
  problem(): string | null {
    return this.checked ? null : m.privacy_ack_required();
  }

  /** Records the acknowledgement for the account just created; a failure is logged, not shown (the account exists). */
  async record(): Promise<void> {
    try {
      await acknowledgePrivacyNotice(this.version ?? 1);
    } catch (error) {
      console.warn('MOP: could not record the privacy notice acknowledgement', error);
    }
  }
}
