import { ApiRequestError, NetworkError } from '$lib/services/api';
import { m } from '$lib/paraglide/messages.js';

/** A load failure as a sentence for the page, offline failures included. */
export function loadErrorMessage(error: unknown): string {
  if (error instanceof NetworkError) return m.learn_offline_never();
  if (error instanceof ApiRequestError || error instanceof Error) return m.learn_load_error({ message: error.message });
  return m.learn_load_error({ message: String(error) });
}
