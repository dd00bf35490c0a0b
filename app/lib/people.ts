import { m } from '$lib/paraglide/messages.js';

/**
 * A person's name to show. An erased account keeps its place in what others wrote or scheduled but has no name any
 * more, and is shown as "a former member" (docs/privacy.md) — everywhere through this one function.
 */
export function personName(name: string | null | undefined): string {
  return name || m.privacy_former_member();
}
