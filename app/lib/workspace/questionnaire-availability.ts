import {
  isValidTimeZone,
  minutesOf,
  type AvailabilitySlot,
  type MatchingProfile,
  type WeeklyAvailability
} from '@mop/shared';

/** The most blocks a pair's weekly availability holds (`WeeklyAvailabilitySchema`). */
const MAX_BLOCKS = 50;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The blocks of each day, sorted, with touching or overlapping ones joined (the questionnaire's grid gives many). */
function joinedBlocks(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
  const sorted = slots
    .filter((slot) => minutesOf(slot.end) > minutesOf(slot.start))
    .map((slot) => ({ day: slot.day, start: minutesOf(slot.start), end: minutesOf(slot.end) }))
    .sort((a, b) => a.day - b.day || a.start - b.start);
  const joined: { day: number; start: number; end: number }[] = [];
  for (const block of sorted) {
    const last = joined.at(-1);
    if (last && last.day === block.day && block.start <= last.end) last.end = Math.max(last.end, block.end);
    else joined.push({ ...block });
  }
  return joined.map((block) => ({ day: block.day, start: hhmm(block.start), end: hhmm(block.end) }));
}

/**
 * What a member answered about their week in the matching questionnaire, as the pair's weekly availability: the
 * same blocks (joined where they touch, at most 50) in the questionnaire's time zone, or `fallbackZone` when that
 * was not given. Null when the questionnaire has no blocks. It prefills the member's form; it is shared with the
 * other member only once the member saves it (the questionnaire's availability is not shown to them otherwise).
 */
export function availabilityFromQuestionnaire(
  profile: Pick<MatchingProfile, 'availability' | 'timeZone'> | null,
  fallbackZone: string
): Omit<WeeklyAvailability, 'updatedAt'> | null {
  if (!profile) return null;
  const slots = joinedBlocks(profile.availability).slice(0, MAX_BLOCKS);
  if (slots.length === 0) return null;
  return { timeZone: isValidTimeZone(profile.timeZone) ? profile.timeZone : fallbackZone, slots };
}
