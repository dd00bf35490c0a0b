import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; stored with each hash (`scrypt$N$r$p$salt$hash`), so they can be raised later. */
export interface PasswordParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet (2025): scrypt with N=2^17, r=8, p=1 (128 MiB, about a third of a second on
 * a small server). Hashes made with lower parameters are replaced by one at these on the person's next sign-in.
 */
export const OWASP_PASSWORD_PARAMS: PasswordParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The cost test suites use (`MOP_TEST_PASSWORD_COST=low`, set by vite.config.ts for the test projects only): the
 * suites sign in hundreds of times, and 128 MiB per hash on a 2-core machine would make them crawl. Never set in
 * production; the server warns at start if it is.
 */
const TEST_PASSWORD_PARAMS: PasswordParams = { N: 2 ** 14, r: 8, p: 1 };

/** The parameters new hashes get now. */
export function currentPasswordParams(): PasswordParams {
  return process.env.MOP_TEST_PASSWORD_COST === 'low' ? TEST_PASSWORD_PARAMS : OWASP_PASSWORD_PARAMS;
}

const KEY_LENGTH = 32;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below OWASP's 128 MiB. */
const MAX_MEMORY = 256 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password as `scrypt$N$r$p$<salt b64>$<hash b64>` with a fresh random salt. */
export async function hashPassword(
  password: string,
  params: PasswordParams = currentPasswordParams()
): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = params;
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parameters a stored hash was made with, or null when it is not a scrypt hash of ours. */
function paramsOf(stored: string): PasswordParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  return N && r && p ? { N, r, p } : null;
}

/** Whether a stored hash was made with parameters other than today's (it is replaced at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const params = paramsOf(stored);
  const current = currentPasswordParams();
  return !params || params.N !== current.N || params.r !== current.r || params.p !== current.p;
}

/**
 * Checks a password against a stored hash in constant time. A malformed stored hash verifies as false rather
 * than throwing, so a damaged row locks one account instead of breaking login.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = paramsOf(stored);
  const parts = stored.split('$');
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!params || salt.length === 0 || expected.length === 0) return false;
  try {
    const key = await scryptAsync(password, salt, expected.length, { ...params, maxmem: MAX_MEMORY });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}

let dummyHash: { params: PasswordParams; hash: Promise<string> } | null = null;

/**
 * Spends the same scrypt work as a real check, for logins with an unknown email, so response time does not
 * reveal which addresses have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  const params = currentPasswordParams();
  if (dummyHash?.params !== params) dummyHash = { params, hash: hashPassword('not-a-real-password', params) };
  await verifyPassword(password, await dummyHash.hash);
}
