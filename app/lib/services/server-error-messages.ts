import { MAX_PAIR_FILES, MAX_PAIR_FILES_BYTES, MAX_USER_FILES_BYTES } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';

/**
 * The translations of the server's error codes (see `errors.ts` for when they are shown): every code in three
 * languages, about 10 kB of JavaScript, so it is a module of its own that `error-catalogue.ts` loads when the server
 * refuses something, not with every page.
 */

export type Translate = (detail: string, locale: Locale | undefined) => string;

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
  // A public page's link-preview image (`/og/…`): read by messengers, not the app, but named here like every code.
  card_not_found: plain(m.error_code_not_found),
  card_unavailable: plain(m.error_code_internal_error),
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
  email_unconfirmed: plain(m.error_code_email_unconfirmed),
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
