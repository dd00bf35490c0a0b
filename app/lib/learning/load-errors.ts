import { m } from '$lib/paraglide/messages.js';

/**
 * A learning-center page that could not load: offline gets the "open it once with a connection" advice, anything else
 * says what could not be loaded and why (the why from the one error path, `messageFor`). The error messages (every
 * server code in three languages) are loaded only then, so a page that loads fine does not download them.
 */
export async function loadErrorMessage(error: unknown): Promise<string> {
  const { failureKind, messageFor } = await import('$lib/services/errors');
  if (failureKind(error) === 'offline') return m.learn_offline_never();
  return m.learn_load_error({ message: messageFor(error) });
}
