import { MAX_PAIR_FILES, MAX_PAIR_FILES_BYTES, MAX_USER_FILES_BYTES, WorkspaceError } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import { ApiRequestError, NetworkError } from './api';

/**
 * The one error path of the app: every failure a person can see (a refused API call, no connection, a timeout, a
 * full or broken IndexedDB, a refused workspace change) becomes a sentence in their language here.
 *
 * The server's `{ error: { code, message } }` is a contract: `code` is stable and the app translates it, `message` is
 * English for logs and API users. The app shows its own sentence for every code it knows; the server's English is
 * shown only
 * - for a code this version of the app does not know yet (a newer server): "The MOP server did not accept this: …",
 *   which is better than a sentence that says nothing;
 * - as the `detail` of the few codes whose message names what to fix (`invalid_request` names the field,
 *   `matching_conflict` / `not_matchable` / `rule_violated` name the pair): the translated sentence comes first and the
 *   detail follows in brackets, because without it a coordinator cannot tell which field or pair to change.
 * Errors the app raised itself with a sentence written for the reader (a bad pack zip) keep their sentence; any other
 * unexpected error says "Something went wrong: …" with its message, so a bug report can quote it.
 */

type Translate = (detail: string, locale: Locale | undefined) => string;

const plain =
  (message: (inputs: Record<string, never>, options: { locale?: Locale }) => string): Translate =>
  (_detail, locale) =>
    message({}, { locale });

const withDetail =
  (message: (inputs: { detail: string }, options: { locale?: Locale }) => string): Translate =>
  (detail, locale) =>
    message({ detail }, { locale });

/**
 * Every code the server answers with, and its translation. A code the server starts to emit belongs here too
 * (`errors.test.ts` scans `sync-server/src` and fails when one is missing).
 */
