import { liveQuery, type Subscription } from 'dexie';
import { pendingPostsOf, type PendingPost } from './community-device';

/**
 * The signed-in user's posts waiting on this device, followed live (Dexie `liveQuery`): a post sent from another tab,
 * or by the background send when the connection returns, leaves the list here at once.
 */
class PendingPosts {
  items = $state.raw<PendingPost[]>([]);
  /** How many of this user's posts left the outbox since the page followed it (the page then reloads its data). */
  sentCount = $state(0);
  #subscription: Subscription | null = null;
  #userId: string | null = null;

  /** Follows `userId`'s outbox; returns the function that stops (for an `$effect`). */
  follow(userId: string): () => void {
    if (this.#userId !== userId) {
      this.#subscription?.unsubscribe();
      this.#userId = userId;
      this.items = [];
      this.#subscription = liveQuery(() => pendingPostsOf(userId)).subscribe({
        next: (posts) => {
          const ids = new Set(posts.map((post) => post.id));
          if (this.items.some((post) => !ids.has(post.id))) this.sentCount += 1;
          this.items = posts;
        },
        error: (error: unknown) => console.warn('MOP: could not read the posts waiting on this device', error)
      });
    }
    return () => {
      this.#subscription?.unsubscribe();
      this.#subscription = null;
      this.#userId = null;
    };
  }

  /** The replies waiting for one topic. */
  repliesTo(topicId: string): PendingPost[] {
    return this.items.filter((post) => post.title === null && post.topicId === topicId);
  }

  /** The new topics waiting for one programme. */
  topicsOf(programmeId: string): PendingPost[] {
    return this.items.filter((post) => post.title !== null && post.programmeId === programmeId);
  }
}

export const pendingPosts = new PendingPosts();
