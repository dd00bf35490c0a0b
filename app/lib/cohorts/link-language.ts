import { baseLocale, getLocale, locales, localStorageKey, setLocale } from '$lib/paraglide/runtime.js';

/** Set when the person picks a language (the footer's switcher, the account page): a choice made on this device. */
const CHOSEN_KEY = 'mop-language-chosen';
/** The account's language last applied here (`followAccountLanguage`): showing it was no choice made on this device. */
const ACCOUNT_KEY = 'mop-language-account';

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

/** A language a signed-in person chose while offline, for their account once the app is back online. */
const UNSAVED_KEY = 'mop-language-unsaved';

/** Keeps `language`, chosen offline by the person `userId`, until the account has it (`forgetUnsavedLanguage`). */
export function rememberUnsavedLanguage(userId: string, language: string): void {
  storage()?.setItem(UNSAVED_KEY, JSON.stringify({ userId, language }));
}

/** The language `userId` chose offline on this device and the account does not have yet; null if none. */
export function unsavedLanguage(userId: string): string | null {
  try {
    const kept = JSON.parse(storage()?.getItem(UNSAVED_KEY) ?? 'null') as { userId?: unknown; language?: unknown };
    return kept?.userId === userId && typeof kept.language === 'string' ? kept.language : null;
  } catch {
    return null;
  }
}

export function forgetUnsavedLanguage(): void {
  storage()?.removeItem(UNSAVED_KEY);
}

/** Records that the person chose the app's language on this device (call before `setLocale`). */
export function markLanguageChosen(): void {
  storage()?.setItem(CHOSEN_KEY, '1');
}

/**
 * Whether the person chose a language on this device. Paraglide stores whatever language it resolved on the first
 * visit, so a stored language counts as chosen only with the mark, or when it differs both from what the app would
 * pick by itself (a choice made before the mark existed) and from the account's language applied here.
 */
function languageChosenOnDevice(): boolean {
  const store = storage();
  if (!store) return false;
  if (store.getItem(CHOSEN_KEY)) return true;
  const stored = store.getItem(localStorageKey);
  return stored !== null && stored !== automaticLanguage() && stored !== store.getItem(ACCOUNT_KEY);
}

/**
 * Shows the app in the account's language (the one its e-mails are written in) after a sign-in or when a restored
 * session is confirmed, so a new device does not stay in the browser's language. A language the person chose on this
 * device wins. Returns true when the language changes: with `reload: false` the caller loads its next page in full,
 * since what is already on screen does not follow.
 */
export function followAccountLanguage(
  language: string | null | undefined,
  options: { reload?: boolean } = {}
): boolean {
  if (!language || !(locales as readonly string[]).includes(language)) return false;
  if (languageChosenOnDevice()) return false;
  storage()?.setItem(ACCOUNT_KEY, language);
  if (language === getLocale()) return false;
  setLocale(language as (typeof locales)[number], { reload: options.reload ?? true });
  return true;
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
