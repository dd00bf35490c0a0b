import type { Role } from '@mop/shared';

/** One place in the main navigation: the tab bar on phones, the top bar on laptops. */
export type DestinationId =
  'home' | 'programmes' | 'agenda' | 'community' | 'learn' | 'notifications' | 'admin' | 'account';

export interface Destination {
  id: DestinationId;
  href: string;
}

const HREFS: Record<DestinationId, string> = {
  home: '/mentoring',
  programmes: '/programmes',
  agenda: '/agenda',
  community: '/community',
  learn: '/learn',
  notifications: '/notifications',
  admin: '/admin',
  account: '/account'
};

/**
 * The four or five destinations of a signed-in role, in tab order. Mentors and mentees work in their pairs;
 * coordinators and admins in their programmes. The community is everyone's; notifications exist only for pair members.
 */
export function destinationsFor(role: Role): Destination[] {
  const ids: DestinationId[] =
    role === 'mentor' || role === 'mentee'
      ? ['home', 'agenda', 'community', 'learn', 'notifications']
      : role === 'admin'
        ? ['programmes', 'community', 'learn', 'admin', 'account']
        : ['programmes', 'community', 'learn', 'account'];
  return ids.map((id) => ({ id, href: HREFS[id] }));
}

/**
 * Which destination a path belongs to, for `aria-current`: the longest matching prefix wins, so a programme's
 * community (`/programmes/x/community`) marks the community, not the programmes, and a pair's pages mark home.
 */
export function currentDestination(pathname: string, destinations: Destination[]): DestinationId | null {
  if (/^\/programmes\/[^/]+\/community(\/|$)/.test(pathname) && destinations.some((d) => d.id === 'community')) {
    return 'community';
  }
  let best: Destination | null = null;
  for (const destination of destinations) {
    const inside = pathname === destination.href || pathname.startsWith(`${destination.href}/`);
    if (inside && (!best || destination.href.length > best.href.length)) best = destination;
  }
  return best?.id ?? null;
}
