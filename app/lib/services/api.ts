import * as v from 'valibot';
import { ApiErrorSchema, describeIssues } from '@mop/shared';

/** A failed API call, with the server's `{ error: { code, message } }` when it gave one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The request never reached the server (offline, server down, DNS…). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The MOP server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

/**
 * Calls the same-origin API and validates the answer with a valibot schema. The session travels as an HttpOnly
 * cookie, so nothing here handles tokens.
 */
export async function apiRequest<TSchema extends v.GenericSchema>(
  path: string,
  schema: TSchema,
  init: { method?: 'GET' | 'POST'; body?: unknown; fetch?: typeof fetch } = {}
): Promise<v.InferOutput<TSchema>> {
  const doFetch = init.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  let payload: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const parsed = v.safeParse(ApiErrorSchema, payload);
    if (parsed.success) throw new ApiRequestError(response.status, parsed.output.error.code, parsed.output.error.message);
    throw new ApiRequestError(response.status, 'http_error', `The server answered ${response.status}`);
  }
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) throw new ApiRequestError(response.status, 'bad_response', `Unexpected answer from the server: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}
