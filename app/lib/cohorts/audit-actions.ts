import type { AuditAction } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/**
 * The words of every action the server writes to the audit log (`AUDIT_ACTIONS` in the shared package), in the
 * reader's language. An action this app does not know (a newer server) shows its code.
 */
const AUDIT_ACTION_LABELS: Record<AuditAction, () => string> = {
  'platform.setup': m.audit_action_platform_setup,
  'platform.rename': m.audit_action_platform_rename,
  'organisation.create': m.audit_action_organisation_create,
  'organisation.rename': m.audit_action_organisation_rename,
  'programme.create': m.audit_action_programme_create,
  'programme.update': m.audit_action_programme_update,
  'programme.duplicate': m.audit_action_programme_duplicate,
  'programme.archive': m.audit_action_programme_archive,
  'programme.unarchive': m.audit_action_programme_unarchive,
  'programme.feedback-questions': m.audit_action_programme_feedback_questions,
  'programme.retention': m.audit_action_programme_retention,
  'programme.retention-erase': m.audit_action_programme_retention_erase,
  'invitation.create': m.audit_action_invitation_create,
  'invitation.resend': m.audit_action_invitation_resend,
  'invitation.link': m.audit_action_invitation_link,
  'invitation.revoke': m.audit_action_invitation_revoke,
  'join-link.create': m.audit_action_join_link_create,
  'join-link.revoke': m.audit_action_join_link_revoke,
  'member.approve': m.audit_action_member_approve,
  'member.decline': m.audit_action_member_decline,
  'member.move': m.audit_action_member_move,
  'member.remove': m.audit_action_member_remove,
  'member.role': m.audit_action_member_role,
  'matching.publish': m.audit_action_matching_publish,
  'mentorship.end': m.audit_action_mentorship_end,
  'mentorship.unpublish': m.audit_action_mentorship_unpublish,
  'mentorship.retention-erase': m.audit_action_mentorship_retention_erase,
  'collection.create': m.audit_action_collection_create,
  'collection.update': m.audit_action_collection_update,
  'collection.order': m.audit_action_collection_order,
  'collection.retire': m.audit_action_collection_retire,
  'collection.restore': m.audit_action_collection_restore,
  'library.starter-install': m.audit_action_library_starter_install,
  'library.starter-remove': m.audit_action_library_starter_remove,
  'privacy.settings': m.audit_action_privacy_settings,
  'user.deactivate': m.audit_action_user_deactivate,
  'user.reactivate': m.audit_action_user_reactivate,
  'user.role': m.audit_action_user_role,
  'user.erase': m.audit_action_user_erase,
  'user.export': m.audit_action_user_export,
  'user.password-reset': m.audit_action_user_password_reset,
  'user.email-confirm': m.audit_action_user_email_confirm
};

/** An audit action in words (`mentorship.end` → "Mentorship ended"). */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, (() => string) | undefined>)[action]?.() ?? action;
}
