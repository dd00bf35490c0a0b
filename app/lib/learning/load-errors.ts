import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { m } from '$lib/paraglide/messages.js';

/**
 * Rendering on the server for an id the live catalogue does not have: the answer is a real 404 (the error page, which
 * offers the learning center), not a page that says "not found" with status 200 that search engines would keep. In
 * the browser the page says it in its own words, which know about this device and being offline.
 */
export function notFoundOnServer(): void {
  if (!browser) error(404, 'Not Found');
}

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
