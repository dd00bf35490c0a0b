import type { Role } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { MatchingStore } from '../matching/store.ts';
import { updateProgrammeSettings } from '../matching/settings.ts';
import { ORIGINAL_DEMO_PROFILES, generateDemoCohort, storeProfileDoc } from './matching-cohort.ts';

export const DEMO_PASSWORD = 'mop-demo';
export const DEMO_PROGRAMME_ID = 'demo-peerment-pilot';

export interface DemoAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The demo cast: people from the creative and cultural industries. Ids are fixed so tests and demos can rely on them. */
const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'demo-admin', email: 'admin@example.org', name: 'Ada Admin', role: 'admin' },
  {
    id: 'demo-coordinator',
    email: 'coordinator@example.org',
    name: 'Chiara Bellini, programme coordinator',
    role: 'coordinator'
  },
  { id: 'demo-mentor-1', email: 'mentor@example.org', name: 'Marta Rossi, illustrator', role: 'mentor' },
  { id: 'demo-mentee-1', email: 'mentee@example.org', name: 'Jonas Weber, graphic novelist', role: 'mentee' },
  { id: 'demo-mentor-2', email: 'mentor2@example.org', name: 'Aoife Byrne, theatre producer', role: 'mentor' },
  { id: 'demo-mentee-2', email: 'mentee2@example.org', name: 'Samir Haddad, sound designer', role: 'mentee' }
];

/** The two demo pairs: (mentor, mentee) account ids and the mentorship id (also the document name's id). */
const DEMO_PAIRS = [
  { id: 'demo-pair-1', mentorId: 'demo-mentor-1', menteeId: 'demo-mentee-1' },
  { id: 'demo-pair-2', mentorId: 'demo-mentor-2', menteeId: 'demo-mentee-2' }
] as const;

/**
 * Fills an empty database with the demo programme, its accounts (password `mop-demo`) and two pairs, plus the
 * unmatched cohort for matching (15 mentors, 40 mentees, `mentor03@`… and `mentee03@example.org`…) with complete
 * profiles stored as Yjs documents; with a matching store, the programme also allows self-matching.
 * Returns the accounts created, or an empty list when the database already had users.
 */
export async function seedDemoData(store: MopStore, matching?: MatchingStore): Promise<DemoAccount[]> {
  if (!store.isEmpty()) return [];
  // One hash for all demo accounts: they share a password, and scrypt is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  if (!store.isEmpty()) return [];
  for (const account of DEMO_ACCOUNTS) store.createUser({ ...account, passwordHash });
  store.createProgramme({
    id: DEMO_PROGRAMME_ID,
    name: 'PeerMent pilot cohort',
    description: 'A six-month peer mentoring pilot for early-career artists and creative freelancers.'
  });
  store.addProgrammeMember(DEMO_PROGRAMME_ID, 'demo-coordinator', 'coordinator');
  for (const pair of DEMO_PAIRS) {
    store.addProgrammeMember(DEMO_PROGRAMME_ID, pair.mentorId, 'mentor');
    store.addProgrammeMember(DEMO_PROGRAMME_ID, pair.menteeId, 'mentee');
    store.createMentorship({
      id: pair.id,
      programmeId: DEMO_PROGRAMME_ID,
      mentorId: pair.mentorId,
      menteeId: pair.menteeId
    });
  }
  const now = new Date();
  for (const [userId, profile] of Object.entries(ORIGINAL_DEMO_PROFILES)) storeProfileDoc(store, userId, profile, now);
  const cohort = generateDemoCohort();
  for (const person of cohort) {
    store.createUser({ id: person.id, email: person.email, name: person.name, role: person.role, passwordHash });
    store.addProgrammeMember(DEMO_PROGRAMME_ID, person.id, person.role);
    storeProfileDoc(store, person.id, person.profile, now);
  }
  if (matching)
    updateProgrammeSettings(
      matching,
      DEMO_PROGRAMME_ID,
      { selfMatching: true, rules: { maxTimeZoneGapHours: 6 } },
      now
    );
  return [...DEMO_ACCOUNTS, ...cohort.map(({ id, email, name, role }) => ({ id, email, name, role }))];
}
