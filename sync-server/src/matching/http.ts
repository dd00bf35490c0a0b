import type { Context } from 'hono';
import * as v from 'valibot';
import { describeIssues, type User } from '@mop/shared';
import type { MopStore, ProgrammeRole } from '../storage/index.ts';
import { sessionUser } from '../auth/routes.ts';
import { apiError } from '../http/errors.ts';
import { MatchingRefusal } from './errors.ts';
import type { MatchingStore, ProgrammeRecord } from './store.ts';

type Handler = (c: Context) => Response | Promise<Response>;

/** Turns the workflow's refusals into 4xx answers; anything else stays a real error. */
export function guarded(handler: Handler): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof MatchingRefusal) return apiError(c, error.status, error.code, error.message);
      throw error;
    }
  };
}

/** The signed-in user, or a 401 refusal. */
export function requireUser(c: Context, store: MopStore): User {
  const user = sessionUser(c, store);
  if (!user) throw new MatchingRefusal(401, 'unauthenticated', 'Sign in first');
  return user;
}

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
  if (!programme) throw new MatchingRefusal(404, 'not_found', `No programme "${id}"`);
  const roles = store.listProgrammeRoles(user.id).filter((row) => row.programmeId === id).map((row) => row.role);
  if (roles.length === 0 && user.role !== 'admin') throw new MatchingRefusal(403, 'forbidden', 'You are not a member of this programme');
  return { programme, roles, canCoordinate: user.role === 'admin' || roles.includes('coordinator') };
}

/** Like `programmeFor`, but only for the programme's coordinators and admins. */
export function coordinatedProgramme(c: Context, store: MopStore, matching: MatchingStore, user: User): ProgrammeAccess {
  const access = programmeFor(c, store, matching, user);
  if (!access.canCoordinate) throw new MatchingRefusal(403, 'forbidden', "Only this programme's coordinators and admins can do this");
  return access;
}

/**
 * Reads and validates a JSON body; 415 for another content type, 400 naming the field for a bad one. With
 * `allowEmpty`, an empty body (no content type needed) reads as `{}`.
 */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S, allowEmpty = false): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '' || !allowEmpty) {
    if (!/^application\/json\b/i.test((c.req.header('content-type') ?? '').trim())) {
      throw new MatchingRefusal(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new MatchingRefusal(400, 'invalid_json', 'The request body is not valid JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MatchingRefusal(400, 'invalid_request', 'The request body must be a JSON object');
  }
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new MatchingRefusal(400, 'invalid_request', describeIssues(parsed.issues));
  return parsed.output;
}
