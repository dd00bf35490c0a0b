import { Hono, type Context } from 'hono';
import {
  PostHideSchema,
  PostReportSchema,
  ReplyCreateSchema,
  TopicCreateSchema,
  newRecordId,
  type Post,
  type TopicDetail,
  type TopicList,
  type TopicSummary,
  type User
} from '@mop/shared';
import { guarded, readBody, ApiRefusal } from './http.ts';
import type { WorkspaceContext } from './context.ts';
import type { StoredPost, StoredTopic } from './store.ts';

interface Membership {
  programmeId: string;
  /** Coordinator of the programme, or admin. */
  canModerate: boolean;
}

/**
 * Community discussions of a programme under `/api/programmes/:id/topics`: open to the programme's members (any
 * role) and admins; 401 anonymous, 403 others. Coordinators and admins hide posts; hiding erases the post's text from
 * the database and everyone sees a placeholder (`text: null`); the hide's reason is shown to the author and the
 * moderators. Members report posts. A new topic or reply may carry the id its device gave it: sending it again (the
 * app's outbox retrying after a lost answer) answers the stored copy with 200 instead of storing it twice.
 */
export function communityRoutes(ctx: WorkspaceContext): Hono {
  const app = new Hono();

  const member = (c: Context, user: User): Membership => {
    const programmeId = c.req.param('id') ?? '';
    if (!ctx.workspace.programmeExists(programmeId))
      throw new ApiRefusal(404, 'not_found', `No programme "${programmeId}"`);
    const roles = ctx.store
      .listProgrammeRoles(user.id)
      .filter((row) => row.programmeId === programmeId)
      .map((row) => row.role);
    if (roles.length === 0 && user.role !== 'admin')
      throw new ApiRefusal(403, 'forbidden', 'You are not a member of this programme');
    return { programmeId, canModerate: user.role === 'admin' || roles.includes('coordinator') };
  };

  const topicOf = (c: Context, access: Membership): StoredTopic => {
    const topicId = c.req.param('topicId') ?? '';
    const topic = ctx.workspace.getTopic(access.programmeId, topicId);
    if (!topic) throw new ApiRefusal(404, 'not_found', `No topic "${topicId}"`);
    return topic;
  };

  /** A device-chosen id that another post or topic holds (not a retry of the caller's own). */
  const idTaken = (field: string) =>
    new ApiRefusal(409, 'id_taken', `${field}: this id belongs to another topic or post; choose a new one`);

  const name = (userId: string): string => ctx.store.findUserById(userId)?.name ?? 'Former member';

  const topicWire = (topic: StoredTopic): TopicSummary => ({
    id: topic.id,
    programmeId: topic.programmeId,
    title: topic.title,
    author: { id: topic.authorId, name: name(topic.authorId) },
    createdAt: topic.createdAt,
    lastPostAt: topic.lastPostAt,
    replyCount: topic.replyCount
  });

  const postWire = (post: StoredPost, user: User, access: Membership): Post => {
    const mayReadHidden = access.canModerate || post.authorId === user.id;
    return {
      id: post.id,
      topicId: post.topicId,
      author: { id: post.authorId, name: name(post.authorId) },
      // A hidden post's text was erased when it was hidden: everyone sees the placeholder.
      text: post.hiddenAt === null ? post.text : null,
      createdAt: post.createdAt,
      hidden:
        post.hiddenAt === null
          ? null
          : { at: post.hiddenAt, by: post.hiddenBy ?? '', reason: mayReadHidden ? post.hiddenReason : '' },
      reportCount: access.canModerate ? post.reportCount : null,
      reportedByMe: post.reporters.includes(user.id)
    };
  };

  const detail = (topic: StoredTopic, user: User, access: Membership): TopicDetail => ({
    topic: topicWire(ctx.workspace.getTopic(access.programmeId, topic.id) ?? topic),
    posts: ctx.workspace.listPosts(topic.id).map((post) => postWire(post, user, access)),
    canModerate: access.canModerate
  });

  app.get(
    '/programmes/:id/topics',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      const body: TopicList = {
        topics: ctx.workspace.listTopics(access.programmeId).map(topicWire),
        canModerate: access.canModerate
      };
      return c.json(body);
    })
  );

  app.post(
    '/programmes/:id/topics',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      const input = await readBody(c, TopicCreateSchema);
      // A device sending its topic again (the answer to the first send was lost) gets the stored one back, once.
      const stored = input.id === undefined ? null : ctx.workspace.findTopicById(input.id);
      if (stored) {
        if (stored.authorId !== user.id || stored.programmeId !== access.programmeId) throw idTaken('id');
        return c.json(detail(stored, user, access), 200);
      }
      if (input.postId !== undefined && ctx.workspace.findPostById(input.postId)) throw idTaken('postId');
      const id = input.id ?? newRecordId();
      ctx.workspace.createTopic({
        id,
        programmeId: access.programmeId,
        title: input.title,
        authorId: user.id,
        postId: input.postId ?? newRecordId(),
        text: input.text,
        now: new Date()
      });
      const topic = ctx.workspace.getTopic(access.programmeId, id);
      if (!topic) throw new Error(`topic ${id} vanished right after it was created`);
      return c.json(detail(topic, user, access), 201);
    })
  );

  app.get(
    '/programmes/:id/topics/:topicId',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      return c.json(detail(topicOf(c, access), user, access));
    })
  );

  app.post(
    '/programmes/:id/topics/:topicId/replies',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      const topic = topicOf(c, access);
      const input = await readBody(c, ReplyCreateSchema);
      // The same reply sent again (a retry after the server stored it) is not added twice, nor e-mailed twice.
      const stored = input.id === undefined ? null : ctx.workspace.findPostById(input.id);
      if (stored) {
        if (stored.authorId !== user.id || stored.topicId !== topic.id) throw idTaken('id');
        return c.json(detail(topic, user, access), 200);
      }
      ctx.workspace.addPost({
        id: input.id ?? newRecordId(),
        topicId: topic.id,
        authorId: user.id,
        text: input.text,
        now: new Date()
      });
      ctx.notices.communityReply({
        programmeId: access.programmeId,
        topicId: topic.id,
        topicTitle: topic.title,
        authorId: user.id,
        participantIds: [topic.authorId, ...ctx.workspace.listPosts(topic.id).map((post) => post.authorId)]
      });
      return c.json(detail(topic, user, access), 201);
    })
  );

  const postOf = (c: Context, topic: StoredTopic): StoredPost => {
    const postId = c.req.param('postId') ?? '';
    const post = ctx.workspace.getPost(topic.id, postId);
    if (!post) throw new ApiRefusal(404, 'not_found', `No post "${postId}" in this topic`);
    return post;
  };

  app.post(
    '/programmes/:id/topics/:topicId/posts/:postId/hide',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      if (!access.canModerate)
        throw new ApiRefusal(403, 'forbidden', "Only this programme's coordinators and admins can hide posts");
      const topic = topicOf(c, access);
      const post = postOf(c, topic);
      const input = await readBody(c, PostHideSchema, true);
      ctx.workspace.hidePost(post.id, user.id, input.reason, new Date());
      return c.json(postWire(ctx.workspace.getPost(topic.id, post.id) ?? post, user, access));
    })
  );

  app.post(
    '/programmes/:id/topics/:topicId/posts/:postId/report',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const access = member(c, user);
      const topic = topicOf(c, access);
      const post = postOf(c, topic);
      if (post.authorId === user.id) throw new ApiRefusal(400, 'own_post', 'You cannot report your own post');
      const input = await readBody(c, PostReportSchema, true);
      ctx.workspace.reportPost(post.id, user.id, input.reason, new Date());
      return c.json(postWire(ctx.workspace.getPost(topic.id, post.id) ?? post, user, access));
    })
  );

  return app;
}
