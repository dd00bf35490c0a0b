import { describe, expect, it } from 'vitest';
import type { User } from '@mop/shared';
import { UserFollower } from './user-follower.svelte';

const user = (id: string): User => ({ id, name: id, email: `${id}@example.org`, role: 'mentee' });

/** Records what the base class asks of it, and which user it saw then. */
class Recorder extends UserFollower {
  calls: string[] = [];
  protected start(userId: string): void {
    this.calls.push(`start ${userId} (following ${this.userId})`);
  }
  protected stop(): void {
    this.calls.push(`stop (following ${this.userId})`);
  }
}

describe('UserFollower', () => {
  it('starts for a user, ignores the same user again, and stops before following another', () => {
    const follower = new Recorder();
    follower.follow(user('a'));
    follower.follow(user('a'));
    follower.follow(user('b'));
    expect(follower.calls).toEqual([
      'stop (following null)',
      'start a (following a)',
      'stop (following a)',
      'start b (following b)'
    ]);
  });

  it('stops and starts nothing when the user signs out, and nothing more when still signed out', () => {
    const follower = new Recorder();
    follower.follow(user('a'));
    follower.calls = [];
    follower.follow(null);
    follower.follow(null);
    expect(follower.calls).toEqual(['stop (following a)']);
  });
});
