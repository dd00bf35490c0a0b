import { PostSchema, type Post, type ProgrammeList, type TopicDetail, type TopicList, apiPaths } from '@mop/shared';
import { apiRequest } from '$lib/services/api';
import { problemFor, type Problem } from '$lib/services/errors';
import { m } from '$lib/paraglide/messages.js';
import {
  discardPendingPost,
  pendingPostsOf,
  queueReply,
  queueTopic,
  retryPendingPost,
  saveCopy,
  sendPendingPosts,
  serverOrCopy,
  type Served
} from './community-device';
import { network } from '$lib/state/network.svelte';

type Fetch = typeof fetch;

/** The caller's programmes (`GET /api/programmes` lists only theirs); offline, as last seen on this device. */
export function programmesFor(userId: string, fetchFn?: Fetch): Promise<Served<ProgrammeList>> {
  return serverOrCopy<'programmes'>(userId, { kind: 'programmes' }, fetchFn);
}

/** A programme's name as the server or this device knows it, or null (never seen: the page names no programme). */
export async function programmeName(userId: string, programmeId: string, fetchFn?: Fetch): Promise<string | null> {
  try {
    const { value } = await programmesFor(userId, fetchFn);
    return value.programmes.find((p) => p.id === programmeId)?.name ?? null;
  } catch {
    return null;
  }
}

/** The programme's topics, newest activity first (members and admins only: others get a 403); offline, the copy. */
export function listTopics(userId: string, programmeId: string, fetchFn?: Fetch): Promise<Served<TopicList>> {
  return serverOrCopy<'topics'>(userId, { kind: 'topics', programmeId }, fetchFn);
}

/** One topic with its posts; offline, the copy kept when it was last read. */
export function loadTopic(
  userId: string,
  programmeId: string,
  topicId: string,
  fetchFn?: Fetch
): Promise<Served<TopicDetail>> {
  return serverOrCopy<'topic'>(userId, { kind: 'topic', programmeId, topicId }, fetchFn);
}

/**
 * Writes a reply: it is kept on this device first and sent from there, now when online, else when the connection
 * returns (even after a reload: the app sends what waits when it starts).
 */
export async function writeReply(userId: string, programmeId: string, topicId: string, text: string): Promise<void> {
  await queueReply(userId, programmeId, topicId, text.trim());
  if (network.online) void sendPendingPosts(userId);
}

/**
 * Writes a new topic the same way. Answers the topic's id when the server has stored it by the time this returns
 * (online, the page then opens the topic), null while it waits on this device.
 */
export async function writeTopic(
  userId: string,
  programmeId: string,
  title: string,
  text: string
): Promise<string | null> {
  const pending = await queueTopic(userId, programmeId, title.trim(), text.trim());
  if (!network.online) return null;
  await sendPendingPosts(userId);
  const left = await pendingPostsOf(userId);
  return left.some((post) => post.id === pending.id) ? null : pending.topicId;
}

/** Sends a post the server refused again (after the writer fixed what was wrong, or the server is back). */
export async function retryPost(userId: string, id: string): Promise<void> {
  await retryPendingPost(id);
  await sendPendingPosts(userId);
}

/** Gives up a post the server refused. */
export const discardPost = (id: string): Promise<void> => discardPendingPost(id);

/** Keeps the topic as the server just answered an action (hide, report, delete), for reading it offline. */
export function keepTopic(userId: string, detail: TopicDetail): void {
  void saveCopy(
    userId,
    { kind: 'topic', programmeId: detail.topic.programmeId, topicId: detail.topic.id },
    detail
  ).catch(() => undefined);
}

/** Hides a post (coordinators of the programme and admins). */
export function hidePost(programmeId: string, topicId: string, postId: string): Promise<Post> {
  return apiRequest(apiPaths.hidePost(programmeId, topicId, postId), PostSchema, { method: 'POST', body: {} });
}

/** Its author deletes a post for good (a topic whose every post is gone goes too). */
export async function deletePost(programmeId: string, topicId: string, postId: string): Promise<void> {
  await apiRequest(apiPaths.post(programmeId, topicId, postId), undefined, { method: 'DELETE' });
}

/** Reports a post to the coordinators (members, not on their own posts). */
export function reportPost(programmeId: string, topicId: string, postId: string, reason = ''): Promise<Post> {
  return apiRequest(apiPaths.reportPost(programmeId, topicId, postId), PostSchema, {
    method: 'POST',
    body: { reason }
  });
}

/** Why a community page or action failed, as a state the page shows and a sentence. */
export type CommunityProblem = Problem;

/**
 * Offline with nothing kept on this device (a page never read online) gets its own sentence; a refusal says plainly
 * that the discussions are for the programme's members.
 */
export function communityProblem(error: unknown): CommunityProblem {
  const problem = problemFor(error, {
    wording: {
      offline: m.community_offline(),
      forbidden: m.community_forbidden(),
      'not-found': m.community_not_found()
    }
  });
  return problem.kind === 'error' ? { ...problem, message: m.community_error({ message: problem.message }) } : problem;
}

/** Replaces one post in a topic with the server's newer copy (after hiding or reporting it). */
export function withPost(detail: TopicDetail, post: Post): TopicDetail {
  return { ...detail, posts: detail.posts.map((p) => (p.id === post.id ? post : p)) };
}

/** A page's data, or the problem the page shows instead. */
export type Settled<T> =
  { value: T; savedAt: string | null; problem: null } | { value: null; savedAt: null; problem: CommunityProblem };

/**
 * When the connection returns: a page that shows what this device kept, or nothing for want of a connection, is
 * loaded again from the server.
 */
export function reloadIfReadOffline(page: Promise<Settled<unknown>>, reload: () => Promise<void>): void {
  void page.then((result) => {
    if (result.savedAt !== null || result.problem?.kind === 'offline') void reload();
  });
}

/** Loads a page's data, turning failures into a problem the page shows (so the loader never throws). */
export async function settle<T>(work: Promise<Served<T>>): Promise<Settled<T>> {
  try {
    const { value, savedAt } = await work;
    return { value, savedAt, problem: null };
  } catch (error) {
    return { value: null, savedAt: null, problem: communityProblem(error) };
  }
}
