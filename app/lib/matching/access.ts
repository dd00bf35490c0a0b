import { redirect } from '@sveltejs/kit';
import type { User } from '@mop/shared';
import { problemFor, type FailureWording, type Problem } from '$lib/services/errors';
import { session } from '$lib/state/session.svelte';
import { loginPath } from '$lib/services/deep-link';
import { m } from '$lib/paraglide/messages.js';

/** The signed-in user for a matching page, or a redirect to the login page that comes back to `url`. */
export function requireUser(url?: URL): User {
  const user = session.user;
  if (!user) redirect(307, loginPath(url));
  return user;
}

/** Whether the user may see coordinator pages at all (the server checks each programme too). */
export function isCoordinatorRole(user: User): boolean {
  return user.role === 'coordinator' || user.role === 'admin';
}

/** Why a matching page could not load: a state the page shows and a sentence. */
export type LoadProblem = Problem;

/** Matching runs on the server: its pages say so when offline, and say plainly when a programme is not theirs. */
export function matchingWording(): FailureWording {
  return { offline: m.match_needs_connection(), forbidden: m.match_not_allowed(), 'not-found': m.match_not_found() };
}

/** Turns a failed API call into a clear state: matching needs the server, so offline gets its own message. */
export function matchingProblem(error: unknown): LoadProblem {
  return problemFor(error, { wording: matchingWording() });
}
