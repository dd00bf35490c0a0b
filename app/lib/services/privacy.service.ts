import * as v from 'valibot';
import {
  AccessLogSchema,
  PrivacyNoticeSchema,
  PrivacySettingsSchema,
  apiPaths,
  type AccessLogEntry,
  type ErasableRecordKind,
  type PrivacyNotice,
  type PrivacySettings,
  type PrivacySettingsUpdate
} from '@mop/shared';
import { NetworkError, apiRequest, parseJsonAnswer, refusalMessages } from './api';
import { forgetDeletedAccount } from './auth.service';

/**
 * Fetches a data archive (the person's own, or a user's for an admin) and hands it to the browser as a download.
 * A refusal becomes an `ApiRequestError` like any API answer.
 */
async function downloadArchive(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    await refusalMessages(response);
    parseJsonAnswer(response.status, await response.text(), v.unknown());
  }
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'mop-data.zip';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; give the browser a moment before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Download my data": the zip of everything MOP holds about the signed-in person. */
export function downloadMyData(): Promise<void> {
  return downloadArchive(apiPaths.accountExport());
}

/** An admin downloads a user's data archive on their behalf (audited on the server). */
export function downloadUserData(userId: string): Promise<void> {
  return downloadArchive(apiPaths.adminUserExport(userId));
}

/**
 * "Delete my account": the server erases the account and everything in it; then this device forgets the person
 * and deletes its copies of their documents, unsynced ones included (there is no account left to sync them to).
 */
export async function deleteMyAccount(password: string, confirmation: string): Promise<void> {
  await apiRequest(apiPaths.accountDeletion(), undefined, { method: 'POST', body: { password, confirmation } });
  await forgetDeletedAccount();
}

/** An admin erases a user, confirming with the user's e-mail address. */
export async function eraseUser(userId: string, confirmEmail: string): Promise<void> {
  await apiRequest(apiPaths.adminUserErasure(userId), undefined, { method: 'POST', body: { confirmEmail } });
}

/** When coordinators and admins looked at the signed-in person's data, newest first. */
export async function loadMyAccessLog(fetcher?: typeof fetch): Promise<AccessLogEntry[]> {
  return (await apiRequest(apiPaths.accountAccessLog(), AccessLogSchema, fetcher ? { fetch: fetcher } : {})).entries;
}

/** The platform's privacy notice and imprint (public). */
export async function loadPrivacyNotice(fetcher?: typeof fetch): Promise<PrivacyNotice> {
  return apiRequest(apiPaths.privacyNotice(), PrivacyNoticeSchema, fetcher ? { fetch: fetcher } : {});
}

/** Records that the signed-in person read this version of the notice (at sign-up). */
export async function acknowledgePrivacyNotice(version: number): Promise<void> {
  await apiRequest(apiPaths.privacyAcknowledgement(), undefined, { method: 'POST', body: { version } });
}

/** Admins: the notice, imprint, retention settings and the programmes' own retention. */
export async function loadPrivacySettings(fetcher?: typeof fetch): Promise<PrivacySettings> {
  return apiRequest(apiPaths.privacySettings(), PrivacySettingsSchema, fetcher ? { fetch: fetcher } : {});
}

export async function savePrivacySettings(change: PrivacySettingsUpdate): Promise<PrivacySettings> {
  return apiRequest(apiPaths.privacySettings(), PrivacySettingsSchema, { method: 'PUT', body: change });
}

export async function saveProgrammeRetention(
  programmeId: string,
  retentionDays: number | null
): Promise<PrivacySettings> {
  return apiRequest(apiPaths.programmeRetention(programmeId), PrivacySettingsSchema, {
    method: 'PUT',
    body: { retentionDays }
  });
}

/** Admins: every recorded read of personal data, newest first. */
export async function loadAccessLog(fetcher?: typeof fetch): Promise<AccessLogEntry[]> {
  return (await apiRequest(apiPaths.adminAccessLog(), AccessLogSchema, fetcher ? { fetch: fetcher } : {})).entries;
}

/** The uploader deletes a pair file for good (its bytes, and its pins on the shelf). */
export async function deletePairFile(mentorshipId: string, fileId: string): Promise<void> {
  await apiRequest(apiPaths.pairFile(mentorshipId, fileId), undefined, { method: 'DELETE' });
}

/** A member deletes a record of the pair's workspace for good (a message, a binned note, …). */
export async function eraseRecord(mentorshipId: string, kind: ErasableRecordKind, id: string): Promise<void> {
  await apiRequest(apiPaths.pairRecordErasure(mentorshipId), undefined, { method: 'POST', body: { kind, id } });
}
