import { redirect } from '@sveltejs/kit';
import type { User } from '@mop/shared';
import { ApiRequestError, NetworkError } from '$lib/services/api';
import { network } from '$lib/state/network.svelte';
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

/** Why a matching page could not load, as a kind the page can show and a sentence. */
export interface LoadProblem {
  kind: 'offline' | 'forbidden' | 'not-found' | 'error';
  message: string;
}

/** Turns a failed API call into a clear state: matching needs the server, so offline gets its own message. */
export function describeLoadProblem(error: unknown): LoadProblem {
  if (error instanceof NetworkError || !network.online) return { kind: 'offline', message: m.match_needs_connection() };
  if (error instanceof ApiRequestError) {
    if (error.status === 403) return { kind: 'forbidden', message: m.match_not_allowed() };
    if (error.status === 404) return { kind: 'not-found', message: m.match_not_found() };
    return { kind: 'error', message: error.message };
  }
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** A sentence for a failed action (run, save, publish), with the server's own words for 4xx answers. */
export function describeActionError(error: unknown): string {
  if (error instanceof NetworkError) return m.match_needs_connection();
  if (error instanceof ApiRequestError) {
    if (error.status === 409) return m.match_conflict({ message: error.message });
    if (error.status === 403) return m.match_not_allowed();
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
