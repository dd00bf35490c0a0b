/**
 * The workspace's server records, behind a small interface (SQLite implementation in `sqlite-workspace-store.ts`).
 * Everything else of the pair's workspace lives in its Yjs document.
 */
export interface StoredPairFile {
  id: string;
  mentorshipId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export interface StoredTopic {
  id: string;
  programmeId: string;
  title: string;
  authorId: string;
  createdAt: string;
  lastPostAt: string;
  /** Posts after the opening one. */
  replyCount: number;
}

export interface StoredPost {
  id: string;
  topicId: string;
  authorId: string;
  text: string;
  createdAt: string;
  hiddenAt: string | null;
  hiddenBy: string | null;
  hiddenReason: string;
  reportCount: number;
  /** User ids that reported it. */
  reporters: string[];
}

export interface WorkspaceStore {
  programmeExists(programmeId: string): boolean;

  /** Replaces the user's feed token (stored as its hash). */
  setCalendarToken(userId: string, tokenHash: string, now: Date): void;
  deleteCalendarToken(userId: string): boolean;
  findCalendarTokenUser(tokenHash: string): string | null;
  calendarTokenCreatedAt(userId: string): string | null;

  addPairFile(file: StoredPairFile): void;
  /** How many files a pair holds and their bytes (for its quota). */
  pairFileUsage(mentorshipId: string): { count: number; bytes: number };
  /** The bytes of every pair file a person uploaded (for their quota). */
  userFileBytes(userId: string): number;
  getPairFile(mentorshipId: string, fileId: string): StoredPairFile | null;

  createTopic(topic: {
    id: string;
    programmeId: string;
    title: string;
    authorId: string;
    postId: string;
    text: string;
    now: Date;
  }): void;
  listTopics(programmeId: string): StoredTopic[];
  getTopic(programmeId: string, topicId: string): StoredTopic | null;
  addPost(post: { id: string; topicId: string; authorId: string; text: string; now: Date }): void;
  listPosts(topicId: string): StoredPost[];
  getPost(topicId: string, postId: string): StoredPost | null;
  /** A topic or post by id alone, in any programme: a device-chosen id already taken is found here. */
  findTopicById(topicId: string): StoredTopic | null;
  findPostById(postId: string): StoredPost | null;
  hidePost(postId: string, by: string, reason: string, now: Date): void;
  /** Records a report; false when this user had already reported the post. */
  reportPost(postId: string, reporterId: string, reason: string, now: Date): boolean;
}
