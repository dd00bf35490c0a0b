import { UserSchema, type User, apiPaths, LoginResponseSchema, OkResponseSchema, profileDocName } from '@mop/shared';
import { session } from '$lib/state/session.svelte';
import { deviceStorage } from '$lib/state/device-storage.svelte';
import { network, watchNetwork } from '$lib/state/network.svelte';
import { followAccountLanguage } from '$lib/cohorts/link-language';
import { ApiRequestError, NetworkError, apiRequest } from './api';
import {
  clearStoredMentorships,
  clearStoredUser,
  clearUserSettings,
  deleteSetting,
  forgetCommunityData,
  getSetting,
  hasCommunityData,
  loadStoredMentorships,
  loadStoredUser,
  openDeviceStorage,
  requestPersistentStorage,
  saveStoredUser,
  setSetting,
  unsyncedDocNames
} from './storage.service';
import { closeAllDocs, discardLocalCopy, onFinalServerClose, setDocsOnline } from './doc-registry';
import { knownDocNames, refreshMentorshipsInBackground } from './mentorships.service';
import { loadAccount, saveUnsavedLanguageChoice } from './account.service';
import { setPreferredZone } from '$lib/format';
import { forgetViews } from './boot-snapshot.service';

let restoring: Promise<User | null> | null = null;
/** The account's language is applied once a visit, when the session is first confirmed (it may reload the page). */
let languageFollowed = false;
let revalidating: Promise<void> | null = null;
/** True while the user signs out here: the server then closes our sockets, which is no sign of an expired session. */
let signingOut = false;
/**
 * A sign-out made offline could not end the session on the server, and the browser still holds its cookie. This
 * device-level flag asks for the logout to be sent once the network is back. A sign-in sends it first (and then clears
 * it), so the logout always carries the old session's cookie, never the next user's.
 */
const PENDING_LOGOUT = 'pending-logout';
let flushingLogout: Promise<void> | null = null;

/**
 * Runs `task` under a lock shared by every tab of the app on this device, so a pending logout (sent from any tab when
 * the network returns) and a sign-in (in any tab) never overlap. Browsers without Web Locks run it directly.
 */
async function withAuthLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('mop-auth', task) : await task();
}

/** Sends the pending logout, if any (call under the auth lock); throws `NetworkError` while the network is away. */
async function sendPendingLogout(): Promise<void> {
  if (!(await getSetting<boolean>(PENDING_LOGOUT))) return;
  await apiRequest(apiPaths.logout(), OkResponseSchema, { method: 'POST' });
  await deleteSetting(PENDING_LOGOUT);
}

/** Sends a sign-out that was made offline, if any; keeps it pending while the network is still away. */
function flushPendingLogout(): Promise<void> {
  flushingLogout ??= withAuthLock(sendPendingLogout)
    .catch((error: unknown) => {
      if (!(error instanceof NetworkError)) console.warn('MOP: could not send the sign-out made offline', error);
    })
    .finally(() => {
      flushingLogout = null;
    });
  return flushingLogout;
}

let watching = false;

/**
 * The session is confirmed online (the app started, the connection returned, a sign-in): community posts written
 * offline are sent and the community pages kept on this device are refreshed. Loaded only for a person who has some.
 */
function syncCommunityInBackground(userId: string): void {
  void hasCommunityData(userId)
    .then(async (has) => {
      if (!has) return;
      const { syncCommunity } = await import('$lib/community/community-device');
      await syncCommunity(userId);
    })
    .catch((error: unknown) => console.warn('MOP: could not send or refresh the community', error));
}

/**
 * Follows the network and the server's closing of sockets for the session, once per visit: from the restore of a saved
 * identity, or from the first sign-in of a visit that started without one (session-restore.ts).
 */
