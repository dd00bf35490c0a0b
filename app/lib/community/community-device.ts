import * as v from 'valibot';
import {
  ProgrammeListSchema,
  TopicDetailSchema,
  TopicListSchema,
  apiPaths,
  newRecordId,
  type TopicDetail,
  type TopicSummary
} from '@mop/shared';
import { db } from '$lib/services/storage.service';
import { ApiRequestError, NetworkError, apiRequest } from '$lib/services/api';
import { problemFor } from '$lib/services/errors';
import { session } from '$lib/state/session.svelte';

/**
 * The community on this device (docs/workspace.md, "Community offline"). The server stays the source of truth: the
 * pages a person read are kept as the server answered them, to be read offline, and replaced by the server's copy at
 * every online visit and when the connection returns (so a post hidden or deleted meanwhile goes from the device
 * too). What they write goes to an outbox first, with ids chosen here, and is sent from there: sending the same post
 * again after a lost answer stores it once on the server.
 */

/** Which server answer a copy keeps. */
export type CopyOf =
  | { kind: 'programmes' }
  | { kind: 'topics'; programmeId: string }
  | { kind: 'topic'; programmeId: string; topicId: string };

/** A server answer kept for one user (`communityCopies`, database version 3). */
export interface CommunityCopy {
  key: string;
  userId: string;
  of: CopyOf;
  value: unknown;
  savedAt: string;
}

/** Where a pending post stands: waiting for the connection, on its way, or refused by the server. */
type PendingState = 'waiting' | 'sending' | 'failed';

/** A topic or reply written on this device that the server has not stored yet (`communityOutbox`). */
export interface PendingPost {
  /** The post's id, chosen on this device (for a new topic, its opening post's). */
  id: string;
  userId: string;
  programmeId: string;
  /** The topic replied to, or the id chosen here for a new topic. */
  topicId: string;
  /** A new topic's title; null for a reply. */
  title: string | null;
  text: string;
  createdAt: string;
  state: PendingState;
  /** Why the server refused it, in the writer's language (when `failed`). */
  error: string | null;
}

const SCHEMAS = { programmes: ProgrammeListSchema, topics: TopicListSchema, topic: TopicDetailSchema } as const;
type CopyValue<K extends CopyOf['kind']> = v.InferOutput<(typeof SCHEMAS)[K]>;
type CopyFor<K extends CopyOf['kind']> = Extract<CopyOf, { kind: K }>;

function copyPath(of: CopyOf): string {
  switch (of.kind) {
    case 'programmes':
      return apiPaths.programmes();
    case 'topics':
      return apiPaths.topics(of.programmeId);
    case 'topic':
      return apiPaths.topic(of.programmeId, of.topicId);
  }
}

/** One key per user and server path: `<userId>|/api/programmes/…/topics`. */
const copyKey = (userId: string, of: CopyOf): string => `${userId}|${copyPath(of)}`;

export async function saveCopy<K extends CopyOf['kind']>(
  userId: string,
  of: CopyFor<K>,
  value: CopyValue<K>
): Promise<void> {
  await db().communityCopies.put({ key: copyKey(userId, of), userId, of, value, savedAt: new Date().toISOString() });
}

/** The kept copy, or null (none, or one an older version of the app kept in another shape). */
export async function readCopy<K extends CopyOf['kind']>(
  userId: string,
  of: CopyFor<K>
): Promise<{ value: CopyValue<K>; savedAt: string } | null> {
  const row = await db().communityCopies.get(copyKey(userId, of));
  if (!row) return null;
  const parsed = v.safeParse(SCHEMAS[of.kind], row.value);
  return parsed.success ? { value: parsed.output as CopyValue<K>, savedAt: row.savedAt } : null;
}

/** An answer of the server, or the copy kept on this device when the server cannot be reached. */
export interface Served<T> {
  value: T;
  /** When the copy shown was kept; null when it is the server's answer of now. */
  savedAt: string | null;
}

type Fetch = typeof fetch;

