import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ACCOUNT_DELETION_WORDS, AccountDeletionSchema } from './privacy-api.ts';

const messages = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../../../messages/${lang}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

describe('the account deletion word', () => {
  it('is accepted by the server in each language the page asks for it, and only those', () => {
    const words = ['en', 'it', 'es'].map((lang) => messages(lang)['privacy_delete_word']);
    expect(words).toEqual(['DELETE', 'ELIMINA', 'ELIMINAR']);
    expect([...ACCOUNT_DELETION_WORDS].sort()).toEqual([...new Set(words)].sort());
    for (const word of words) {
      const typed = ` ${word!.toLowerCase()} `;
      expect(v.safeParse(AccountDeletionSchema, { password: 'x', confirmation: typed }).success, typed).toBe(true);
    }
    for (const wrong of ['', 'yes', 'DELET', 'SUPPRIMER'])
      expect(v.safeParse(AccountDeletionSchema, { password: 'x', confirmation: wrong }).success, wrong).toBe(false);
  });
});
