import { baseLocale, getLocale, locales, localStorageKey, setLocale } from '$lib/paraglide/runtime.js';

/** Set when the person picks a language (the footer's switcher, the account page): a choice made on this device. */
const CHOSEN_KEY = 'mop-language-chosen';

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** The language the app picks by itself on this device: the browser's first supported language, else the base. */
function automaticLanguage(): string {
  for (const tag of navigator.languages ?? []) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if ((locales as readonly string[]).includes(language)) return language;
  }
  return baseLocale;
}

/** Records that the person chose the app's language on this device (call before `setLocale`). */
export function markLanguageChosen(): void {
  storage()?.setItem(CHOSEN_KEY, '1');
}

/**
 * Whether the person chose a language on this device. Paraglide stores whatever language it resolved on the first
 * visit, so a stored language counts as chosen only with the mark, or when it differs from what the app would pick
 * by itself (a choice made before the mark existed).
 */
function languageChosenOnDevice(): boolean {
  const store = storage();
  if (!store) return false;
  if (store.getItem(CHOSEN_KEY)) return true;
  const stored = store.getItem(localStorageKey);
  return stored !== null && stored !== automaticLanguage();
}

/**
 * Shows a link page (an invitation) in the language the link was sent in, when the visitor has not chosen a
 * language on this device: the invitation e-mail was in Italian, so its page is too. A choice made on this device
 * always wins. Switching reloads the page, which then stays in that language.
 */
export function followLinkLanguage(language: string | null | undefined): void {
  if (!language || language === getLocale() || !(locales as readonly string[]).includes(language)) return;
  if (languageChosenOnDevice()) return;
  setLocale(language as (typeof locales)[number]);
}
