import type { ServerErrorCode, Translate } from './server-error-messages';

/**
 * The server codes' translations, loaded when they are needed: the API client awaits `loadServerErrorMessages()`
 * before it throws a refusal, so `messageFor` (synchronous, called by pages when they catch) finds them, and a page
 * whose calls all succeed never downloads them.
 */
let catalogue: Record<ServerErrorCode, Translate> | null = null;
let loading: Promise<void> | null = null;

/** Loads the translations once; a failure (the chunk could not be fetched) leaves the fallback sentence. */
export function loadServerErrorMessages(): Promise<void> {
  loading ??= import('./server-error-messages').then(
    (module) => {
      catalogue = module.SERVER_ERROR_MESSAGES;
    },
    (error: unknown) => {
      loading = null;
      console.error('MOP: could not load the error messages', error);
    }
  );
  return loading;
}

/** The translation of `code`, when it is a known code and the translations are loaded. */
export function serverErrorTranslation(code: string): Translate | undefined {
  return catalogue !== null && Object.hasOwn(catalogue, code) ? catalogue[code as ServerErrorCode] : undefined;
}
