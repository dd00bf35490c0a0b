import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Paraglide as the browser runs it: the language lives in localStorage and `setLocale` writes it there. */
const runtime = vi.hoisted(() => ({ locale: 'en', setLocale: vi.fn() }));
vi.mock('$lib/paraglide/runtime.js', () => ({
  baseLocale: 'en',
  locales: ['en', 'it', 'es'],
  localStorageKey: 'PARAGLIDE_LOCALE',
  getLocale: () => runtime.locale,
  setLocale: runtime.setLocale
}));

const {
  followAccountLanguage,
  followLinkLanguage,
  forgetUnsavedLanguage,
  markLanguageChosen,
  rememberUnsavedLanguage,
  unsavedLanguage
} = await import('./link-language');

class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

beforeEach(() => {
  const store = new MemoryStorage();
  vi.stubGlobal('localStorage', store);
  vi.stubGlobal('navigator', { languages: ['en-GB', 'en'] });
  runtime.locale = 'en';
  runtime.setLocale.mockReset();
  runtime.setLocale.mockImplementation((locale: string) => {
    runtime.locale = locale;
    store.setItem('PARAGLIDE_LOCALE', locale);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("the account's language on a new device", () => {
  it('is shown after a sign-in on a device in another language (without a reload when asked)', () => {
    expect(followAccountLanguage('it', { reload: false })).toBe(true);
    expect(runtime.setLocale).toHaveBeenCalledWith('it', { reload: false });
    expect(runtime.locale).toBe('it');
  });

  it('changes nothing without a language, with an unknown one, or when the app already shows it', () => {
    expect(followAccountLanguage(null)).toBe(false);
    expect(followAccountLanguage(undefined)).toBe(false);
    expect(followAccountLanguage('de')).toBe(false);
    expect(followAccountLanguage('en')).toBe(false);
    expect(runtime.setLocale).not.toHaveBeenCalled();
  });

  it('gives way to a language the person chose on this device', () => {
    markLanguageChosen();
    runtime.setLocale('es');
    runtime.setLocale.mockClear();
    expect(followAccountLanguage('it')).toBe(false);
    expect(runtime.locale).toBe('es');
  });

  it('follows the account again when it changed elsewhere: applying it was no choice made here', () => {
    followAccountLanguage('it');
    expect(runtime.locale).toBe('it');
    expect(followAccountLanguage('es')).toBe(true);
    expect(runtime.setLocale).toHaveBeenLastCalledWith('es', { reload: true });
    // And an invitation link in another language does not count it as a choice either.
    followLinkLanguage('it');
    expect(runtime.locale).toBe('it');
  });
});

describe('a language chosen offline', () => {
  it('is kept for the person who chose it until the account has it', () => {
    expect(unsavedLanguage('u1')).toBeNull();
    rememberUnsavedLanguage('u1', 'es');
    expect(unsavedLanguage('u1')).toBe('es');
    // Someone else signing in on the same device does not inherit it.
    expect(unsavedLanguage('u2')).toBeNull();
    forgetUnsavedLanguage();
    expect(unsavedLanguage('u1')).toBeNull();
  });

  it('reads a damaged entry as none', () => {
    localStorage.setItem('mop-language-unsaved', '{not json');
    expect(unsavedLanguage('u1')).toBeNull();
    localStorage.setItem('mop-language-unsaved', JSON.stringify({ userId: 'u1', language: 5 }));
    expect(unsavedLanguage('u1')).toBeNull();
  });
});
