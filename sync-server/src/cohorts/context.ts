import type { Context } from 'hono';
import { mentorshipDocName, profileDocName, type User } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { MatchingStore } from '../matching/store.ts';
import { ApiRefusal } from '../http/refusal.ts';
import type { AuditWrite, CohortsStore } from './store.ts';

/** What the cohorts routes share: the module context, their own tables, and the matching settings they edit. */
export interface CohortsContext {
  ctx: ModuleContext;
  cohorts: CohortsStore;
  matching: MatchingStore;
  /** Installs the sample learning library (collections, resources, modules); does nothing for what exists. */
  installStarterLibrary(): Promise<void>;
  /** Closes the live connections of these (already deleted) sessions. */
  endSessions(sessionHashes: string[]): void;
}

/** The signed-in admin, or a 401/403 refusal. */
/**
 * The programme of `:id` for its coordinators and admins; 404 for an unknown id, 403 for anyone else. With
 * `writable`, an archived programme is refused with 409 (archived programmes are read-only).
 */
export function coordinatedProgramme(
  c: Context,
  deps: CohortsContext,
  user: User,
  options: { writable?: boolean } = {}
) {
  const id = c.req.param('id') ?? '';
  const programme = deps.cohorts.getProgramme(id);
  if (!programme) throw new ApiRefusal(404, 'not_found', `No programme "${id}"`);
  const coordinates = deps.ctx.store
    .listProgrammeRoles(user.id)
    .some((row) => row.programmeId === id && row.role === 'coordinator');
  if (user.role !== 'admin' && !coordinates)
    throw new ApiRefusal(403, 'forbidden', "Only this programme's coordinators and admins can do this");
  if (options.writable && programme.archivedAt)
    throw new ApiRefusal(409, 'programme_archived', 'This programme is archived and read-only');
  return programme;
}

/** Writes one audit entry for an action of `actor`. */
export function audit(
  deps: CohortsContext,
  actor: User | null,
  entry: Omit<AuditWrite, 'actorId' | 'actorName'>
): void {
  deps.cohorts.audit(
    { ...entry, actorId: actor?.id ?? null, actorName: actor ? `${actor.name} <${actor.email}>` : 'system' },
    deps.ctx.now()
  );
}

/**
 * The shared documents whose access follows this programme's state: its pairs' documents and its members' profiles.
 * Their live connections are reopened when the programme is archived or unarchived.
 */
export function programmeDocNames(deps: CohortsContext, programmeId: string): string[] {
  return [
    ...deps.matching.listMentorships(programmeId).map((pair) => mentorshipDocName(pair.id)),
    ...deps.matching.listMembers(programmeId).map((member) => profileDocName(member.userId))
  ];
}
