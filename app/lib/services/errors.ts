import { WorkspaceError } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import { ApiRequestError, NetworkError } from './api';
import { serverErrorTranslation } from './error-catalogue';
import type { ServerErrorCode } from './server-error-messages';

export { loadServerErrorMessages } from './error-catalogue';

/**
 * The one error path of the app: every failure a person can see (a refused API call, no connection, a timeout, a
 * full or broken IndexedDB, a refused workspace change) becomes a sentence in their language here.
 *
 * The server's `{ error: { code, message } }` is a contract: `code` is stable and the app translates it, `message` is
 * English for logs and API users. The app shows its own sentence for every code it knows; the server's English is
 * shown only
 * - for a code this version of the app does not know yet (a newer server): "The server did not accept this: …",
 *   which is better than a sentence that says nothing;
 * - as the `detail` of the few codes whose message names what to fix (`invalid_request` names the field,
 *   `matching_conflict` / `not_matchable` / `rule_violated` name the pair): the translated sentence comes first and the
 *   detail follows in brackets, because without it a coordinator cannot tell which field or pair to change.
 * Errors the app raised itself with a sentence written for the reader (a bad pack zip) keep their sentence; any other
 * unexpected error says "Something went wrong: …" with its message, so a bug report can quote it.
 *
 * The codes' translations (`server-error-messages.ts`) are loaded when the server refuses something: the API client
 * awaits `loadServerErrorMessages()` before it throws, so they are here when a page catches the error.
 */

/** What went wrong, coarsely, for pages that show a different state (not only a sentence) per kind. */
export type FailureKind =
  'offline' | 'timeout' | 'storage' | 'forbidden' | 'not-found' | 'unauthenticated' | 'refused' | 'error';

/**
 * Sentences a page prefers for some kinds or codes, e.g. matching says "matching runs on the server" when offline.
 * Keys are a `FailureKind` or a server code; the first that applies wins (the code before the kind).
 */
export type FailureWording = Partial<Record<FailureKind | ServerErrorCode, string>>;

export interface MessageOptions {
  /** The language; the user's current one when absent (tests pass it). */
  locale?: Locale;
  /** Page-specific sentences that replace the generic ones. */
  wording?: FailureWording;
}

/** App errors whose own message was written for the person reading it (file import checks). */
const READER_FACING_ERRORS = new Set(['PackImportError', 'FileCheckError']);

/** `NotAvailableOfflineError`, matched by name so that this file does not load the mentorships service. */
const NOT_ON_DEVICE = 'NotAvailableOfflineError';

/** Dexie's and IndexedDB's error names (`Dexie.errnames`) that mean "this device's storage failed". */
const STORAGE_ERRORS = new Set([
  'OpenFailedError',
  'DatabaseClosedError',
  'VersionError',
  'VersionChangeError',
  'UpgradeError',
  'MissingAPIError',
  'InvalidStateError',
  'UnknownError',
  'ReadOnlyError',
  'DataCloneError',
  'ConstraintError',
  'TransactionInactiveError',
  'PrematureCommitError',
  'QuotaExceededError'
]);

function errorName(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

/** Dexie wraps the browser's DOMException in `inner`; the quota error can be at either level. */
function isQuotaError(error: unknown): boolean {
  if (errorName(error) === 'QuotaExceededError') return true;
  const inner = typeof error === 'object' && error !== null ? (error as { inner?: unknown }).inner : undefined;
  return inner !== undefined && inner !== error && isQuotaError(inner);
}

function deviceIsOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** True for a failed `fetch` that never reached a server, wrapped (`NetworkError`) or raw (`TypeError`). */
function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof NetworkError || (error instanceof TypeError && /fetch|network|load failed/i.test(error.message))
  );
}

