import {
  PostSchema,
  TopicDetailSchema,
  TopicListSchema,
  type Post,
  type TopicDetail,
  type TopicList,
  apiPaths
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';
import { problemFor, type Problem } from '$lib/services/errors';
import { m } from '$lib/paraglide/messages.js';

type Fetch = typeof fetch;

/** The programme's topics, newest activity first (members and admins only: others get a 403). */
export function listTopics(programmeId: string, fetchFn?: Fetch): Promise<TopicList> {
  return apiRequest(apiPaths.topics(programmeId), TopicListSchema, { fetch: fetchFn });
}

export function createTopic(programmeId: string, title: string, text: string): Promise<TopicDetail> {
  return apiRequest(apiPaths.topics(programmeId), TopicDetailSchema, { method: 'POST', body: { title, text } });
}

export function loadTopic(programmeId: string, topicId: string, fetchFn?: Fetch): Promise<TopicDetail> {
  return apiRequest(apiPaths.topic(programmeId, topicId), TopicDetailSchema, { fetch: fetchFn });
}

export function replyToTopic(programmeId: string, topicId: string, text: string): Promise<TopicDetail> {
  return apiRequest(apiPaths.topicReplies(programmeId, topicId), TopicDetailSchema, {
    method: 'POST',
    body: { text }
  });
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
 * The community lives on the server only: offline is expected and gets its own sentence; a refusal says plainly that
 * the discussions are for the programme's members.
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

/** Loads a page's data, turning failures into a problem the page shows (so the loader never throws). */
export async function settle<T>(
  work: Promise<T>
): Promise<{ value: T; problem: null } | { value: null; problem: CommunityProblem }> {
  try {
    return { value: await work, problem: null };
  } catch (error) {
    return { value: null, problem: communityProblem(error) };
  }
}
