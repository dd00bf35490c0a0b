import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '@mop/shared';

/** Answers with the API's error body `{ error: { code, message } }` (and `details`, for the codes that have some). */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown
): Response {
  const body: ApiError = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}
