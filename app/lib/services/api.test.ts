import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { ApiRequestError, apiRequest } from './api';
import { messageFor } from './errors';

describe('apiRequest', () => {
  it('loads the server codes’ translations before it throws a refusal, so a page that catches it can word it', async () => {
    const refusal = new Response(JSON.stringify({ error: { code: 'wrong_password', message: 'Wrong password' } }), {
      status: 403,
      headers: { 'content-type': 'application/json' }
    });
    const fetch = vi.fn(async () => refusal);
    const error = await apiRequest('/api/x', v.unknown(), { fetch }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(messageFor(error, { locale: 'en' })).toBe('The current password is not correct.');
  });
});
