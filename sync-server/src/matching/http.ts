import type { Context } from 'hono';
import type { User } from '@mop/shared';
import type { MopStore, ProgrammeRole } from '../storage/index.ts';
import { ApiRefusal } from '../http/refusal.ts';

export { guarded, readBody } from '../http/refusal.ts';
import type { MatchingStore, ProgrammeRecord } from './store.ts';

/** A programme as the caller sees it: the record and the caller's roles in it. */
export interface ProgrammeAccess {
  programme: ProgrammeRecord;
  roles: ProgrammeRole[];
  /** Coordinator of this programme, or admin. */
  canCoordinate: boolean;
}

/** The programme of `:id` for a member or an admin; 404 for an unknown id, 403 for someone outside it. */
export function programmeFor(c: Context, store: MopStore, matching: MatchingStore, user: User): ProgrammeAccess {
  const id = c.req.param('id') ?? '';
  const programme = matching.getProgramme(id);
  if (!programme) throw new ApiRefusal(404, 'not_found', `No programme "${id}"`);
  const roles = store
    .listProgrammeRoles(user.id)
    .filter((row) => row.programmeId === id)
    .map((row) => row.role);
  if (roles.length === 0 && user.role !== 'admin')
    throw new ApiRefusal(403, 'forbidden', 'You are not a member of this programme');
  return { programme, roles, canCoordinate: user.role === 'admin' || roles.includes('coordinator') };
}

/** Like `programmeFor`, but only for the programme's coordinators and admins. */
export function coordinatedProgramme(
  c: Context,
  store: MopStore,
  matching: MatchingStore,
  user: User
): ProgrammeAccess {
  const access = programmeFor(c, store, matching, user);
  if (!access.canCoordinate)
    throw new ApiRefusal(403, 'forbidden', "Only this programme's coordinators and admins can do this");
  return access;
}