export const SERVER_ERROR_MESSAGES = {
  account_deactivated: plain(m.error_code_account_deactivated),
  already_answered: plain(m.error_code_already_answered),
  already_erased: plain(m.error_code_already_erased),
  already_invited: withDetail(m.error_code_already_invited),
  already_member: plain(m.error_code_already_member),
  already_published: plain(m.error_code_already_published),
  already_requested: plain(m.error_code_already_requested),
  bad_request: plain(m.error_code_bad_request),
  cross_origin_request: plain(m.error_code_cross_origin_request),
  database_unavailable: plain(m.error_code_database_unavailable),
  cannot_deactivate_self: plain(m.error_code_cannot_deactivate_self),
  cannot_demote_self: plain(m.error_code_cannot_demote_self),
  collection_in_use: withDetail(m.error_code_collection_in_use),
  completion_too_old: plain(m.error_code_completion_too_old),
  csv_has_problems: withDetail(m.error_code_csv_has_problems),
  email_taken: plain(m.error_code_email_taken),
  empty_file: plain(m.error_code_empty_file),
  file_missing: plain(m.error_code_file_missing),
  forbidden: plain(m.error_code_forbidden),
  id_taken: plain(m.error_code_id_taken),
  internal_error: plain(m.error_code_internal_error),
  invalid_body: plain(m.error_code_invalid_body),
  invalid_code: plain(m.error_code_invalid_code),
  invalid_credentials: plain(m.error_code_invalid_credentials),
  invalid_file_name: plain(m.error_code_invalid_file_name),
  invalid_json: plain(m.error_code_invalid_json),
  invalid_request: withDetail(m.error_code_invalid_request),
  last_admin: plain(m.error_code_last_admin),
  mentorship_active: plain(m.error_code_mentorship_active),
  mentorship_closed: plain(m.error_code_mentorship_closed),
  not_from_matching: plain(m.error_code_not_from_matching),
  pair_in_use: plain(m.error_code_pair_in_use),
  not_in_bin: plain(m.error_code_not_in_bin),
  unknown_notice_version: plain(m.error_code_unknown_notice_version),
  confirmation_mismatch: plain(m.error_code_confirmation_mismatch),
  erase_own_account: plain(m.error_code_erase_own_account),
  invalid_token: plain(m.error_code_invalid_token),
  invalid_unsubscribe_link: plain(m.error_code_invalid_unsubscribe_link),
  invitation_closed: plain(m.error_code_invitation_closed),
  invitation_expired: plain(m.error_code_invitation_expired),
  invitation_revoked: plain(m.error_code_invitation_revoked),
  invitation_unknown: plain(m.error_code_invitation_unknown),
  invitation_used: plain(m.error_code_invitation_used),
  join_link_expired: plain(m.error_code_join_link_expired),
  join_link_revoked: plain(m.error_code_join_link_revoked),
  join_link_unknown: plain(m.error_code_join_link_unknown),
  join_link_used_up: plain(m.error_code_join_link_used_up),
  matching_conflict: withDetail(m.error_code_matching_conflict),
  method_not_allowed: plain(m.error_code_method_not_allowed),
  module_updated: plain(m.error_code_module_updated),
  not_failed: plain(m.error_code_not_failed),
  not_found: plain(m.error_code_not_found),
  not_matchable: withDetail(m.error_code_not_matchable),
  not_passed: plain(m.error_code_not_passed),
  not_scheduled: plain(m.error_code_not_scheduled),
  organisation_exists: plain(m.error_code_organisation_exists),
  organisation_not_found: plain(m.error_code_organisation_not_found),
  own_post: plain(m.error_code_own_post),
  participant_has_pair: withDetail(m.error_code_participant_has_pair),
  pack_empty: plain(m.error_code_pack_empty),
  pair_file_quota: (_detail, locale) =>
    m.error_code_pair_file_quota({ files: MAX_PAIR_FILES, megabytes: MAX_PAIR_FILES_BYTES / 1048576 }, { locale }),
  payload_too_large: plain(m.error_code_payload_too_large),
  programme_archived: plain(m.error_code_programme_archived),
  range_not_satisfiable: plain(m.error_code_range_not_satisfiable),
  request_id_taken: plain(m.error_code_request_id_taken),
  resource_retired: plain(m.error_code_resource_retired),
  rule_violated: withDetail(m.error_code_rule_violated),
  same_email: plain(m.error_code_same_email),
  self_matching_off: plain(m.error_code_self_matching_off),
  setup_link_expired: plain(m.error_code_setup_link_expired),
  setup_link_unknown: plain(m.error_code_setup_link_unknown),
  setup_link_used: plain(m.error_code_setup_link_used),
  sign_in_required: plain(m.error_code_sign_in_required),
  too_many_attempts: plain(m.error_code_too_many_attempts),
  too_many_requests: plain(m.error_code_too_many_requests),
  unauthenticated: plain(m.error_code_unauthenticated),
  unsupported_file_type: plain(m.error_code_unsupported_file_type),
  unsupported_media_type: plain(m.error_code_unsupported_media_type),
  upgrade_required: plain(m.error_code_upgrade_required),
  user_file_quota: (_detail, locale) =>
    m.error_code_user_file_quota({ megabytes: MAX_USER_FILES_BYTES / 1048576 }, { locale }),
  upload_failed: plain(m.error_code_upload_failed),
  wrong_password: plain(m.error_code_wrong_password)
} satisfies Record<string, Translate>;

/** A code of `{ error: { code, message } }` that this app translates. */
export type ServerErrorCode = keyof typeof SERVER_ERROR_MESSAGES;

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

function isServerErrorCode(code: string): code is ServerErrorCode {
  return Object.hasOwn(SERVER_ERROR_MESSAGES, code);
}

/**
 * The sentence to show for any failure, in the user's language. See the top of this file for when the server's
 * English is included.
 */
export function messageFor(error: unknown, options: MessageOptions = {}): string {
  const { locale, wording = {} } = options;
  const kind = failureKind(error);
  if (error instanceof ApiRequestError && isServerErrorCode(error.code) && wording[error.code] !== undefined)
    return wording[error.code]!;
  if (wording[kind] !== undefined) return wording[kind]!;

  // The server could not be reached and this device has no copy (`mentorships.service`).
  if (errorName(error) === NOT_ON_DEVICE) return m.error_not_cached_offline({}, { locale });
  if (kind === 'offline')
    return deviceIsOffline() ? m.error_offline({}, { locale }) : m.error_unreachable({}, { locale });
  if (kind === 'timeout') return m.error_timeout({}, { locale });
  if (error instanceof ApiRequestError) {
    if (isServerErrorCode(error.code)) return SERVER_ERROR_MESSAGES[error.code](error.message, locale);
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

/** `messageFor` of a refusal kept on this device as its code and English message (e.g. a refused certificate). */
export function messageForRefusal(
  code: string | null | undefined,
  serverMessage: string,
  options?: MessageOptions
): string {
  return messageFor(new ApiRequestError(0, code ?? 'unknown', serverMessage), options);
}
