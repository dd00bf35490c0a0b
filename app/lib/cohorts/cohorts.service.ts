import * as v from 'valibot';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
  AdminUserListSchema,
  AdminUserSchema,
  AuditLogSchema,
  CsvImportResultSchema,
  InvitationListSchema,
  InvitationPreviewSchema,
  IssuedInvitationListSchema,
  IssuedInvitationSchema,
  IssuedJoinLinkSchema,
  JoinLinkListSchema,
  JoinLinkPreviewSchema,
  JoinedSchema,
  OrganisationListSchema,
  OrganisationSchema,
  PlatformInfoSchema,
  ParticipantChangeResultSchema,
  PendingMemberListSchema,
  ProgrammeDetailsListSchema,
  ProgrammeDetailsSchema,
  RevokedInvitationSchema,
  RevokedJoinLinkSchema,
  SetupLinkStatusSchema,
  SignedInSchema,
  apiPaths,
  type CsvImportResult,
  type InvitationRequest,
  type ParticipantChange,
  type ProgrammeUpdate,
  type SetupRequest
} from '@mop/shared';
import { ApiRequestError, NetworkError, apiRequest, readJsonAnswer } from '$lib/services/api';
import { adoptSignedInUser } from '$lib/services/auth.service';
import { platform } from './platform.svelte';

/** The REST API of real installs (setup, organisations, programmes, invitations, join links, admin console). */

type Fetch = typeof fetch;
const enc = encodeURIComponent;

export const checkSetupLink = (token: string) => apiRequest(`/api/setup/${enc(token)}`, SetupLinkStatusSchema);

/**
 * Sets the platform up and signs the new admin in on this device. The name just chosen replaces "MOP", which this
 * visit (and the device) knew from before the setup, in the header and the page titles at once.
 */
export async function completeSetup(request: SetupRequest) {
  const { user } = await apiRequest('/api/setup', SignedInSchema, { method: 'POST', body: request });
  const adopted = await adoptSignedInUser(user);
  await platform.refresh();
  return adopted;
}

export const listOrganisations = (fetch?: Fetch) => apiRequest('/api/organisations', OrganisationListSchema, { fetch });
export const createOrganisation = (name: string) =>
  apiRequest('/api/organisations', OrganisationSchema, { method: 'POST', body: { name } });

export const renameOrganisation = (id: string, name: string) =>
  apiRequest(`/api/organisations/${enc(id)}`, OrganisationSchema, { method: 'PATCH', body: { name } });
/** Admins rename the platform (header, page titles, e-mails, certificates); this device shows the new name at once. */
export async function renamePlatform(name: string) {
  const info = await apiRequest(apiPaths.platformSettings(), PlatformInfoSchema, { method: 'PUT', body: { name } });
  platform.show(info);
  return info;
}

export const listManagedProgrammes = (includeArchived: boolean, fetch?: Fetch) =>
  apiRequest(`/api/admin/programmes${includeArchived ? '?archived=1' : ''}`, ProgrammeDetailsListSchema, { fetch });
export const createProgramme = (organisationId: string, name: string, description: string) =>
  apiRequest('/api/programmes', ProgrammeDetailsSchema, {
    method: 'POST',
    body: { organisationId, name, description }
  });
export const getProgrammeDetails = (id: string, fetch?: Fetch) =>
  apiRequest(`/api/programmes/${enc(id)}/details`, ProgrammeDetailsSchema, { fetch });
export const updateProgramme = (id: string, update: ProgrammeUpdate) =>
  apiRequest(`/api/programmes/${enc(id)}`, ProgrammeDetailsSchema, { method: 'PATCH', body: update });
export const duplicateProgramme = (
  id: string,
  body: { name: string; includePeople: boolean; archiveOriginal: boolean }
) => apiRequest(`/api/programmes/${enc(id)}/duplicate`, ProgrammeDetailsSchema, { method: 'POST', body });
export const setProgrammeArchived = (id: string, archived: boolean) =>
  apiRequest(`/api/programmes/${enc(id)}/${archived ? 'archive' : 'unarchive'}`, ProgrammeDetailsSchema, {
    method: 'POST'
  });

/** Removes a mentor or mentee from the programme; `endPairs` ends their active pairs first. */
export const removeParticipant = (programmeId: string, userId: string, endPairs: boolean) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/participants/${enc(userId)}/remove`, ParticipantChangeResultSchema, {
    method: 'POST',
    body: { endPairs }
  });
/** Changes a participant's role or moves them to another programme of the caller. */
export const changeParticipant = (programmeId: string, userId: string, change: ParticipantChange) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/participants/${enc(userId)}`, ParticipantChangeResultSchema, {
    method: 'PATCH',
    body: change
  });

