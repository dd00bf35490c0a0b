import { failureKind, messageFor } from '$lib/services/errors';
import { m } from '$lib/paraglide/messages.js';

/**
 * A learning-center page that could not load: offline gets the "open it once with a connection" advice, anything else
 * says what could not be loaded and why (the why from the one error path, `messageFor`).
 */
export function loadErrorMessage(error: unknown): string {
  if (failureKind(error) === 'offline') return m.learn_offline_never();
  return m.learn_load_error({ message: messageFor(error) });
}
