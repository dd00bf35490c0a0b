import type Database from 'better-sqlite3';
import type { StoredPairFile, StoredPost, StoredTopic, WorkspaceStore } from './store.ts';

interface TopicRow {
  id: string;
  programme_id: string;
  title: string;
  author_id: string;
  created_at: string;
  last_post_at: string;
  posts: number;
}

interface PostRow {
  id: string;
  topic_id: string;
  author_id: string;
  text: string;
  created_at: string;
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string;
  reporters: string | null;
}

const toTopic = (row: TopicRow): StoredTopic => ({
  id: row.id,
  programmeId: row.programme_id,
  title: row.title,
  authorId: row.author_id,
  createdAt: row.created_at,
  lastPostAt: row.last_post_at,
  replyCount: Math.max(0, row.posts - 1)
});

const toPost = (row: PostRow): StoredPost => {
  const reporters = row.reporters ? row.reporters.split(',') : [];
  return {
    id: row.id,
    topicId: row.topic_id,
    authorId: row.author_id,
    text: row.text,
    createdAt: row.created_at,
    hiddenAt: row.hidden_at,
    hiddenBy: row.hidden_by,
    hiddenReason: row.hidden_reason,
    reportCount: reporters.length,
    reporters
  };
};

const TOPIC_SELECT = `SELECT t.*, (SELECT COUNT(*) FROM community_posts p WHERE p.topic_id = t.id) AS posts FROM community_topics t`;
const POST_SELECT = `SELECT p.*, (SELECT group_concat(r.reporter_id) FROM community_reports r WHERE r.post_id = p.id) AS reporters FROM community_posts p`;

/** The SQLite implementation of `WorkspaceStore` (tables of migration 004). */
export class SqliteWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Database.Database) {}

  programmeExists(programmeId: string): boolean {
    return this.db.prepare('SELECT 1 FROM programmes WHERE id = ?').get(programmeId) !== undefined;
  }

  setCalendarToken(userId: string, tokenHash: string, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
      ON CONFLICT(user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`
      )
      .run(userId, tokenHash, now.toISOString());
  }

  deleteCalendarToken(userId: string): boolean {
    return this.db.prepare('DELETE FROM calendar_tokens WHERE user_id = ?').run(userId).changes > 0;
  }

  findCalendarTokenUser(tokenHash: string): string | null {
    const row = this.db.prepare('SELECT user_id FROM calendar_tokens WHERE token_hash = ?').get(tokenHash) as
      { user_id: string } | undefined;
    return row?.user_id ?? null;
  }

  calendarTokenCreatedAt(userId: string): string | null {
    const row = this.db.prepare('SELECT created_at FROM calendar_tokens WHERE user_id = ?').get(userId) as
      { created_at: string } | undefined;
    return row?.created_at ?? null;
  }

  addPairFile(file: StoredPairFile): void {
    this.db
      .prepare(
        `INSERT INTO pair_files (id, mentorship_id, name, media_type, size, sha256, uploaded_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        file.id,
        file.mentorshipId,
        file.name,
        file.mediaType,
        file.size,
        file.sha256,
        file.uploadedBy,
        file.createdAt
      );
  }

  pairFileUsage(mentorshipId: string): { count: number; bytes: number } {
    return this.db
      .prepare('SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM pair_files WHERE mentorship_id = ?')
      .get(mentorshipId) as { count: number; bytes: number };
  }

  userFileBytes(userId: string): number {
    const row = this.db
      .prepare('SELECT coalesce(sum(size), 0) AS bytes FROM pair_files WHERE uploaded_by = ?')
      .get(userId) as { bytes: number };
    return row.bytes;
  }

  getPairFile(mentorshipId: string, fileId: string): StoredPairFile | null {
    const row = this.db
      .prepare('SELECT * FROM pair_files WHERE mentorship_id = ? AND id = ?')
      .get(mentorshipId, fileId) as
      | {
          id: string;
          mentorship_id: string;
          name: string;
          media_type: string;
          size: number;
          sha256: string;
          uploaded_by: string;
          created_at: string;
        }
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      mentorshipId: row.mentorship_id,
      name: row.name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by,
      createdAt: row.created_at
    };
  }

  createTopic(topic: {
    id: string;
    programmeId: string;
    title: string;
    authorId: string;
    postId: string;
    text: string;
    now: Date;
  }): void {
    const at = topic.now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO community_topics (id, programme_id, title, author_id, created_at, last_post_at) VALUES (?, ?, ?, ?, ?, ?)'
        )
        .run(topic.id, topic.programmeId, topic.title, topic.authorId, at, at);
      this.db
        .prepare('INSERT INTO community_posts (id, topic_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(topic.postId, topic.id, topic.authorId, topic.text, at);
    })();
  }

  listTopics(programmeId: string): StoredTopic[] {
    return (
      this.db
        .prepare(`${TOPIC_SELECT} WHERE t.programme_id = ? ORDER BY t.last_post_at DESC, t.id`)
        .all(programmeId) as TopicRow[]
    ).map(toTopic);
  }

  getTopic(programmeId: string, topicId: string): StoredTopic | null {
    const row = this.db.prepare(`${TOPIC_SELECT} WHERE t.programme_id = ? AND t.id = ?`).get(programmeId, topicId) as
      TopicRow | undefined;
    return row ? toTopic(row) : null;
  }

  addPost(post: { id: string; topicId: string; authorId: string; text: string; now: Date }): void {
    const at = post.now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO community_posts (id, topic_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(post.id, post.topicId, post.authorId, post.text, at);
      this.db.prepare('UPDATE community_topics SET last_post_at = ? WHERE id = ?').run(at, post.topicId);
    })();
  }

  listPosts(topicId: string): StoredPost[] {
    return (
      this.db.prepare(`${POST_SELECT} WHERE p.topic_id = ? ORDER BY p.created_at, p.rowid`).all(topicId) as PostRow[]
    ).map(toPost);
  }

  getPost(topicId: string, postId: string): StoredPost | null {
    const row = this.db.prepare(`${POST_SELECT} WHERE p.topic_id = ? AND p.id = ?`).get(topicId, postId) as
      PostRow | undefined;
    return row ? toPost(row) : null;
  }

  findTopicById(topicId: string): StoredTopic | null {
    const row = this.db.prepare(`${TOPIC_SELECT} WHERE t.id = ?`).get(topicId) as TopicRow | undefined;
    return row ? toTopic(row) : null;
  }

  findPostById(postId: string): StoredPost | null {
    const row = this.db.prepare(`${POST_SELECT} WHERE p.id = ?`).get(postId) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /**
   * Hiding erases the post's text from the database (under `secure_delete` the old page bytes are zeroed): a
   * hidden post is one nobody should read again, so it is not kept "for appeal" (docs/privacy.md). Who hid it, when
   * and why stay, as the moderation record (the author can still ask the coordinator, who saw the text).
   */
  hidePost(postId: string, by: string, reason: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE community_posts SET hidden_at = ?, hidden_by = ?, hidden_reason = ?, text = ''
         WHERE id = ? AND hidden_at IS NULL`
      )
      .run(now.toISOString(), by, reason, postId);
    // Fold the WAL into the file and truncate it, so no earlier page image with the text stays in `mop.sqlite-wal`.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  reportPost(postId: string, reporterId: string, reason: string, now: Date): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO community_reports (post_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?)'
        )
        .run(postId, reporterId, reason, now.toISOString()).changes > 0
    );
  }
}
