import * as Y from 'yjs';
import {
  CCI_SECTORS,
  MATCHING_GOALS,
  MATCHING_SKILLS,
  profileDocName,
  writeProfile,
  type AvailabilitySlot,
  type MatchingProfilePatch
} from '@mop/shared';
import type { MopStore } from '../storage/index.ts';

/**
 * The unmatched part of the demo cohort: 15 mentors and 40 mentees with complete, varied matching profiles, so a
 * coordinator has something real to match. Generated from a fixed seed, so every fresh demo database is the same.
 */

export interface DemoPerson {
  id: string;
  email: string;
  name: string;
  role: 'mentor' | 'mentee';
  profile: MatchingProfilePatch;
}

/** mulberry32: a tiny, good-enough seeded PRNG (the demo only needs repeatable variety). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [first name, family name, country, IANA zone, languages besides English]. */
const PEOPLE: readonly [string, string, string, string, string[]][] = [
  ['Inês', 'Carvalho', 'PT', 'Europe/Lisbon', ['pt']],
  ['Lukas', 'Novák', 'CZ', 'Europe/Prague', ['cs', 'de']],
  ['Sofia', 'Papadopoulou', 'GR', 'Europe/Athens', ['el']],
  ['Mateusz', 'Kowalski', 'PL', 'Europe/Warsaw', ['pl']],
  ['Elena', 'Popescu', 'RO', 'Europe/Bucharest', ['ro', 'fr']],
  ['Pablo', 'García', 'ES', 'Europe/Madrid', ['es']],
  ['Giulia', 'Conti', 'IT', 'Europe/Rome', ['it']],
  ['Émilie', 'Laurent', 'FR', 'Europe/Paris', ['fr']],
  ['Sven', 'Lindqvist', 'SE', 'Europe/Stockholm', ['sv']],
  ['Aino', 'Virtanen', 'FI', 'Europe/Helsinki', ['fi', 'sv']],
  ['Daan', 'de Vries', 'NL', 'Europe/Amsterdam', ['nl', 'de']],
  ['Zsófia', 'Nagy', 'HU', 'Europe/Budapest', ['hu']],
  ['Ivana', 'Horvat', 'HR', 'Europe/Zagreb', ['hr']],
  ['Nika', 'Kranjc', 'SI', 'Europe/Ljubljana', ['sl', 'it']],
  ['Ciarán', "O'Neill", 'IE', 'Europe/Dublin', ['ga']],
  ['Hannah', 'Schmidt', 'DE', 'Europe/Berlin', ['de']],
  ['Tiago', 'Ferreira', 'PT', 'Europe/Lisbon', ['pt', 'es']],
  ['Chloé', 'Dubois', 'BE', 'Europe/Brussels', ['fr', 'nl']],
  ['Marco', 'Esposito', 'IT', 'Europe/Rome', ['it', 'es']],
  ['Lucía', 'Fernández', 'ES', 'Europe/Madrid', ['es', 'pt']],
  ['Oksana', 'Shevchenko', 'UA', 'Europe/Kyiv', ['uk', 'pl']],
  ['Emre', 'Yılmaz', 'TR', 'Europe/Istanbul', ['tr', 'de']],
  ['Katarzyna', 'Wiśniewska', 'PL', 'Europe/Warsaw', ['pl', 'de']],
  ['Andreas', 'Georgiou', 'CY', 'Asia/Nicosia', ['el']],
  ['Léa', 'Moreau', 'FR', 'Europe/Paris', ['fr', 'it']],
  ['Jakob', 'Gruber', 'AT', 'Europe/Vienna', ['de']],
  ['Maja', 'Jensen', 'DK', 'Europe/Copenhagen', ['sv']],
  ['Tomás', 'Kelly', 'IE', 'Europe/Dublin', ['fr']],
  ['Bianca', 'Ionescu', 'RO', 'Europe/Bucharest', ['ro', 'it']],
  ['Jan', 'Dvořák', 'CZ', 'Europe/Prague', ['cs']],
  ['Eleni', 'Nikolaidou', 'GR', 'Europe/Athens', ['el', 'fr']],
  ['Rui', 'Almeida', 'PT', 'Europe/Lisbon', ['pt', 'fr']],
  ['Anna', 'Müller', 'CH', 'Europe/Zurich', ['de', 'fr', 'it']],
  ['Lina', 'Berg', 'NO', 'Europe/Oslo', ['sv']],
  ['Karim', 'Benali', 'FR', 'Europe/Paris', ['fr', 'ar']],
  ['Ana', 'Kovačević', 'HR', 'Europe/Zagreb', ['hr', 'de']],
  ['Petra', 'Szabó', 'HU', 'Europe/Budapest', ['hu', 'de']],
  ['Matteo', 'Ricci', 'IT', 'Europe/Rome', ['it', 'fr']],
  ['Sara', 'Lindberg', 'SE', 'Europe/Stockholm', ['sv', 'fi']],
  ['Noor', 'Jansen', 'NL', 'Europe/Amsterdam', ['nl', 'ar']],
  ['Javier', 'Ruiz', 'ES', 'Europe/Madrid', ['es', 'fr']],
  ['Olga', 'Kowalczyk', 'PL', 'Europe/Warsaw', ['pl', 'uk']],
  ['Martina', 'Horváthová', 'SK', 'Europe/Bratislava', ['cs', 'hu']],
  ['Nikos', 'Andreou', 'GR', 'Europe/Athens', ['el']],
  ['Clara', 'Santos', 'BR', 'America/Sao_Paulo', ['pt', 'es']],
  ['Maya', 'Thompson', 'CA', 'America/Toronto', ['fr']],
  ['Mia', 'Hoffmann', 'DE', 'Europe/Berlin', ['de', 'es']],
  ['Laura', 'Bianchi', 'IT', 'Europe/Rome', ['it']],
  ['Lotte', 'Peeters', 'BE', 'Europe/Brussels', ['nl', 'fr']],
  ['Yusuf', 'Demir', 'DE', 'Europe/Berlin', ['de', 'tr']],
  ['Camille', 'Girard', 'FR', 'Europe/Paris', ['fr', 'es']],
  ['Aleksandra', 'Nowak', 'PL', 'Europe/Warsaw', ['pl']],
  ['Diego', 'Moreno', 'ES', 'Atlantic/Canary', ['es']],
  ['Hana', 'Petrović', 'SI', 'Europe/Ljubljana', ['sl', 'hr']],
  ['Ben', 'Walsh', 'IE', 'Europe/Dublin', ['de']]
];

