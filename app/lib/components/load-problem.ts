import type { Problem } from '$lib/services/errors';

/**
 * Whether reading a page's data again can help: offline or after a failure, yes; when the server said the user may
 * not see it, or that it does not exist, the same answer would come back.
 */
export function canRetry(problem: Problem | null | undefined): boolean {
  return problem?.kind !== 'forbidden' && problem?.kind !== 'not-found';
}
