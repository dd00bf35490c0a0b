import * as v from 'valibot';
import { ApiErrorSchema, describeIssues } from '@mop/shared';
import { noteReachable, noteUnreachable } from './reachability';
import { loadServerErrorMessages } from './error-catalogue';

/** A failed API call, with the server's `{ error: { code, message } }` when it gave one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The refusal's `details`, unchecked: whoever words its code validates it with that code's schema. */
    readonly details?: unknown
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

type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type RequestInit = { method?: ApiMethod; body?: unknown; fetch?: typeof fetch };

/**
 * Calls the same-origin API and validates the answer with a valibot schema (the wire's, from `@mop/shared`). Without
 * a schema the answer is expected to have no body (`204`) and only its status is checked. The session travels as
 * an HttpOnly cookie, so nothing here handles tokens.
 */
export async function apiRequest<TSchema extends v.GenericSchema>(
  path: string,
  schema: TSchema,
  init?: RequestInit
): Promise<v.InferOutput<TSchema>>;
export async function apiRequest(path: string, schema: undefined, init?: RequestInit): Promise<void>;
export async function apiRequest<TSchema extends v.GenericSchema>(
  path: string,
  schema: TSchema | undefined,
  init: RequestInit = {}
): Promise<v.InferOutput<TSchema> | void> {
  const doFetch = init.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers:
        init.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    });
  } catch (error) {
    // Unless the browser knows it is offline, find out whether the server is out of reach (see network.svelte.ts).
    noteUnreachable();
    throw new NetworkError(error);
  }
  noteReachable();
  if (!schema) {
    // Still turns a refusal's `{ error: { code, message } }` into an ApiRequestError.
    await refusalMessages(response);
    parseJsonAnswer(response.status, await response.text(), v.unknown());
    return;
  }
  return readJsonAnswer(response, schema);
}

/** Validates a JSON answer, turning the server's `{ error: { code, message } }` into an `ApiRequestError`. */
export async function readJsonAnswer<TSchema extends v.GenericSchema>(
  response: Response,
  schema: TSchema
): Promise<v.InferOutput<TSchema>> {
  await refusalMessages(response);
  return parseJsonAnswer(response.status, await response.text(), schema);
}

/**
 * Before a refusal becomes an `ApiRequestError`: loads the translations of the server's codes (only then, so that a
 * page whose calls succeed does not download them), so that `messageFor` has them when the page catches the error.
 */
export async function refusalMessages(response: { ok: boolean }): Promise<void> {
  if (!response.ok) await loadServerErrorMessages();
}

/** The same check for an answer already read as text (as `XMLHttpRequest` gives it). */
export function parseJsonAnswer<TSchema extends v.GenericSchema>(
  status: number,
  text: string,
  schema: TSchema
): v.InferOutput<TSchema> {
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
    if (parsed.success) {
      const { code, message, details } = parsed.output.error;
      throw new ApiRequestError(status, code, message, details);
    }
    throw new ApiRequestError(status, 'http_error', `The server answered ${status}`);
  }
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success)
    throw new ApiRequestError(
      status,
      'bad_response',
      `Unexpected answer from the server: ${describeIssues(parsed.issues)}`
    );
  return parsed.output;
}
