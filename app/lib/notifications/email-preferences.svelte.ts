import {
  DELIVERIES_OF,
  type NotificationCategory,
  type NotificationDelivery,
  type NotificationPreferences
} from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import { saveEmailPreference, unsubscribeWithToken } from './email-preferences.service';

type Outcome = { ok: boolean; text: string } | null;

/** The words of each category and delivery, in the interface language. */
export const CATEGORY_LABELS: Record<NotificationCategory, { title: () => string; help: () => string }> = {
  matches: { title: m.email_category_matches, help: m.email_category_matches_help },
  sessions: { title: m.email_category_sessions, help: m.email_category_sessions_help },
  reminders: { title: m.email_category_reminders, help: m.email_category_reminders_help },
  requests: { title: m.email_category_requests, help: m.email_category_requests_help },
  community: { title: m.email_category_community, help: m.email_category_community_help },
  messages: { title: m.email_category_messages, help: m.email_category_messages_help },
  mentorship: { title: m.email_category_mentorship, help: m.email_category_mentorship_help }
};

export const DELIVERY_LABELS: Record<NotificationDelivery, () => string> = {
  email: m.email_delivery_email,
  digest: m.email_delivery_digest,
  off: m.email_delivery_off
};

/** The "E-mail notifications" part of the account page: one choice per category, saved as soon as it changes. */
export class EmailPreferences {
  preferences = $state<NotificationPreferences['preferences'] | null>(null);
  loadError = $state<string | null>(null);
  /** The category being saved, if any. */
  saving = $state<NotificationCategory | null>(null);
  outcome = $state<Outcome>(null);

  show(loaded: Promise<NotificationPreferences>) {
    loaded.then(
      (answer) => {
        this.preferences = answer.preferences;
        this.loadError = null;
      },
      (error: unknown) => {
        this.loadError = messageFor(error);
      }
    );
  }

  /** The deliveries a category offers, in display order. */
  optionsOf(category: NotificationCategory): readonly NotificationDelivery[] {
    return DELIVERIES_OF[category];
  }

  async choose(category: NotificationCategory, delivery: NotificationDelivery) {
    if (!this.preferences) return;
    const before = this.preferences;
    this.preferences = before.map((p) => (p.category === category ? { category, delivery } : p));
    this.saving = category;
    this.outcome = null;
    try {
      this.preferences = (await saveEmailPreference(category, delivery)).preferences;
      this.outcome = { ok: true, text: m.email_preferences_saved({ category: CATEGORY_LABELS[category].title() }) };
    } catch (error) {
      // Back to what the server holds: the radio must not claim a choice that was not saved.
      this.preferences = before;
      this.outcome = { ok: false, text: messageFor(error) };
    } finally {
      this.saving = null;
    }
  }
}

/** Reads the token of an unsubscribe link (`/unsubscribe#token=…`). */
function unsubscribeTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_.-]{20,400}$/.test(token) ? token : null;
}

/** The unsubscribe page: nothing changes until the person confirms (link scanners open links too). */
export class Unsubscribe {
  token = $state<string | null>(null);
  read = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);
  /** The category turned off, once done. */
  done = $state<NotificationCategory | null>(null);

  take(hash: string) {
    this.token = unsubscribeTokenFromHash(hash);
    this.read = true;
  }

  async confirm() {
    if (this.busy || !this.token) return;
    this.busy = true;
    this.error = null;
    try {
      this.done = (await unsubscribeWithToken(this.token)).category;
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.busy = false;
    }
  }
}
