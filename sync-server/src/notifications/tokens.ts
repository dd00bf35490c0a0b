import { createHmac, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { NotificationCategorySchema, type NotificationCategory } from '@mop/shared';

const PayloadSchema = v.object({ u: v.string(), c: NotificationCategorySchema });

const mac = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(payload).digest().subarray(0, 18).toString('base64url');

/**
 * A signed unsubscribe token for one person and one category: `<payload>.<mac>`. It works without signing in and
 * never expires (an old e-mail's link must still work); it can only ever turn that one category off.
 */
export function unsubscribeToken(key: Buffer, userId: string, category: NotificationCategory): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, c: category })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The person and category of a token, or null when it is malformed or not signed by this install. */
export function readUnsubscribeToken(
  key: Buffer,
  token: string
): { userId: string; category: NotificationCategory } | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = v.safeParse(PayloadSchema, JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? { userId: parsed.output.u, category: parsed.output.c } : null;
  } catch {
    return null;
  }
}
