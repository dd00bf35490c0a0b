import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every language of the app has every English message, with the same placeholders: a missing key would show the key
 * to a user (or fail the build), and a renamed `{placeholder}` would print it raw.
 */
const root = new URL('../../', import.meta.url);
const settings = JSON.parse(readFileSync(new URL('project.inlang/settings.json', root), 'utf8')) as {
  baseLocale: string;
  locales: string[];
};
const read = (locale: string) =>
  JSON.parse(readFileSync(new URL(`messages/${locale}.json`, root), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z_]+)\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  const base = read(settings.baseLocale);

  it('offers more than one language', () => {
    expect(settings.locales.length).toBeGreaterThan(1);
    expect(settings.locales).toContain(settings.baseLocale);
  });

  for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
    it(`${locale} has exactly the English keys, the same placeholders and no empty message`, () => {
      const messages = read(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(base).sort());
      for (const [key, english] of Object.entries(base)) {
        expect(placeholders(messages[key] ?? ''), `${locale}: ${key}`).toEqual(placeholders(english));
        expect((messages[key] ?? '').trim(), `${locale}: ${key}`).not.toBe('');
      }
    });
  }
});
