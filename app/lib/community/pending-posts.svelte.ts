import { liveQuery, type Subscription } from 'dexie';
import { pendingPostsOf, type PendingPost } from './community-device';

/**
 * The signed-in user's posts waiting on this device, followed live (Dexie `liveQuery`): a post sent from another tab,
 * or by the background send when the connection returns, leaves the list here at once.
 */
class PendingPosts {
  items = $state.raw<PendingPost[]>([]);
  #subscription: Subscription | null = null;
  #userId: string | null = null;

  /**
   * Follows `userId`'s outbox; `onsent` runs when a post leaves it (sent, or discarded), so the page loads the
   * server's copy. Returns the function that stops (for an `$effect`).
   */
  follow(userId: string, onsent: () => void): () => void {
    if (this.#userId !== userId) {
      this.#subscription?.unsubscribe();
      this.#userId = userId;
      this.items = [];
      this.#subscription = liveQuery(() => pendingPostsOf(userId)).subscribe({
        next: (posts) => {
          const ids = new Set(posts.map((post) => post.id));
          const left = this.items.some((post) => !ids.has(post.id));
          this.items = posts;
          if (left) onsent();
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
