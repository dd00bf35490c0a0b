import type { Context } from 'hono';
import * as v from 'valibot';
import { describeIssues, type User } from '@mop/shared';
import type { MentorshipRecord, MopStore } from '../storage/index.ts';
import { sessionUser } from '../auth/routes.ts';
import { apiError } from '../http/errors.ts';

/** A refusal of a workspace request, answered as `{ error: { code, message } }` with a 4xx status. */
export class WorkspaceRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

type Handler = (c: Context) => Response | Promise<Response>;

/** Turns refusals into 4xx answers; anything else stays a real error. */
export function guarded(handler: Handler): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof WorkspaceRefusal) return apiError(c, error.status, error.code, error.message);
      throw error;
    }
  };
}

/** The signed-in user, or a 401 refusal. */
export function requireUser(c: Context, store: MopStore): User {
  const user = sessionUser(c, store);
  if (!user) throw new WorkspaceRefusal(401, 'unauthenticated', 'Sign in first');
  return user;
}

/**
 * The mentorship of `:id` for one of its two members; 404 unknown, 403 anyone else. Coordinators and admins are
 * refused too: what is inside a pair (files, sessions) is the pair's.
 */
export function requirePairMember(c: Context, store: MopStore, user: User): MentorshipRecord {
  const id = c.req.param('id') ?? '';
  const mentorship = store.getMentorship(id);
  if (!mentorship) throw new WorkspaceRefusal(404, 'not_found', `No mentorship "${id}"`);
  if (mentorship.mentorId !== user.id && mentorship.menteeId !== user.id) {
    throw new WorkspaceRefusal(403, 'forbidden', 'Only the mentor and the mentee of this pair can do this');
  }
  return mentorship;
}

/** Reads and validates a JSON body (an empty body reads as `{}` when allowed); 415/400 naming the field otherwise. */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S, allowEmpty = false): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '' || !allowEmpty) {
    if (!/^application\/json\b/i.test((c.req.header('content-type') ?? '').trim())) {
      throw new WorkspaceRefusal(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new WorkspaceRefusal(400, 'invalid_json', 'The request body is not valid JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WorkspaceRefusal(400, 'invalid_request', 'The request body must be a JSON object');
  }
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new WorkspaceRefusal(400, 'invalid_request', describeIssues(parsed.issues));
  return parsed.output;
}
