import type { EndReason } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/** An end reason in the reader's language. */
export function endReasonLabel(reason: EndReason): string {
  const labels: Record<EndReason, () => string> = {
    completed: m.closing_reason_completed,
    'not-a-fit': m.closing_reason_not_a_fit,
    left: m.closing_reason_left,
    other: m.closing_reason_other
  };
  return labels[reason]();
}
