import * as v from 'valibot';
import { MentorPublicProfileSchema } from '@mop/shared';
import { getSetting, setSetting } from '$lib/services/storage.service';
import { listProgrammeMentors, listProgrammes } from './matching-api.service';

/**
 * The mentors a mentee may rank, per programme where they are a mentee, as last fetched. Kept in the app's settings
 * table, so the "Preferred mentors" step can name them offline; the ranking itself lives in the profile document.
 */
const RankableMentorsSchema = v.object({
  fetchedAt: v.string(),
  programmes: v.array(v.object({ id: v.string(), name: v.string(), mentors: v.array(MentorPublicProfileSchema) }))
});
export type RankableMentors = v.InferOutput<typeof RankableMentorsSchema>;

const cacheKey = (userId: string) => `rankable-mentors:${userId}`;

/** Fetches the mentor lists of every programme where the user is a mentee and keeps them on this device. */
export async function fetchRankableMentors(userId: string): Promise<RankableMentors> {
  const { programmes } = await listProgrammes();
  const mine = programmes.filter((programme) => programme.roles.includes('mentee'));
  const lists = await Promise.all(
    mine.map(async (programme) => ({
      id: programme.id,
      name: programme.name,
      mentors: (await listProgrammeMentors(programme.id)).mentors
    }))
  );
  const result: RankableMentors = { fetchedAt: new Date().toISOString(), programmes: lists };
  // A device that cannot keep the copy (storage full, private mode) still shows this visit's list.
  await setSetting(cacheKey(userId), result).catch((error: unknown) =>
    console.warn('MOP: could not keep the mentor list on this device', error)
  );
  return result;
}

/** The lists as last fetched on this device, or null when never fetched (or saved by an incompatible version). */
export async function loadCachedRankableMentors(userId: string): Promise<RankableMentors | null> {
  const parsed = v.safeParse(RankableMentorsSchema, await getSetting<unknown>(cacheKey(userId)));
  return parsed.success ? parsed.output : null;
}
