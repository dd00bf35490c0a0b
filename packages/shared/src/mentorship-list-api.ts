import * as v from 'valibot';
import { MentorshipSchema } from './api.ts';

// The mentorship list and the pairs' summaries, apart from `api.ts`: only a signed-in member's pages read them, and
// the public pages load `api.ts`'s chunk.

/** The kinds of news a pair's document holds for one member: the other member's messages, session changes, pins. */
export const PAIR_NEWS_KINDS = ['message', 'session', 'pin'] as const;

/**
 * What the home's pair card and the header's notification count read of one pair, for one of its members: computed
 * from the pair's document by `summarisePair` (on the server for the mentorship list, on the device whenever the
 * document is open), so that the home and the header need no Yjs. Only ever sent to a member of the pair.
 */
export const PairSummarySchema = v.object({
  /** When it was computed (ISO); a device keeps the newest. */
  computedAt: v.string(),
  /** The next sessions (at most 3, soonest first) as `agenda` listed them then: the card shows the first still ahead. */
  upcoming: v.array(
    v.object({
      title: v.string(),
      /** Start and end once accepted; null while an offer waits for an answer. */
      accepted: v.nullable(v.object({ start: v.string(), end: v.string() })),
      /** The offered slots (start instants), for an offer still waiting. */
      slots: v.array(v.string()),
      videoUrl: v.string(),
      place: v.string()
    })
  ),
  /** Messages of the other member this member has not read. */
  unread: v.number(),
  progress: v.object({
    /** The MENTRA phase's id, for its name in the reader's language (absent from summaries kept by older versions). */
    phaseId: v.optional(v.string()),
    phaseTitle: v.string(),
    stepsDone: v.number(),
    stepsTotal: v.number(),
    goalsDone: v.number(),
    goalsTotal: v.number()
  }),
  /** The three notes changed last (not in the bin). */
  latestNotes: v.array(v.object({ id: v.string(), title: v.string(), updatedAt: v.string() })),
  /**
   * The other member's messages, session changes and pins (newest first, at most 100: the notification list keeps no
   * more), without their text: what the header's count compares with what the member has seen.
   */
  news: v.array(
    v.object({
      id: v.string(),
      kind: v.picklist(PAIR_NEWS_KINDS),
      at: v.string(),
      /** For messages: not read yet in the conversation. */
      unread: v.boolean()
    })
  )
});
export type PairSummary = v.InferOutput<typeof PairSummarySchema>;

/** Newest first, ties by id: the order of the notification list. */
export function byNewest(a: { at: string; id: string }, b: { at: string; id: string }): number {
  return b.at.localeCompare(a.at) || a.id.localeCompare(b.id);
}

/**
 * The session a summary's card shows as next at `now`: the first still ahead (accepted and not over, or with a slot to
 * come). Defined beside the schema, away from Yjs: the home reads it.
 */
export function nextSummarySession(summary: PairSummary, now = new Date()): PairSummary['upcoming'][number] | null {
  const t = now.getTime();
  return (
    summary.upcoming.find((session) =>
      session.accepted ? Date.parse(session.accepted.end) > t : session.slots.some((slot) => Date.parse(slot) > t)
    ) ?? null
  );
}

/**
 * `GET /api/mentorships`: the pairs a user may see; the caller's own pairs carry their summary (what their home card
 * and notification count show, see `PairSummarySchema`), other people's pairs never do.
 */
export const ListedMentorshipSchema = v.object({ ...MentorshipSchema.entries, summary: v.optional(PairSummarySchema) });
export type ListedMentorship = v.InferOutput<typeof ListedMentorshipSchema>;

export const MentorshipListSchema = v.object({ mentorships: v.array(ListedMentorshipSchema) });
export type MentorshipList = v.InferOutput<typeof MentorshipListSchema>;
