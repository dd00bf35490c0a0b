import { createHash, randomBytes } from 'node:crypto';

/** A fresh single-use token (256 random bits, base64url) and the SHA-256 stored in its place. */
export function newAccountToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashAccountToken(token) };
}

/** Tokens are stored hashed: a copy of the database does not hand out working links. */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** How long links stay valid. Self-service reset links are short; an admin's may wait for the person overnight. */
export const PASSWORD_RESET_MINUTES = 60;
export const ADMIN_PASSWORD_RESET_MINUTES = 24 * 60;
export const EMAIL_CHANGE_MINUTES = 24 * 60;
