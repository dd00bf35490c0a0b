import Dexie, { type EntityTable } from 'dexie';
import type { Mentorship, PairSummary, User } from '@mop/shared';
import type { NotificationMark } from '$lib/notifications/derive';
import type { CommunityCopy, PendingPost } from '$lib/community/community-device';
import { DEVICE_DATABASE } from './device-databases';

/** The signed-in identity kept on this device so that the app opens offline. */
interface StoredSession {
  key: 'current';
  user: User;
  savedAt: string;
}

/** A mentorship as last seen by the signed-in user (the list is per user). */
interface StoredMentorship {
  id: string;
  userId: string;
  mentorship: Mentorship;
  savedAt: string;
}

/**
 * What a pair's card on the home and the header's notification count show for one user (`PairSummary`): from the
 * server's mentorship list, or recomputed on this device whenever the pair's document is open. The home reads it
 * instead of opening the document, offline too.
 */
interface StoredPairSummary {
  /** `<userId>:<mentorshipId>`. */
  id: string;
  userId: string;
  mentorshipId: string;
  summary: PairSummary;
}

interface StoredSetting {
  key: string;
  value: unknown;
}

/**
 * What this device knows about a Yjs document beyond its content (which y-indexeddb keeps in its own database,
 * named after the document). `unsynced` is true from the first local edit until the server has confirmed it.
 */
interface StoredDocState {
  docName: string;
  unsynced: boolean;
  changedAt: string;
}

class MopDatabase extends Dexie {
  session!: EntityTable<StoredSession, 'key'>;
  mentorships!: EntityTable<StoredMentorship, 'id'>;
  settings!: EntityTable<StoredSetting, 'key'>;
  docState!: EntityTable<StoredDocState, 'docName'>;
  /** What each user last saw on the notifications page (version 2). */
  notificationMarks!: EntityTable<NotificationMark, 'userId'>;
  /** The community pages each user last read from the server, to read them offline (version 3). */
  communityCopies!: EntityTable<CommunityCopy, 'key'>;
  /** Topics and replies written on this device and not yet stored by the server (version 3). */
  communityOutbox!: EntityTable<PendingPost, 'id'>;
  /** Each user's pair summaries (version 4). */
  pairSummaries!: EntityTable<StoredPairSummary, 'id'>;

  constructor() {
    super(DEVICE_DATABASE);
    this.version(1).stores({
      session: 'key',
      mentorships: 'id, userId',
      settings: 'key',
      docState: 'docName, unsynced'
    });
    this.version(2).stores({ notificationMarks: 'userId' });
    this.version(3).stores({ communityCopies: 'key, userId', communityOutbox: 'id, userId' });
    this.version(4).stores({ pairSummaries: 'id, userId' });
  }
}

let database: MopDatabase | null = null;

/** The app's Dexie database, opened on first use. */
export function db(): MopDatabase {
  database ??= new MopDatabase();
  return database;
}

/**
 * Opens the database at boot. Resolves `'open'`, or `'blocked'` as soon as another tab's older connection holds the
 * upgrade back (Dexie would otherwise wait silently until that tab closes, and the app would never render);
 * `onOpenedLater` runs if the upgrade then goes through. Rejects with Dexie's error when IndexedDB cannot be used.
 */
export function openDeviceStorage(onOpenedLater: () => void): Promise<'open' | 'blocked'> {
  const database = db();
  return new Promise((resolve, reject) => {
    let blocked = false;
    database.on('blocked', () => {
      blocked = true;
      resolve('blocked');
    });
    database.open().then(
      () => (blocked ? onOpenedLater() : resolve('open')),
      (error: unknown) =>
        blocked ? console.error('MOP: the storage of this device did not open', error) : reject(error)
    );
  });
}

export async function loadStoredUser(): Promise<User | null> {
  const row = await db().session.get('current');
  return row?.user ?? null;
}

export async function saveStoredUser(user: User): Promise<void> {
  await db().session.put({ key: 'current', user, savedAt: new Date().toISOString() });
}

export async function clearStoredUser(): Promise<void> {
  await db().session.delete('current');
}

