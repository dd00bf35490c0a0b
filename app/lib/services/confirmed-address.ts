import type { ConfirmEmailResponse } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/**
 * What the `/confirm-email` page says once the link worked: an e-mail change moved the account to a new address (sign
 * in with it from now on); the first confirmation after a join-link sign-up only confirmed the address it had.
 */
export function confirmedAddressMessage(confirmed: ConfirmEmailResponse): string {
  return confirmed.changed === false
    ? m.confirm_email_done_first({ email: confirmed.email })
    : m.confirm_email_done({ email: confirmed.email });
}