function watchSession(): void {
  if (watching) return;
  watching = true;
  watchNetwork((online) => {
    setDocsOnline(online && session.user !== null);
    if (online) {
      void revalidateSession();
      void flushPendingLogout();
    }
  });
  // The server closes the sync sockets of a session it ended (logout elsewhere, expiry, revocation); the app is
  // online and would otherwise only notice at the next reload.
  onFinalServerClose(() => void revalidateSession());
}

/**
 * Reads the identity saved on this device (works offline), then, when online, asks the server whether the session
 * is still valid without making the caller wait for it.
 */
export function restoreSession(): Promise<User | null> {
  restoring ??= (async () => {
    watchSession();
    let user: User | null = null;
    try {
      const storage = await openDeviceStorage(() => deviceStorage.clearBlocked());
      if (storage === 'blocked') deviceStorage.reportBlocked();
      else user = await loadStoredUser();
    } catch (error) {
      // Private windows, a full disk or a damaged database: the layout explains it and says what to do.
      console.error('MOP: could not read the identity saved on this device', error);
      deviceStorage.report(error);
    }
    session.user = user;
    session.restored = true;
    if (user && network.online) void revalidateSession();
    if (network.online) void flushPendingLogout();
    return user;
  })();
  return restoring;
}

/**
 * Confirms the session with `GET /api/me`. A 401 signs out on this device only: documents with unsynced edits are
 * never deleted, they sync once the user signs in again. Calls made while one is under way share its answer.
 */
export function revalidateSession(): Promise<void> {
  if (!session.user || signingOut) return Promise.resolve();
  revalidating ??= confirmSession().finally(() => {
    revalidating = null;
  });
  return revalidating;
}

async function confirmSession(): Promise<void> {
  try {
    const user = await apiRequest(apiPaths.me(), UserSchema);
    // Signed out while the answer was on its way: the answer must not sign the user back in.
    if (!session.user || signingOut) return;
    await saveStoredUser(user);
    session.user = user;
    session.verified = true;
    session.expired = false;
    if (!languageFollowed) {
      languageFollowed = true;
      // Changed on another device, or a session kept from before sign-ins carried the language: this reloads once.
      followAccountLanguage(user.language);
    }
    // A language picked in the footer while offline reaches the account now.
    void saveUnsavedLanguageChoice(user);
    refreshMentorshipsInBackground(user.id);
    syncCommunityInBackground(user.id);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      if (session.user && !signingOut) await endLocalSession({ expired: true });
    } else if (!(error instanceof NetworkError)) {
      console.warn('MOP: could not confirm the session', error);
    }
  }
}

/** Signs in with email and password; throws `ApiRequestError` (with the server's message) or `NetworkError`. */
export async function signIn(email: string, password: string): Promise<User> {
  const user = await withAuthLock(async () => {
    // A sign-out made offline goes first, with the old cookie: after the login the browser holds the new one.
    try {
      await sendPendingLogout();
    } catch (error) {
      if (!(error instanceof NetworkError)) console.warn('MOP: could not send the sign-out made offline', error);
    }
    const { user } = await apiRequest(apiPaths.login(), LoginResponseSchema, {
      method: 'POST',
      body: { email, password }
    });
    // The old session's cookie is gone from this browser now, so nobody here can use it any more.
    await deleteSetting(PENDING_LOGOUT).catch(() => undefined);
    return user;
  });
  return adoptSignedInUser(user);
}

/**
 * Makes `user` the signed-in identity on this device after the server started their session by another way than the
 * login form (the setup page, accepting an invitation, a workshop join link).
 */
export async function adoptSignedInUser(user: User): Promise<User> {
  watchSession();
  // Views of pages kept for the next start belong to whoever was signed in before (boot-snapshot.ts).
  await forgetViews();
  await saveStoredUser(user);
  session.user = user;
  session.verified = true;
  session.expired = false;
  session.notice = null;
  // Documents left open by an ended session resume syncing under the new one.
  setDocsOnline(network.online);
  // Community posts written offline before a sign-out are sent now (the same person signed in again).
  syncCommunityInBackground(user.id);
  // Ask once, right after the first sign-in, so the browser keeps the notes under storage pressure.
  void requestPersistentStorage();
  // Times are shown in the zone chosen on the account page; this device remembers it from now on.
  loadAccount().catch(() => undefined);
  return user;
}

