import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarTokenResponse, CalendarTokenStatus } from '@mop/shared';
import { ApiRequestError, NetworkError } from '$lib/services/api';
import { loadServerErrorMessages } from '$lib/services/errors';
import { CalendarFeedState, type CalendarFeedApi } from './calendar-feed.svelte';

// The API client loads the server codes' translations before it throws a refusal; this fake API throws them itself.
beforeAll(() => loadServerErrorMessages());

/** The feed as the server keeps it: at most one token per user, replaced on rotation, gone on revocation. */
class FeedServer implements CalendarFeedApi {
  token: string | null = null;
  failNext: unknown = null;
  #issued = 0;

  #maybeFail(): void {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
  }
  createdAt: string | null = null;

  async status(): Promise<CalendarTokenStatus> {
    this.#maybeFail();
    return { active: this.token !== null, createdAt: this.createdAt };
  }
  async createOrRotate(): Promise<CalendarTokenResponse> {
    this.#maybeFail();
    this.token = `token-${++this.#issued}`;
    const feedUrl = `https://mop.example.org/api/calendar/${this.token}.ics`;
    this.createdAt = new Date().toISOString();
    return { feedUrl, webcalUrl: feedUrl.replace(/^https/, 'webcal'), createdAt: this.createdAt };
  }
  async revoke() {
    this.#maybeFail();
    this.token = null;
    this.createdAt = null;
  }
}

describe('CalendarFeedState', () => {
  it('loads the status, creates, rotates and revokes the feed', async () => {
    const server = new FeedServer();
    const feed = new CalendarFeedState(server);
    expect(feed.active).toBeNull();
    await feed.load();
    expect(feed.active).toBe(false);
    await feed.createOrRotate();
    expect(feed.active).toBe(true);
    expect(feed.feed?.feedUrl).toContain('token-1');
    await feed.createOrRotate();
    expect(feed.feed?.feedUrl).toContain('token-2');
    await feed.revoke();
    expect(feed).toMatchObject({ active: false, feed: null, error: null, busy: false });
    expect(server.token).toBeNull();
  });

  it('says why an action failed, in words, and keeps what it had', async () => {
    const server = new FeedServer();
    const feed = new CalendarFeedState(server);
    await feed.createOrRotate();
    server.failNext = new NetworkError(new TypeError('Failed to fetch'));
    await feed.revoke();
    expect(feed.error).toMatch(/could not be reached|offline/);
    expect(feed.active).toBe(true);
    expect(feed.feed).not.toBeNull();
    server.failNext = new ApiRequestError(401, 'unauthenticated', 'Sign in first');
    await feed.createOrRotate();
    expect(feed.error).toBe('Your session has ended. Sign in again.');
    await feed.revoke();
    expect(feed.error).toBeNull();
  });

  it('runs one action at a time', async () => {
    const feed = new CalendarFeedState(new FeedServer());
    const first = feed.createOrRotate();
    expect(feed.busy).toBe(true);
    await feed.revoke();
    await first;
    expect(feed.active).toBe(true);
  });
});