export const listInvitations = (programmeId: string, fetch?: Fetch) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/invitations`, InvitationListSchema, { fetch });
export const sendInvitations = (programmeId: string, invitations: InvitationRequest[]) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/invitations`, IssuedInvitationListSchema, {
    method: 'POST',
    body: { invitations }
  });
/** `resend` mails a new link; `link` only makes one to copy. Either way the earlier link stops working. */
export const renewInvitation = (programmeId: string, invitationId: string, how: 'resend' | 'link') =>
  apiRequest(`/api/programmes/${enc(programmeId)}/invitations/${enc(invitationId)}/${how}`, IssuedInvitationSchema, {
    method: 'POST'
  });
export const revokeInvitation = (programmeId: string, invitationId: string) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/invitations/${enc(invitationId)}/revoke`, RevokedInvitationSchema, {
    method: 'POST'
  });

/** Uploads a CSV file for a preview (`dryRun`) or to send it. */
export async function uploadInvitationCsv(programmeId: string, file: Blob, dryRun: boolean): Promise<CsvImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/programmes/${enc(programmeId)}/invitations/csv${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'text/csv' },
      body: file
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  return readJsonAnswer(response, CsvImportResultSchema);
}

/** The language the app shows now, sent with a sign-up as the new account's language. */
function pageLanguage(): 'en' | 'it' | 'es' | undefined {
  const locale = getLocale();
  return locale === 'en' || locale === 'it' || locale === 'es' ? locale : undefined;
}

export const getInvitation = (token: string) => apiRequest(`/api/invitations/${enc(token)}`, InvitationPreviewSchema);
/** Accepts an invitation (with a new account's name and password, or as the signed-in user) and signs in here. */
export async function acceptInvitation(token: string, body: { name?: string; password?: string }) {
  // The page's language becomes a new account's language for e-mails.
  const joined = await apiRequest(`/api/invitations/${enc(token)}/accept`, JoinedSchema, {
    method: 'POST',
    body: { ...body, language: pageLanguage() }
  });
  await adoptSignedInUser(joined.user);
  return joined;
}

export const listJoinLinks = (programmeId: string, fetch?: Fetch) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/join-links`, JoinLinkListSchema, { fetch });
export const createJoinLink = (
  programmeId: string,
  body: { role: 'mentor' | 'mentee'; expiresInHours: number; maxUses: number }
) => apiRequest(`/api/programmes/${enc(programmeId)}/join-links`, IssuedJoinLinkSchema, { method: 'POST', body });
export const revokeJoinLink = (programmeId: string, linkId: string) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/join-links/${enc(linkId)}/revoke`, RevokedJoinLinkSchema, {
    method: 'POST'
  });
export const getJoinLink = (token: string) => apiRequest(`/api/join/${enc(token)}`, JoinLinkPreviewSchema);
export async function joinWithLink(token: string, body: { name?: string; email?: string; password?: string }) {
  const joined = await apiRequest(`/api/join/${enc(token)}`, JoinedSchema, {
    method: 'POST',
    body: { ...body, language: pageLanguage() }
  });
  await adoptSignedInUser(joined.user);
  return joined;
}

export const listPending = (programmeId: string, fetch?: Fetch) =>
  apiRequest(`/api/programmes/${enc(programmeId)}/pending`, PendingMemberListSchema, { fetch });
export const decidePending = (programmeId: string, userId: string, approve: boolean) =>
  apiRequest(
    `/api/programmes/${enc(programmeId)}/pending/${enc(userId)}/${approve ? 'approve' : 'decline'}`,
    PendingMemberListSchema,
    { method: 'POST' }
  );

export const searchUsers = (filter: Record<string, string>, fetch?: Fetch) =>
  apiRequest(`/api/admin/users?${new URLSearchParams(filter)}`, AdminUserListSchema, { fetch });
export const setUserActive = (userId: string, active: boolean) =>
  apiRequest(`/api/admin/users/${enc(userId)}/${active ? 'reactivate' : 'deactivate'}`, AdminUserSchema, {
    method: 'POST'
  });
export const setUserRole = (userId: string, role: 'admin' | 'coordinator' | 'mentor' | 'mentee') =>
  apiRequest(`/api/admin/users/${enc(userId)}`, AdminUserSchema, { method: 'PATCH', body: { role } });
/** The password-reset link of the accounts domain (`POST /api/admin/users/:userId/password-reset`). */
export const sendPasswordReset = (userId: string) =>
  apiRequest(`/api/admin/users/${enc(userId)}/password-reset`, v.unknown(), { method: 'POST' });
export const listAudit = (filter: Record<string, string>, fetch?: Fetch) =>
  apiRequest(`/api/admin/audit?${new URLSearchParams(filter)}`, AuditLogSchema, { fetch });

/** True for the refusal that means "this e-mail has an account: sign in first". */
export function needsSignIn(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'sign_in_required';
}
