import { createHash, randomBytes } from 'node:crypto';

/**
 * Link tokens (setup, invitations, join links): 256 random bits, base64url, stored only as their SHA-256 so a copy
 * of the database hands out no working link.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
