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
