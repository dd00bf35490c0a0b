import * as v from 'valibot';
import * as Y from 'yjs';
import { AvailabilitySlotSchema, isValidTimeZone } from '../profile-doc.ts';
import { WORKSPACE_KEYS, WorkspaceError } from './shape.ts';

// Reading and writing the availability in the pair's document, without luxon: the pages that only read it (the home,
// the workspace) do not download luxon, which `availability.ts` needs to place blocks on a calendar.

/**
 * Each member's weekly availability inside the pair's document, in their own IANA time zone. Only the member
 * writes their own entry (one plain JSON value, replaced whole), so there is nothing to merge.
 */
export const WeeklyAvailabilitySchema = v.object({
  timeZone: v.pipe(v.string(), v.check(isValidTimeZone, 'timeZone must be an IANA time zone, e.g. Europe/Rome')),
  slots: v.pipe(v.array(AvailabilitySlotSchema), v.maxLength(50)),
  updatedAt: v.optional(v.string())
});
export type WeeklyAvailability = v.InferOutput<typeof WeeklyAvailabilitySchema>;

function availabilityMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSPACE_KEYS.availability);
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Stores a member's weekly availability (validated: a known zone, blocks that end after they start). */
export function setAvailability(
  doc: Y.Doc,
  userId: string,
  availability: Omit<WeeklyAvailability, 'updatedAt'>,
  now = new Date()
): void {
  const parsed = v.safeParse(WeeklyAvailabilitySchema, availability);
  if (!parsed.success)
    throw new WorkspaceError('invalid_input', parsed.issues.map((issue) => issue.message).join('; '));
  if (parsed.output.slots.some((slot) => minutesOf(slot.end) <= minutesOf(slot.start))) {
    throw new WorkspaceError('invalid_input', 'slots: every block must end after it starts');
  }
  availabilityMap(doc).set(userId, {
    timeZone: parsed.output.timeZone,
    slots: parsed.output.slots.map((slot) => ({ ...slot })),
    updatedAt: now.toISOString()
  });
}

/** A member's weekly availability, or null when they have not given one (or it no longer validates). */
export function getAvailability(doc: Y.Doc, userId: string): WeeklyAvailability | null {
  const parsed = v.safeParse(WeeklyAvailabilitySchema, availabilityMap(doc).get(userId));
  return parsed.success ? parsed.output : null;
}
