import type { Context } from 'hono';
import { RateLimiterRes, type RateLimiterMemory } from 'rate-limiter-flexible';
import { ApiRefusal } from './refusal.ts';

/**
 * Takes one point of `limiter` for `key`, or refuses the request with 429 `code`, `message` and a `Retry-After`
 * header saying when a point is back. Every rate-limited route refuses through this one helper, so the answer's
 * shape and header cannot drift between them.
 */
export async function consumeOrRefuse(
  c: Context,
  limiter: RateLimiterMemory,
  key: string,
  code: 'too_many_requests' | 'too_many_attempts',
  message: string
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    c.header('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
    throw new ApiRefusal(429, code, message);
  }
}
