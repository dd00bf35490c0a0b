import { MAX_RANKED_MENTORS, type MatchingProfile, type MentorPublicProfile } from '@mop/shared';

/**
 * The mentee's ranking of preferred mentors (the profile's `ranking`, mentor user ids, best first) as plain list
 * operations. Each returns a new list, so the result can be written to the profile document whole, like every other
 * answer; a list that did not change comes back equal, and an id is never listed twice.
 */

/** The ranking without repeated ids (a merge of two devices' answers could, in principle, repeat one). */
export function cleanRanking(ranking: readonly string[]): string[] {
  return [...new Set(ranking)];
}

/** Whether another mentor can be added. */
export function canRankMore(ranking: readonly string[], max: number = MAX_RANKED_MENTORS): boolean {
  return cleanRanking(ranking).length < max;
}

/** Adds a mentor at the end (the lowest place); unchanged when already ranked or when the list is full. */
export function addToRanking(ranking: readonly string[], mentorId: string, max: number = MAX_RANKED_MENTORS): string[] {
  const clean = cleanRanking(ranking);
  if (clean.includes(mentorId) || clean.length >= max) return clean;
  return [...clean, mentorId];
}

/** Takes a mentor out; the ones below move up a place. */
export function removeFromRanking(ranking: readonly string[], mentorId: string): string[] {
  return cleanRanking(ranking).filter((id) => id !== mentorId);
}

/** Moves a mentor one place up (`-1`, towards first choice) or down (`1`); unchanged at either end. */
export function moveInRanking(ranking: readonly string[], mentorId: string, direction: -1 | 1): string[] {
  const clean = cleanRanking(ranking);
  const from = clean.indexOf(mentorId);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= clean.length) return clean;
  [clean[from], clean[to]] = [clean[to]!, clean[from]!];
  return clean;
}

/** One place of the ranking, with the mentor's public profile when this device knows it. */
export interface RankedEntry {
  mentorId: string;
  /** 1 = first choice. */
  rank: number;
  /** Null when the mentor list was never fetched on this device, or the mentor is no longer listed. */
  mentor: MentorPublicProfile | null;
}

export function rankedEntries(
  ranking: readonly string[],
  mentors: ReadonlyMap<string, MentorPublicProfile>
): RankedEntry[] {
  return cleanRanking(ranking).map((mentorId, index) => ({
    mentorId,
    rank: index + 1,
    mentor: mentors.get(mentorId) ?? null
  }));
}

function sharedCount(a: readonly string[], b: readonly string[]): number {
  return a.filter((item) => b.includes(item)).length;
}

/**
 * Mentors in the order most useful to this mentee: most of the skills they want first, then most shared sectors,
 * then mentors with a free place before full ones, then by name. A rough guide to reading the list, not the
 * matching's score.
 */
export function orderMentorsByFit(
  mentors: readonly MentorPublicProfile[],
  mentee: Pick<MatchingProfile, 'skillsWanted' | 'sectors'>
): MentorPublicProfile[] {
  const fit = (mentor: MentorPublicProfile) => [
    sharedCount(mentee.skillsWanted, mentor.skillsOffered),
    sharedCount(mentee.sectors, mentor.sectors),
    mentor.freeCapacity > 0 ? 1 : 0
  ];
  return [...mentors].sort((a, b) => {
    const fa = fit(a);
    const fb = fit(b);
    for (let k = 0; k < fa.length; k++) if (fa[k] !== fb[k]) return fb[k]! - fa[k]!;
    return a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId);
  });
}

/**
 * Whether a mentor matches what the mentee typed in the list's filter: every word must appear in the name,
 * headline, organisation or one of the given labels (sectors, skills, languages, country), ignoring case and accents.
 */
export function mentorMatchesQuery(
  mentor: MentorPublicProfile,
  query: string,
  labels: readonly string[] = []
): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([mentor.displayName, mentor.headline, mentor.organisation, ...labels].join(' '));
  return words.every((word) => haystack.includes(word));
}
