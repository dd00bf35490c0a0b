import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { ApiRequestError, NetworkError, apiRequest } from './api';
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

describe('apiRequest and the server’s reachability', () => {
  it('has a request that never reached the server checked by a probe, and an answered one ends the doubt', async () => {
    const reachability = await import('./reachability');
    vi.useFakeTimers();
    vi.stubGlobal('navigator', { onLine: true });
    const probe = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', probe);
    try {
      const lost = vi.fn(async (): Promise<Response> => {
        throw new TypeError('Failed to fetch');
      });
      const error = await apiRequest('/api/x', v.unknown(), { fetch: lost }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NetworkError);
      await vi.advanceTimersByTimeAsync(0);
      expect(probe).toHaveBeenCalledWith('/api/health', expect.anything());
      expect(reachability.serverReachable()).toBe(false);

      const answered = vi.fn(async () => new Response('{}', { status: 200 }));
      await apiRequest('/api/x', v.unknown(), { fetch: answered });
      expect(reachability.serverReachable()).toBe(true);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
