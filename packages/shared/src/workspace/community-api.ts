import * as v from 'valibot';

/**
 * Community discussions of a programme (server records, not a Yjs document): topics with replies, open to the
 * programme's members. Text is Markdown stored raw; the app renders it with a Markdown library and sanitises it.
 */
export const MAX_TOPIC_TITLE = 200;
export const MAX_POST_TEXT = 10_000;
export const MAX_REPORT_REASON = 1000;

const Text = (field: string, max: number) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.trim(),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} is at most ${max} characters`)
  );

/**
 * An id the device chose for a record it creates (`newRecordId()`), so that sending the same post again (a retry after
 * the answer was lost) stores it once: the server answers the stored copy instead of adding a second one.
 */
const ClientId = (field: string) =>
  v.optional(
    v.pipe(
      v.string(`${field} must be text`),
      v.regex(/^[a-z0-9]{16,64}$/, `${field} must be 16 to 64 lowercase letters or digits`)
    )
  );

/** `POST /api/programmes/:id/topics`; `id` (the topic's) and `postId` (its opening post's) are the device's ids. */
export const TopicCreateSchema = v.object({
  id: ClientId('id'),
  postId: ClientId('postId'),
  title: Text('title', MAX_TOPIC_TITLE),
  text: Text('text', MAX_POST_TEXT)
});
export type TopicCreate = v.InferOutput<typeof TopicCreateSchema>;

/** `POST /api/programmes/:id/topics/:topicId/replies`; `id` is the device's id of the reply. */
export const ReplyCreateSchema = v.object({ id: ClientId('id'), text: Text('text', MAX_POST_TEXT) });
export type ReplyCreate = v.InferOutput<typeof ReplyCreateSchema>;

/** `POST …/posts/:postId/report`. */
export const PostReportSchema = v.object({
  reason: v.optional(
    v.pipe(
      v.string('reason must be text'),
      v.trim(),
      v.maxLength(MAX_REPORT_REASON, `reason is at most ${MAX_REPORT_REASON} characters`)
    ),
    ''
  )
});
export type PostReport = v.InferOutput<typeof PostReportSchema>;

/** `POST …/posts/:postId/hide` (body optional). */
export const PostHideSchema = v.object({
  reason: v.optional(v.pipe(v.string('reason must be text'), v.trim(), v.maxLength(MAX_REPORT_REASON)), '')
});
export type PostHide = v.InferOutput<typeof PostHideSchema>;

const Author = v.object({ id: v.string(), name: v.string() });

/**
 * A post (a topic's opening post or a reply). When a coordinator hid it, `hidden` is set; `text` is then kept only
 * for its author and the programme's coordinators and admins, and is null for everyone else (show "hidden by a
 * coordinator"). `reportCount` is given to coordinators and admins only (null for others).
 */
export const PostSchema = v.object({
  id: v.string(),
  topicId: v.string(),
  author: Author,
  text: v.nullable(v.string()),
  createdAt: v.string(),
  hidden: v.nullable(v.object({ at: v.string(), by: v.string(), reason: v.string() })),
  reportCount: v.nullable(v.number()),
  /** Whether the caller has reported this post. */
  reportedByMe: v.boolean()
});
export type Post = v.InferOutput<typeof PostSchema>;

export const TopicSummarySchema = v.object({
  id: v.string(),
  programmeId: v.string(),
  title: v.string(),
  author: Author,
  createdAt: v.string(),
  lastPostAt: v.string(),
  replyCount: v.number()
});
export type TopicSummary = v.InferOutput<typeof TopicSummarySchema>;

/** `GET /api/programmes/:id/topics`: newest activity first. */
export const TopicListSchema = v.object({ topics: v.array(TopicSummarySchema), canModerate: v.boolean() });
export type TopicList = v.InferOutput<typeof TopicListSchema>;

/** `GET /api/programmes/:id/topics/:topicId`: the topic, its opening post and replies, oldest first. */
export const TopicDetailSchema = v.object({
  topic: TopicSummarySchema,
  posts: v.array(PostSchema),
  canModerate: v.boolean()
});
export type TopicDetail = v.InferOutput<typeof TopicDetailSchema>;