const ORGANISATIONS = [
  'Creative Hub Lisboa',
  'Kulturfabrik Berlin',
  'Teatro delle Arti',
  'Nordic Design Lab',
  'Festival Network Europe'
];
const HEADLINES: Record<string, string> = {
  architecture: 'architect',
  'archives-libraries': 'archivist',
  crafts: 'ceramicist',
  audiovisual: 'documentary maker',
  'cultural-heritage': 'museum educator',
  design: 'graphic designer',
  fashion: 'fashion designer',
  festivals: 'festival producer',
  games: 'indie game developer',
  'literature-publishing': 'writer and editor',
  music: 'musician and composer',
  'performing-arts': 'theatre maker',
  'visual-arts': 'photographer',
  'radio-podcasts': 'podcast producer',
  advertising: 'creative director'
};

/**
 * "a" or "an" with the word, by the word's first letter ("an architect", "a musician"). The demo's headlines have
 * no silent h or sounded-as-"you" u, so the letter is enough.
 */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** Picks `count` distinct items, earlier items of `items` more often (a skewed, realistic popularity). */
function pickSkewed<T>(random: () => number, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(items[Math.floor(items.length * random() ** 1.6)]!);
  return [...chosen];
}

function availability(random: () => number): AvailabilitySlot[] {
  const patterns: AvailabilitySlot[][] = [
    [
      { day: 1, start: '18:00', end: '20:00' },
      { day: 3, start: '18:00', end: '20:00' }
    ],
    [
      { day: 0, start: '12:00', end: '14:00' },
      { day: 2, start: '12:00', end: '13:30' }
    ],
    [{ day: 5, start: '10:00', end: '13:00' }],
    [
      { day: 2, start: '17:30', end: '19:30' },
      { day: 4, start: '09:00', end: '11:00' }
    ],
    [
      { day: 1, start: '08:00', end: '10:00' },
      { day: 3, start: '19:00', end: '21:00' },
      { day: 6, start: '10:00', end: '12:00' }
    ]
  ];
  const first = patterns[Math.floor(random() * patterns.length)]!;
  const second = random() < 0.5 ? patterns[Math.floor(random() * patterns.length)]! : [];
  const slots = [...first, ...second];
  return slots.filter((slot, i) => slots.findIndex((s) => s.day === slot.day && s.start === slot.start) === i);
}

