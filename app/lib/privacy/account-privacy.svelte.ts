import type { AccessLogEntry } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import { deleteMyAccount, downloadMyData } from '$lib/services/privacy.service';

type Outcome = { ok: boolean; text: string } | null;

/**
 * The privacy part of the account page: "Download my data", who looked at my data, and "Delete my account" (closed
 * until the person opens it; confirmed with the password and the typed word).
 */
export class AccountPrivacy {
  downloading = $state(false);
  downloadOutcome = $state<Outcome>(null);

  accessLog = $state<AccessLogEntry[] | null>(null);
  accessLogError = $state<string | null>(null);

  deleteOpen = $state(false);
  password = $state('');
  confirmation = $state('');
  deleting = $state(false);
  deleteOutcome = $state<Outcome>(null);
  /** True once the account is gone: the page shows a farewell instead of the settings. */
  deleted = $state(false);

  /** The word to type, in the page's language (the server accepts it in any of the app's languages). */
  get deletionWord(): string {
    return m.privacy_delete_word();
  }

  showAccessLog(entries: Promise<AccessLogEntry[]>) {
    entries.then(
      (list) => {
        this.accessLog = list;
        this.accessLogError = null;
      },
      (error: unknown) => {
        this.accessLogError = messageFor(error);
      }
    );
  }

  async download() {
    if (this.downloading) return;
    this.downloading = true;
    this.downloadOutcome = null;
    try {
      await downloadMyData();
      this.downloadOutcome = { ok: true, text: m.privacy_download_started() };
    } catch (error) {
      this.downloadOutcome = { ok: false, text: messageFor(error) };
    } finally {
      this.downloading = false;
    }
  }

  get confirmed(): boolean {
    return this.confirmation.trim().toLocaleUpperCase() === this.deletionWord.toLocaleUpperCase();
  }

  async deleteAccount(event: SubmitEvent) {
    event.preventDefault();
    if (this.deleting) return;
    this.deleteOutcome = null;
    if (!this.password) {
      this.deleteOutcome = { ok: false, text: m.account_password_missing() };
      return;
    }
    if (!this.confirmed) {
      this.deleteOutcome = { ok: false, text: m.privacy_delete_type_word({ word: this.deletionWord }) };
      return;
    }
    this.deleting = true;
    try {
      await deleteMyAccount(this.password, this.confirmation);
      this.deleted = true;
    } catch (error) {
      this.deleteOutcome = { ok: false, text: messageFor(error) };
    } finally {
      this.password = '';
      this.deleting = false;
    }
  }
}