/** The server's answer of now for what a copy keeps. */
function ask<K extends CopyOf['kind']>(of: CopyFor<K>, fetchFn?: Fetch): Promise<CopyValue<K>> {
  const path = copyPath(of);
  return apiRequest(path, SCHEMAS[of.kind] as v.GenericSchema<unknown, CopyValue<K>>, { fetch: fetchFn });
}

/** Asks the server and keeps its answer. A refusal (403, 404) deletes the copy: it is no longer the person's. */
async function askAndKeep<K extends CopyOf['kind']>(
  userId: string,
  of: CopyFor<K>,
  fetchFn?: Fetch
): Promise<CopyValue<K>> {
  try {
    const value = await ask(of, fetchFn);
    await saveCopy(userId, of, value).catch((error: unknown) =>
      console.warn('MOP: could not keep the community page on this device', error)
    );
    return value;
  } catch (error) {
    if (error instanceof ApiRequestError && (error.status === 403 || error.status === 404))
      await db()
        .communityCopies.delete(copyKey(userId, of))
        .catch(() => undefined);
    throw error;
  }
}

/** The server's answer, kept; offline, the copy kept on this device (the network error when there is none). */
export async function serverOrCopy<K extends CopyOf['kind']>(
  userId: string,
  of: CopyFor<K>,
  fetchFn?: Fetch
): Promise<Served<CopyValue<K>>> {
  try {
    return { value: await askAndKeep(userId, of, fetchFn), savedAt: null };
  } catch (error) {
    const copy = error instanceof NetworkError ? await readCopy(userId, of).catch(() => null) : null;
    if (copy) return copy;
    throw error;
  }
}

/** A user's pending posts, oldest first (the order they are sent in). */
export async function pendingPostsOf(userId: string): Promise<PendingPost[]> {
  return db().communityOutbox.where('userId').equals(userId).sortBy('createdAt');
}

/** The time of the last post queued in this tab: each new one gets a later time, so the queue's order is kept. */
let lastQueuedAt = 0;

function queue(post: Omit<PendingPost, 'id' | 'createdAt' | 'state' | 'error'>): Promise<PendingPost> {
  // A topic and a reply to it queued within one millisecond would tie, and be sent in either order.
  lastQueuedAt = Math.max(Date.now(), lastQueuedAt + 1);
  const pending: PendingPost = {
    ...post,
    id: newRecordId(),
    createdAt: new Date(lastQueuedAt).toISOString(),
    state: 'waiting',
    error: null
  };
  return db()
    .communityOutbox.add(pending)
    .then(() => pending);
}

/** Keeps a reply on this device until it is sent (`sendPendingPosts`). */
export function queueReply(userId: string, programmeId: string, topicId: string, text: string): Promise<PendingPost> {
  return queue({ userId, programmeId, topicId, title: null, text });
}

/** Keeps a new topic (its title and opening post) on this device until it is sent. */
export function queueTopic(userId: string, programmeId: string, title: string, text: string): Promise<PendingPost> {
  return queue({ userId, programmeId, topicId: newRecordId(), title, text });
}

/** Puts a refused post back in the queue; the caller sends it. */
export async function retryPendingPost(id: string): Promise<void> {
  await db().communityOutbox.update(id, { state: 'waiting', error: null });
}

/** The writer gives up a post the server refused. */
export async function discardPendingPost(id: string): Promise<void> {
  await db().communityOutbox.delete(id);
}

/** A sent topic's summary in the kept topic list, so that it is there offline before the next visit online. */
async function keepInTopicList(userId: string, programmeId: string, topic: TopicSummary): Promise<void> {
  const of = { kind: 'topics', programmeId } as const;
  const list = await readCopy(userId, of);
  if (!list) return;
  const topics = [topic, ...list.value.topics.filter((t) => t.id !== topic.id)].sort((a, b) =>
    b.lastPostAt.localeCompare(a.lastPostAt)
  );
  await saveCopy(userId, of, { ...list.value, topics });
}

