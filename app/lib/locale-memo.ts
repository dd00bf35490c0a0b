/** The parts of Paraglide's runtime (`$lib/paraglide/runtime.js`) that `rememberLocale` wraps. */
export interface LocaleRuntime<L extends string> {
  getLocale(): L;
  setLocale(locale: L, options?: { reload?: boolean }): void | Promise<void>;
  overwriteGetLocale(fn: () => L): void;
  overwriteSetLocale(fn: (locale: L, options?: { reload?: boolean }) => void | Promise<void>): void;
}

/**
 * In the browser, the language is worked out once and then remembered until it is set again. Paraglide works it out on
 * every message (its strategies: the URL's route rules, then `localStorage`, then the browser's languages), and the
 * learning center asks for hundreds of messages while it hydrates: ~20 ms of its main thread at a phone's speed
 * (docs/benchmarks.md, issue 16, eighth round). Not on the server, where each request has its own language.
 */
export function rememberLocale<L extends string>(runtime: LocaleRuntime<L>): void {
  const resolve = runtime.getLocale;
  const apply = runtime.setLocale;
  let current: L | undefined;
  runtime.overwriteGetLocale(() => (current ??= resolve()));
  runtime.overwriteSetLocale((locale, options) => {
    try {
      return apply(locale, options);
    } finally {
      // Paraglide's own setLocale reads the language before it stores the new one: forget both.
      current = undefined;
    }
  });
}
