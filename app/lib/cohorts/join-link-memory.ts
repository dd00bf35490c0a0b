import type { JoinLink } from '@mop/shared';

/**
 * The workshop links this browser tab made, kept in the tab's `sessionStorage` so that reloading the page (the
 * projector's laptop at a workshop) shows the same link and QR code again.
 *
 * The server keeps only a hash of each link's token, on purpose: a copy of the database, a backup or an admin cannot
 * let anyone join a programme. So the address can be shown again only where it was made. `sessionStorage` is the
 * narrowest place that survives a reload: it belongs to this tab alone, is gone when the tab is closed, and holds a
 * link only while it can still be used (the closed, used-up and expired ones are pruned). A join link is meant to be
 * shown on a screen to a room anyway, and this tab showed it already. Another tab or device shows that the link is
 * open, until when, and offers to make a new one.
 */

const KEY_PREFIX = 'mop.joinLinks.';

/** The part of `Storage` used here (tests pass a Map-backed one). */
export type LinkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function tabStorage(): LinkStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Storage blocked by the browser's settings: the link is shown until the page is left, as before.
    return null;
  }
}

/** Whether people can still join through the link at `now`. */
export function isJoinLinkOpen(link: JoinLink, now = new Date()): boolean {
  return !link.revokedAt && link.uses < link.maxUses && new Date(link.expiresAt) > now;
}

function read(storage: LinkStorage, programmeId: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY_PREFIX + programmeId) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    );
  } catch {
    return {};
  }
}

function write(storage: LinkStorage, programmeId: string, links: Record<string, string>): void {
  try {
    if (Object.keys(links).length === 0) storage.removeItem(KEY_PREFIX + programmeId);
    else storage.setItem(KEY_PREFIX + programmeId, JSON.stringify(links));
  } catch {
    // Storage full or blocked: the link is still shown until the page is left.
  }
}

/** Keeps the address of a link this tab just made. */
export function rememberJoinLink(
  programmeId: string,
  linkId: string,
  link: string,
  storage: LinkStorage | null = tabStorage()
): void {
  if (storage) write(storage, programmeId, { ...read(storage, programmeId), [linkId]: link });
}

/**
 * The addresses this tab made of the programme's links that are still open (by link id); the others are forgotten.
 */
export function rememberedJoinLinks(
  programmeId: string,
  links: readonly JoinLink[],
  now = new Date(),
  storage: LinkStorage | null = tabStorage()
): Record<string, string> {
  if (!storage) return {};
  const open = new Set(links.filter((link) => isJoinLinkOpen(link, now)).map((link) => link.id));
  const kept = Object.fromEntries(Object.entries(read(storage, programmeId)).filter(([id]) => open.has(id)));
  write(storage, programmeId, kept);
  return kept;
}

/** What "make a new link like this one" asks for: the same role, the time and the uses it has left. */
export function likeJoinLink(
  link: JoinLink,
  now = new Date()
): { role: JoinLink['role']; expiresInHours: number; maxUses: number } {
  const hoursLeft = Math.ceil((new Date(link.expiresAt).getTime() - now.getTime()) / 3_600_000);
  return {
    role: link.role,
    expiresInHours: Math.min(720, Math.max(1, hoursLeft)),
    maxUses: Math.min(1000, Math.max(1, link.maxUses - link.uses))
  };
}