/** Capacities of the 15 generated mentors (41 places for 40 mentees, before the rules exclude some pairs). */
const CAPACITIES = [1, 2, 3, 4, 5, 2, 3, 1, 2, 4, 3, 2, 5, 1, 3];
const GENERATED_MENTORS = CAPACITIES.length;
const GENERATED_MENTEES = 40;

/** The generated demo people, always the same: mentor03…mentor17 and mentee03…mentee42 @example.org. */
export function generateDemoCohort(seed = 20260115): DemoPerson[] {
  const random = seededRandom(seed);
  const sectors = CCI_SECTORS.map((s) => s.id);
  const skills = MATCHING_SKILLS.map((s) => s.id);
  const goals = MATCHING_GOALS.map((g) => g.id);
  const people: DemoPerson[] = [];
  for (let i = 0; i < GENERATED_MENTORS + GENERATED_MENTEES; i++) {
    const role = i < GENERATED_MENTORS ? 'mentor' : 'mentee';
    const n = (role === 'mentor' ? i : i - GENERATED_MENTORS) + 3;
    const [first, last, country, timeZone, languages] = PEOPLE[i % PEOPLE.length]!;
    const name = `${first} ${last}`;
    const personSectors = pickSkewed(random, sectors, 1 + Math.floor(random() * 2));
    const headline = HEADLINES[personSectors[0]!] ?? 'creative professional';
    // Most speak English; a few only their own languages, so the shared-language rule has work to do.
    const speaks = random() < 0.88 ? ['en', ...languages] : [...languages];
    const organisation = random() < 0.45 ? ORGANISATIONS[Math.floor(random() * ORGANISATIONS.length)]! : '';
    const profile: MatchingProfilePatch = {
      displayName: name,
      headline: role === 'mentor' ? `Experienced ${headline}` : `Early-career ${headline}`,
      bio:
        role === 'mentor'
          ? `${first} has worked as ${withArticle(headline)} for over ten years and enjoys helping newcomers find their way.`
          : `${first} is building a practice as ${withArticle(headline)} and is looking for a mentor to grow with.`,
      sectors: personSectors,
      languages: speaks,
      country,
      timeZone,
      availability: availability(random),
      organisation,
      goals: pickSkewed(random, goals, role === 'mentor' ? 3 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3)),
      completedAt: '2026-01-10T09:00:00.000Z'
    };
    if (role === 'mentor') {
      profile.skillsOffered = pickSkewed(random, skills, 3 + Math.floor(random() * 3));
      profile.capacity = CAPACITIES[i]!;
    } else {
      profile.skillsWanted = pickSkewed(random, skills, 2 + Math.floor(random() * 2));
    }
    const id = `demo-${role}-${n}`;
    people.push({ id, email: `${role}${String(n).padStart(2, '0')}@example.org`, name, role, profile });
  }
  // A few mentees rank mentors they have heard of (the stable mode and the preference criterion use this).
  const mentorIds = people.filter((p) => p.role === 'mentor').map((p) => p.id);
  for (const mentee of people.filter((p) => p.role === 'mentee')) {
    if (random() < 0.3) mentee.profile.ranking = pickSkewed(random, mentorIds, 2);
  }
  return people;
}