export async function loadStoredMentorships(userId: string): Promise<Mentorship[] | null> {
  const rows = await db().mentorships.where('userId').equals(userId).toArray();
  if (rows.length === 0) {
    const known = await getSetting<boolean>(`mentorships-fetched:${userId}`);
    return known ? [] : null;
  }
  return rows.map((row) => row.mentorship);
}

/** Replaces the saved list of a user's mentorships with what the server just said. */
export async function saveStoredMentorships(userId: string, mentorships: Mentorship[]): Promise<void> {
  const savedAt = new Date().toISOString();
  await db().transaction('rw', db().mentorships, db().settings, async () => {
    await db().mentorships.where('userId').equals(userId).delete();
    await db().mentorships.bulkPut(
      mentorships.map((mentorship) => ({ id: `${userId}:${mentorship.id}`, userId, mentorship, savedAt }))
    );
    await db().settings.put({ key: `mentorships-fetched:${userId}`, value: true });
  });
}

export async function clearStoredMentorships(): Promise<void> {
  await db().transaction('rw', db().mentorships, db().pairSummaries, async () => {
    await db().mentorships.clear();
    await db().pairSummaries.clear();
  });
}

/** Keeps one user's summary of a pair (replacing the one kept before). */
export async function saveStoredPairSummary(userId: string, mentorshipId: string, summary: PairSummary): Promise<void> {
  await db().pairSummaries.put({ id: `${userId}:${mentorshipId}`, userId, mentorshipId, summary });
}

export async function getSetting<T>(key: string): Promise<T | undefined> {
  const row = await db().settings.get(key);
  return row?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await db().settings.put({ key, value });
}

export async function deleteSetting(key: string): Promise<void> {
  await db().settings.delete(key);
}

/**
 * Deletes one user's settings: by convention their keys end with `:<userId>` (e.g. the kept mentor list,
 * `rankable-mentors:<userId>`), so signing out of a shared device leaves none of them behind.
 */
export async function clearUserSettings(userId: string): Promise<void> {
  const suffix = `:${userId}`;
  await db()
    .settings.filter((row) => row.key.endsWith(suffix))
    .delete();
}

/** Whether this user has community pages kept or posts waiting on this device (`community-device.ts`). */
export async function hasCommunityData(userId: string): Promise<boolean> {
  const [copies, pending] = await Promise.all([
    db().communityCopies.where('userId').equals(userId).count(),
    db().communityOutbox.where('userId').equals(userId).count()
  ]);
  return copies + pending > 0;
}

/**
 * At sign-out: the community pages kept for this user go; posts not sent yet stay, like unsynced documents, and are
 * sent the next time this person signs in here — unless `pendingToo` (the account was deleted). Answers how many stayed.
 */
export async function forgetCommunityData(userId: string, pendingToo: boolean): Promise<number> {
  await db().communityCopies.where('userId').equals(userId).delete();
  if (pendingToo) await db().communityOutbox.where('userId').equals(userId).delete();
  return db().communityOutbox.where('userId').equals(userId).count();
}

export async function markDocUnsynced(docName: string, unsynced: boolean): Promise<void> {
  await db().docState.put({ docName, unsynced, changedAt: new Date().toISOString() });
}

export async function isDocUnsynced(docName: string): Promise<boolean> {
  return (await db().docState.get(docName))?.unsynced ?? false;
}

/** Names of the documents with edits the server has not confirmed yet. */
export async function unsyncedDocNames(): Promise<string[]> {
  const rows = await db().docState.toArray();
  return rows.filter((row) => row.unsynced).map((row) => row.docName);
}

/**
 * Asks the browser to keep this origin's storage under storage pressure. Browsers may refuse (or ask the user);
 * the answer is remembered so the request happens once per device.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
  try {
    if (await navigator.storage.persisted()) return true;
    const asked = await getSetting<boolean>('storage-persist-requested');
    if (asked) return false;
    const granted = await navigator.storage.persist();
    await setSetting('storage-persist-requested', true);
    return granted;
  } catch (error) {
    console.warn('MOP: could not request persistent storage', error);
    return null;
  }
}
