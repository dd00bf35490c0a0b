import type { OutboxStatus } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/** An outbox status in the reader's language. */
export function outboxStatusLabel(status: OutboxStatus): string {
  switch (status) {
    case 'pending':
      return m.outbox_status_pending();
    case 'sending':
      return m.outbox_status_sending();
    case 'sent':
      return m.outbox_status_sent();
    case 'failed':
      return m.outbox_status_failed();
  }
}

/** What kind of mail a message is, in the reader's language (its `category`; an unknown one is shown as it is). */
export function outboxCategoryLabel(category: string): string {
  switch (category) {
    case 'invitation':
      return m.outbox_category_invitation();
    case 'password-reset':
      return m.outbox_category_password_reset();
    case 'email-change':
    case 'email-changed':
      return m.outbox_category_email_change();
    case 'email-confirm':
      return m.outbox_category_email_confirm();
    case 'join-approved':
      return m.outbox_category_join_approved();
    default:
      return category;
  }
}
