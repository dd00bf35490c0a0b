import type { Context } from 'hono';
import type { User } from '@mop/shared';
import type { MentorshipRecord, MopStore } from '../storage/index.ts';
import { ApiRefusal } from '../http/refusal.ts';

export { ApiRefusal, guarded, readBody } from '../http/refusal.ts';

/**
 * The mentorship of `:id` for one of its two members; 404 unknown, 403 anyone else. Coordinators and admins are
 * refused too: what is inside a pair (files, sessions) is the pair's.
 */
export function requirePairMember(c: Context, store: MopStore, user: User): MentorshipRecord {
  const id = c.req.param('id') ?? '';
  const mentorship = store.getMentorship(id);
  if (!mentorship) throw new ApiRefusal(404, 'not_found', `No mentorship "${id}"`);
  if (mentorship.mentorId !== user.id && mentorship.menteeId !== user.id) {
    throw new ApiRefusal(403, 'forbidden', 'Only the mentor and the mentee of this pair can do this');
  }
  return mentorship;
}
