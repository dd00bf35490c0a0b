import * as v from 'valibot';
import { ApiErrorSchema, describeIssues } from '@mop/shared';
import { ApiRequestError, NetworkError } from '$lib/services/api';

/**
 * JSON calls to the learning repository's API. Like `apiRequest` in `$lib/services/api`, with PATCH and a custom
 * `Content-Type` for the raw uploads, which that helper does not offer.
 */
export async function learnRequest<TSchema extends v.GenericSchema>(
  path: string,
  schema: TSchema,
  init: { method?: 'GET' | 'POST' | 'PATCH'; body?: unknown; fetch?: typeof fetch } = {}
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
  return readJsonAnswer(response, schema);
}

/** Validates a JSON answer, turning the server's `{ error: { code, message } }` into an `ApiRequestError`. */
export async function readJsonAnswer<TSchema extends v.GenericSchema>(response: Response, schema: TSchema): Promise<v.InferOutput<TSchema>> {
  return parseJsonAnswer(response.status, await response.text(), schema);
}

/** The same check for an answer already read as text (as `XMLHttpRequest` gives it). */
export function parseJsonAnswer<TSchema extends v.GenericSchema>(status: number, text: string, schema: TSchema): v.InferOutput<TSchema> {
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (status < 200 || status >= 300) {
    const parsed = v.safeParse(ApiErrorSchema, payload);
    if (parsed.success) throw new ApiRequestError(status, parsed.output.error.code, parsed.output.error.message);
    throw new ApiRequestError(status, 'http_error', `The server answered ${status}`);
  }
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) throw new ApiRequestError(status, 'bad_response', `Unexpected answer from the server: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}
