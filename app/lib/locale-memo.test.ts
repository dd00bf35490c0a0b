import { describe, expect, it } from 'vitest';
import { rememberLocale, type LocaleRuntime } from './locale-memo';

/** A runtime shaped like Paraglide's: `getLocale` and `setLocale` are live bindings replaced by the overwrite calls. */
function fakeRuntime(stored: { value: 'en' | 'it' }) {
  let reads = 0;
  const runtime: LocaleRuntime<'en' | 'it'> = {
    getLocale: () => {
      reads++;
      return stored.value;
    },
    setLocale: (locale) => {
      runtime.getLocale(); // as Paraglide's does, before storing the new one
      stored.value = locale;
    },
    overwriteGetLocale: (fn) => {
      runtime.getLocale = fn;
    },
    overwriteSetLocale: (fn) => {
      runtime.setLocale = fn;
    }
  };
  return { runtime, reads: () => reads };
}

describe('rememberLocale', () => {
  it('works the language out once, however many messages ask', () => {
    const { runtime, reads } = fakeRuntime({ value: 'it' });
    rememberLocale(runtime);
    for (let i = 0; i < 100; i++) expect(runtime.getLocale()).toBe('it');
    expect(reads()).toBe(1);
  });

  it('answers the new language once it is set', () => {
    const stored = { value: 'en' as 'en' | 'it' };
    const { runtime } = fakeRuntime(stored);
    rememberLocale(runtime);
    expect(runtime.getLocale()).toBe('en');
    runtime.setLocale('it', { reload: false });
    expect(stored.value).toBe('it');
    expect(runtime.getLocale()).toBe('it');
  });
});
