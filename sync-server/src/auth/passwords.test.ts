import { describe, expect, it } from 'vitest';
import { OWASP_PASSWORD_PARAMS, hashPassword, needsRehash, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('round-trips and rejects a wrong password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsf', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$$')).toBe(false);
  });
});

describe('production cost', () => {
  it('hashes at OWASP’s scrypt parameters (N=2^17, r=8, p=1) when no test cost is set', async () => {
    expect(OWASP_PASSWORD_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const saved = process.env.MOP_TEST_PASSWORD_COST;
    delete process.env.MOP_TEST_PASSWORD_COST;
    try {
      const hash = await hashPassword('correct horse');
      expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
      expect(await verifyPassword('correct horse', hash)).toBe(true);
      expect(needsRehash(hash)).toBe(false);
      expect(needsRehash(await hashPassword('x', { N: 16384, r: 8, p: 1 }))).toBe(true);
    } finally {
      if (saved !== undefined) process.env.MOP_TEST_PASSWORD_COST = saved;
    }
  });
});
