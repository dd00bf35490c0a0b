import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { describeIssues } from '@mop/shared';
import { apiError } from './errors.ts';

/**
 * A refusal of a request, answered as `{ error: { code, message, details? } }` with its 4xx status. Every route
 * refuses by throwing one: `guarded` (and, as a safety net, the app's error handler) turns it into the answer.
 * `details` lets the app word the refusal itself (its schema is the code's, in `@mop/shared`).
 */
export class ApiRefusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

type Handler = (c: Context) => Response | Promise<Response>;

/** Turns refusals into 4xx answers; anything else stays a real error (and so a logged 500). */
export function guarded(handler: Handler): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof ApiRefusal) return apiError(c, error.status, error.code, error.message, error.details);
      throw error;
    }
  };
}

/**
 * The API's one body reader: reads and validates a JSON body; 415 for another content type, 400 `invalid_json` for
 * text that is not JSON (an empty body included), 400 `invalid_request` naming the field for a bad one. With
 * `allowEmpty`, an empty body (no content type needed) reads as `{}`.
 */
export async function readBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  allowEmpty = false
): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '' || !allowEmpty) {
    if (!/^application\/json\b/i.test((c.req.header('content-type') ?? '').trim())) {
      throw new ApiRefusal(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new ApiRefusal(400, 'invalid_json', 'The request body is not valid JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiRefusal(400, 'invalid_request', 'The request body must be a JSON object');
  }
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new ApiRefusal(400, 'invalid_request', describeIssues(parsed.issues));
  return parsed.output;
}
