/** A small JSON client for the matching tests: real HTTP against a test server, with an optional session cookie. */
export interface ApiAnswer {
  status: number;
  // Test assertions read arbitrary fields of the answer; the REST types are checked by the server's own code.
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