/** The kind of a failure, for pages that show a different state per kind (offline, forbidden, not found…). */
export function failureKind(error: unknown): FailureKind {
  const name = errorName(error);
  if (isNetworkFailure(error) || name === NOT_ON_DEVICE) return 'offline';
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (error instanceof ApiRequestError) {
    if (error.code === 'forbidden' || error.status === 403) return 'forbidden';
    if (error.code === 'not_found' || error.status === 404) return 'not-found';
    if (error.code === 'unauthenticated' || error.status === 401) return 'unauthenticated';
    return 'refused';
  }
  if (error instanceof WorkspaceError) {
    if (error.code === 'forbidden') return 'forbidden';
    if (error.code === 'not_found') return 'not-found';
    return 'refused';
  }
  if (name !== null && STORAGE_ERRORS.has(name)) return 'storage';
  if (isQuotaError(error)) return 'storage';
  return 'error';
}

/**
 * The sentence to show for any failure, in the user's language. See the top of this file for when the server's
 * English is included.
 */
export function messageFor(error: unknown, options: MessageOptions = {}): string {
  const { locale, wording = {} } = options;
  const kind = failureKind(error);
  const byCode =
    error instanceof ApiRequestError && Object.hasOwn(wording, error.code)
      ? wording[error.code as ServerErrorCode]
      : undefined;
  if (byCode !== undefined) return byCode;
  if (wording[kind] !== undefined) return wording[kind]!;

  // The server could not be reached and this device has no copy (`mentorships.service`).
  if (errorName(error) === NOT_ON_DEVICE) return m.error_not_cached_offline({}, { locale });
  if (kind === 'offline')
    return deviceIsOffline() ? m.error_offline({}, { locale }) : m.error_unreachable({}, { locale });
  if (kind === 'timeout') return m.error_timeout({}, { locale });
  if (error instanceof ApiRequestError) {
    const translate = serverErrorTranslation(error.code);
    if (translate) return translate(error.message, locale);
    // Made by `parseJsonAnswer` when the answer was not the JSON it expected.
    if (error.code === 'http_error') return m.error_http_status({ status: error.status }, { locale });
    if (error.code === 'bad_response') return m.error_bad_response({}, { locale });
    return m.error_code_unknown({ message: error.message }, { locale });
  }
  if (error instanceof WorkspaceError) {
    if (error.code === 'forbidden') return m.error_code_forbidden({}, { locale });
    if (error.code === 'not_found') return m.error_workspace_not_found({}, { locale });
    if (error.code === 'invalid_state') return m.error_workspace_invalid_state({}, { locale });
    return m.error_workspace_invalid_input({ detail: error.message }, { locale });
  }
  if (kind === 'storage')
    return isQuotaError(error) ? m.error_storage_full({}, { locale }) : m.error_storage({}, { locale });
  if (error instanceof Error) {
    if (READER_FACING_ERRORS.has(error.name)) return error.message;
    return m.error_unexpected({ message: error.message || error.name }, { locale });
  }
  return m.error_unexpected({ message: String(error) }, { locale });
}

/** A failure as one of the states a page shows (offline, forbidden, not found, or any other error) and a sentence. */
export interface Problem {
  kind: 'offline' | 'forbidden' | 'not-found' | 'error';
  message: string;
}

/**
 * `messageFor` with the state a page shows. A page that needs the server treats every failure while the device is
 * offline as "offline" (a stale error would only confuse).
 */
export function problemFor(error: unknown, options: MessageOptions = {}): Problem {
  const own = failureKind(error);
  if (own !== 'offline' && deviceIsOffline())
    return { kind: 'offline', message: options.wording?.offline ?? m.error_offline({}, { locale: options.locale }) };
  const kind = own === 'offline' || own === 'forbidden' || own === 'not-found' ? own : 'error';
  return { kind, message: messageFor(error, options) };
}

/**
 * `messageFor` of a refusal kept on this device as its code and English message (e.g. a refused certificate); the
 * page that shows one calls `loadServerErrorMessages()` first.
 */
export function messageForRefusal(
  code: string | null | undefined,
  serverMessage: string,
  options?: MessageOptions
): string {
  return messageFor(new ApiRequestError(0, code ?? 'unknown', serverMessage), options);
}