/** Sends one post; 'offline' or 'expired' when the rest must wait (no connection, or a new sign-in). */
async function sendOne(post: PendingPost): Promise<'next' | 'offline' | 'expired'> {
  await db().communityOutbox.update(post.id, { state: 'sending', error: null });
  try {
    const detail: TopicDetail =
      post.title === null
        ? await apiRequest(apiPaths.topicReplies(post.programmeId, post.topicId), TopicDetailSchema, {
            method: 'POST',
            body: { id: post.id, text: post.text }
          })
        : await apiRequest(apiPaths.topics(post.programmeId), TopicDetailSchema, {
            method: 'POST',
            body: { id: post.topicId, postId: post.id, title: post.title, text: post.text }
          });
    await db().transaction('rw', db().communityOutbox, db().communityCopies, async () => {
      await db().communityOutbox.delete(post.id);
      await saveCopy(post.userId, { kind: 'topic', programmeId: post.programmeId, topicId: detail.topic.id }, detail);
      await keepInTopicList(post.userId, post.programmeId, detail.topic);
    });
    return 'next';
  } catch (error) {
    if (error instanceof NetworkError || (error instanceof ApiRequestError && error.status === 401)) {
      await db().communityOutbox.update(post.id, { state: 'waiting' });
      return error instanceof NetworkError ? 'offline' : 'expired';
    }
    await db().communityOutbox.update(post.id, { state: 'failed', error: problemFor(error).message });
    return 'next';
  }
}

/** Sends until the outbox is empty or must wait; 'offline' when the server could not be reached. */
async function sendAll(userId: string): Promise<'done' | 'offline'> {
  const tried = new Set<string>();
  for (;;) {
    // Only the writer's own session sends their posts (never another person's signed in on this device since).
    if (session.user?.id !== userId) return 'done';
    // Read again after each send: a post written meanwhile goes in the same run.
    const next = (await pendingPostsOf(userId)).find((post) => post.state !== 'failed' && !tried.has(post.id));
    if (!next) return 'done';
    tried.add(next.id);
    const outcome = await sendOne(next);
    // An expired session waits for the next sign-in, which sends again: no retry by timer.
    if (outcome === 'expired') return 'done';
    if (outcome === 'offline') return outcome;
  }
}

const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 60_000;

let running: Promise<void> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = FIRST_RETRY_MS;

/**
 * Sends the user's waiting posts, oldest first (a new topic before the replies written to it). One run at a time in
 * this tab; a call during a run makes it look again before it ends. Posts the server refused stay until the writer
 * retries or discards them. Another tab sending the same post at once is harmless: the server stores it once.
 *
 * When the server cannot be reached the run tries again later by itself (5 s, doubling up to a minute): the browser's
 * `online` event does not come when the server, not the network, was down.
 */
export function sendPendingPosts(userId: string): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  running = (async () => {
    let outcome: 'done' | 'offline';
    do {
      again = false;
      outcome = await sendAll(userId);
    } while (again && outcome === 'done');
    if (outcome === 'offline' && typeof window !== 'undefined') {
      retryTimer = setTimeout(() => void sendPendingPosts(userId), retryDelay);
      retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
    } else retryDelay = FIRST_RETRY_MS;
  })().finally(() => {
    running = null;
  });
  return running;
}

/** How many kept copies are refreshed when the connection returns (the most recently read). */
const REFRESHED_COPIES = 30;

/**
 * Replaces the kept copies with the server's answers of now, so moderation reaches this device: a post hidden while
 * the person was away loses its text here too, a deleted one goes, a topic or programme no longer open is dropped.
 */
export async function refreshCommunityCopies(userId: string): Promise<void> {
  const rows = await db().communityCopies.where('userId').equals(userId).toArray();
  rows.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  for (const row of rows.slice(0, REFRESHED_COPIES)) {
    try {
      await askAndKeep(userId, row.of);
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiRequestError && error.status === 401)) return;
    }
  }
  // Older copies than those are not worth a request each: they go.
  for (const row of rows.slice(REFRESHED_COPIES)) await db().communityCopies.delete(row.key);
}

/** Once the session is confirmed online (app start, the connection back): sends what waits, then refreshes copies. */
export async function syncCommunity(userId: string): Promise<void> {
  await sendPendingPosts(userId);
  await refreshCommunityCopies(userId);
}
