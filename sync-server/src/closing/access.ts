import type { User } from '@mop/shared';
import { ApiRefusal } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import type { ClosingStore, PairRecord, ProgrammeRecord } from './store.ts';

/** Whether `user` coordinates the programme (admins count as coordinators of every programme). */
export function coordinates(ctx: ModuleContext, user: User, programmeId: string): boolean {
  return (
    user.role === 'admin' ||
    ctx.store.listProgrammeRoles(user.id).some((row) => row.programmeId === programmeId && row.role === 'coordinator')
  );
}

/** The pair of `id`, or 404. */
export function pairOr404(closing: ClosingStore, id: string): PairRecord {
  const pair = closing.getPair(id);
  if (!pair) throw new ApiRefusal(404, 'not_found', `No mentorship "${id}"`);
  return pair;
}

export const isMember = (pair: PairRecord, user: User) => pair.mentorId === user.id || pair.menteeId === user.id;

/** The programme of `id` for its coordinators and admins: 404 unknown, 403 anyone else. */
export function coordinatedProgramme(
  ctx: ModuleContext,
  closing: ClosingStore,
  user: User,
  id: string
): ProgrammeRecord {
  const programme = closing.programme(id);
  if (!programme) throw new ApiRefusal(404, 'not_found', `No programme "${id}"`);
  if (!coordinates(ctx, user, id))
    throw new ApiRefusal(403, 'forbidden', "Only this programme's coordinators and admins can do this");
  return programme;
}
