import type { User } from '@mop/shared';

/**
 * State that follows the signed-in user: it starts reading for a user, and stops (forgetting what it read) when they
 * sign out or another user signs in. `follow` is called with the session's user on every change of the session; the
 * same user again changes nothing.
 */
export abstract class UserFollower {
  #userId = $state<string | null>(null);

  /** The user followed now, or null. */
  protected get userId(): string | null {
    return this.#userId;
  }

  /** Starts following `user` (or stops when signed out); a no-op when the user did not change. */
  follow(user: User | null): void {
    const userId = user?.id ?? null;
    if (userId === this.#userId) return;
    this.stop();
    this.#userId = userId;
    if (userId) this.start(userId);
  }

  /** Starts reading for `userId` (the followed user is already set). */
  protected abstract start(userId: string): void;

  /** Stops reading and forgets the previous user's data (the followed user is still the previous one). */
  protected abstract stop(): void;
}
