import { expect, onTestFinished } from 'vitest';
import * as v from 'valibot';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';

/** A small JSON client for the matching tests: real HTTP against a test server, with an optional session cookie. */
export interface ApiAnswer {
  status: number;
  // Test assertions read arbitrary fields of the answer; `expectBody` parses it with the shared schema instead.
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

export async function api(
  baseUrl: string,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as ApiAnswer['body']) : {} };
}

/** Expects `status` and parses the body with the wire's schema (which fails the test when the shape is wrong). */
export function expectBody<S extends v.GenericSchema>(answer: ApiAnswer, status: number, schema: S): v.InferOutput<S> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return v.parse(schema, answer.body);
}

/**
 * A fresh demo server for one test, with the given demo accounts signed in (cookies in the same order), closed when
 * the test finishes. Tests that change the programme (publish, request, accept, settings) take one of their own, so
 * no test depends on what another did before it.
 */
export async function freshDemoServer(emails: readonly string[]): Promise<{ server: TestServer; cookies: string[] }> {
  const server = await startTestServer();
  onTestFinished(async () => {
    await server.close();
    // No request of the test may have become a 500.
    expect(server.logger.errors).toEqual([]);
  });
  const cookies = await Promise.all(emails.map((email) => login(server.url, email)));
  return { server, cookies };
}
