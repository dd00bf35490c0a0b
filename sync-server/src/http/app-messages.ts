import en from '../../../messages/en.json' with { type: 'json' };
import it from '../../../messages/it.json' with { type: 'json' };
import es from '../../../messages/es.json' with { type: 'json' };

/** The app's translations (messages/*.json), for the few words the server writes itself: cards, report files. */
export type AppMessages = Record<string, string>;
const MESSAGES: Record<string, AppMessages> = { en, it, es };

/** The words in `language` (a tag such as `it` or `it-CH`), else English. */
export function appMessages(language: string | undefined): AppMessages {
  const base = (language ?? 'en').split('-')[0]!;
  return MESSAGES[base] ?? en;
}