/**
 * Signs out: tells the server (if reachable) and forgets the identity on this device. Local copies of documents the
 * server has confirmed are deleted, so the next person on a shared device cannot read them; documents with
 * unsynced edits are kept and the user is told.
 */
export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    let reached = true;
    try {
      await apiRequest(apiPaths.logout(), OkResponseSchema, { method: 'POST' });
    } catch (error) {
      if (error instanceof NetworkError) reached = false;
      else console.warn('MOP: the server did not confirm the sign-out', error);
    }
    // Offline: the server session stays valid until the logout is sent, as soon as the network is back.
    if (!reached)
      await setSetting(PENDING_LOGOUT, true).catch((error: unknown) =>
        console.warn('MOP: could not keep the pending sign-out', error)
      );
    await endLocalSession({ expired: false, discardSyncedCopies: true });
    // The network may have come back while the local copies were being deleted.
    if (!reached && network.online) void flushPendingLogout();
  } finally {
    signingOut = false;
  }
}

/**
 * After the account was deleted on the server: forgets the person on this device and deletes every local copy of
 * their documents, unsynced ones included (there is no account left to sync them to).
 */
export async function forgetDeletedAccount(): Promise<void> {
  const userId = session.user?.id;
  await endLocalSession({ expired: false, discardSyncedCopies: true, discardUnsynced: true });
  if (userId)
    await discardLocalCopy(profileDocName(userId)).catch((error: unknown) =>
      console.warn('MOP: could not delete the local copy of the profile', error)
    );
}

async function endLocalSession(options: {
  expired: boolean;
  discardSyncedCopies?: boolean;
  discardUnsynced?: boolean;
}): Promise<void> {
  if (options.expired) {
    // The server ended the session (401). Whatever is open stays open and keeps saving on this device, so an edit
    // in progress is not lost; syncing pauses until the user signs in again.
    setDocsOnline(false);
  } else {
    // The pairs seen during this visit, and those saved on this device: a visit that never listed the pairs (offline,
    // on another page) must still remove them.
    const stored = session.user ? await loadStoredMentorships(session.user.id).catch(() => null) : null;
    const docNames = new Set([...knownDocNames(), ...(stored ?? []).map((mentorship) => mentorship.docName)]);
    await closeAllDocs();
    const unsynced = new Set(options.discardUnsynced ? [] : await unsyncedDocNames());
    if (options.discardSyncedCopies) {
      for (const docName of docNames) {
        if (!unsynced.has(docName))
          await discardLocalCopy(docName).catch((error: unknown) =>
            console.warn(`MOP: could not delete the local copy of ${docName}`, error)
          );
      }
    }
    // The community pages read here go; posts not sent yet stay, like unsynced edits (unless the account is gone).
    const pendingPosts = session.user
      ? await forgetCommunityData(session.user.id, options.discardUnsynced === true).catch((error: unknown) => {
          console.warn("MOP: could not delete this user's community pages", error);
          return 0;
        })
      : 0;
    session.notice = unsynced.size > 0 || pendingPosts > 0 ? 'unsynced-kept' : null;
    // What this user's visits kept on the device besides documents (the mentor list for ranking, and so on).
    if (session.user)
      await clearUserSettings(session.user.id).catch((error: unknown) =>
        console.warn("MOP: could not delete this user's settings", error)
      );
  }
  if (!options.expired) setPreferredZone(null);
  // The device's last views of this person's pages (boot-snapshot.ts) show their pairs and notes.
  await forgetViews();
  await clearStoredUser();
  await clearStoredMentorships();
  session.user = null;
  session.verified = false;
  session.expired = options.expired;
}
