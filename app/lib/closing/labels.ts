import type { ReportEndReason } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/** An end reason (or a report's account-deletion count) in the reader's language. */
export function endReasonLabel(reason: ReportEndReason): string {
  const labels: Record<ReportEndReason, () => string> = {
    completed: m.closing_reason_completed,
    'not-a-fit': m.closing_reason_not_a_fit,
    left: m.closing_reason_left,
    other: m.closing_reason_other,
    'account-deleted': m.closing_reason_account_deleted
  };
  return labels[reason]();
}