/** Profiles of the four original demo mentors and mentees, by account id. */
export const ORIGINAL_DEMO_PROFILES: Record<string, MatchingProfilePatch> = {
  'demo-mentor-1': {
    displayName: 'Marta Rossi',
    headline: 'Illustrator and picture-book author',
    country: 'IT',
    timeZone: 'Europe/Rome',
    sectors: ['visual-arts', 'literature-publishing'],
    skillsOffered: ['branding', 'pricing', 'contracts', 'ip-copyright'],
    goals: ['build-portfolio', 'find-audience', 'start-business'],
    languages: ['it', 'en'],
    capacity: 2,
    availability: [
      { day: 1, start: '18:00', end: '20:00' },
      { day: 4, start: '12:00', end: '13:00' }
    ],
    organisation: 'Studio Rossi',
    bio: 'Twenty years of illustrating for publishers across Europe.',
    completedAt: '2026-01-05T09:00:00.000Z'
  },
  'demo-mentee-1': {
    displayName: 'Jonas Weber',
    headline: 'Graphic novelist',
    country: 'DE',
    timeZone: 'Europe/Berlin',
    sectors: ['literature-publishing', 'visual-arts'],
    skillsWanted: ['pricing', 'ip-copyright', 'marketing'],
    goals: ['build-portfolio', 'find-audience'],
    languages: ['de', 'en'],
    availability: [{ day: 1, start: '18:00', end: '20:00' }],
    organisation: '',
    bio: 'Working on my second graphic novel and my first publisher contract.',
    completedAt: '2026-01-06T09:00:00.000Z'
  },
  'demo-mentor-2': {
    displayName: 'Aoife Byrne',
    headline: 'Theatre producer',
    country: 'IE',
    timeZone: 'Europe/Dublin',
    sectors: ['performing-arts', 'festivals'],
    skillsOffered: ['fundraising', 'eu-funding', 'production', 'international-touring'],
    goals: ['go-international', 'first-funding', 'leadership'],
    languages: ['en', 'ga', 'fr'],
    capacity: 3,
    availability: [
      { day: 2, start: '17:00', end: '19:00' },
      { day: 4, start: '09:00', end: '11:00' }
    ],
    organisation: 'Festival Network Europe',
    bio: 'Produces touring theatre and runs a festival network.',
    completedAt: '2026-01-05T09:00:00.000Z'
  },
  'demo-mentee-2': {
    displayName: 'Samir Haddad',
    headline: 'Sound designer',
    country: 'FR',
    timeZone: 'Europe/Paris',
    sectors: ['music', 'performing-arts', 'audiovisual'],
    skillsWanted: ['production', 'eu-funding', 'networking'],
    goals: ['go-international', 'first-funding'],
    languages: ['fr', 'ar', 'en'],
    availability: [{ day: 2, start: '18:00', end: '20:00' }],
    organisation: '',
    bio: 'Designs sound for theatre and dance; wants to tour abroad.',
    completedAt: '2026-01-06T09:00:00.000Z'
  }
};

/** Stores a profile as one Yjs update in the document log, exactly as if its owner had synced it. */
export function storeProfileDoc(store: MopStore, userId: string, profile: MatchingProfilePatch, now: Date): void {
  const doc = new Y.Doc();
  try {
    writeProfile(doc, profile, now);
    store.appendDocUpdate(profileDocName(userId), Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
}
