import {
  isProfileComplete,
  missingProfileFields,
  profileDocName,
  readProfile,
  writeProfile,
  type MatchingProfile,
  type MatchingProfilePatch,
  type ProfileRole,
  type User
} from '@mop/shared';
import { openDoc, type DocHandle } from '$lib/services/docs.service';

/** The role whose questionnaire a user fills in, or null for coordinators and admins (they have none). */
export function profileRoleOf(user: User): ProfileRole | null {
  return user.role === 'mentor' || user.role === 'mentee' ? user.role : null;
}

/**
 * Opens the signed-in user's profile document `profile:<userId>` through the same docs service as the pair
 * documents, so it is stored in IndexedDB, synced whenever online and counted in the connection pill.
 */
export function openMyProfile(user: User): DocHandle {
  return openDoc(profileDocName(user.id));
}

/**
 * Saves answers to the profile document (offline first: y-indexeddb keeps them, the provider syncs them). The
 * first time the answers make the profile complete, `completedAt` is stamped too.
 */
export function saveProfileAnswers(handle: DocHandle, role: ProfileRole, patch: MatchingProfilePatch): void {
  writeProfile(handle.doc, patch);
  const profile = readProfile(handle.doc);
  if (profile.completedAt === null && isProfileComplete(profile, role))
    writeProfile(handle.doc, { completedAt: new Date().toISOString() });
}

/** The questions still unanswered, for the "what is missing" list. */
export function missingAnswers(
  profile: MatchingProfile,
  role: ProfileRole,
  shownZone?: string
): (keyof MatchingProfile)[] {
  return missingProfileFields(shownZone && !profile.timeZone ? { ...profile, timeZone: shownZone } : profile, role);
}
