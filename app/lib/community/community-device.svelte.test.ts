import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Post, TopicDetail } from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { forgetCommunityData, hasCommunityData } from '$lib/services/storage.service';
import { session } from '$lib/state/session.svelte';
import {
  pendingPostsOf,
  queueReply,
  queueTopic,
  readCopy,
  refreshCommunityCopies,
  retryPendingPost,
  sendPendingPosts,
  serverOrCopy
} from './community-device';

/**
 * A small stand-in for the server's community routes (in memory, same wire format, same idempotency rule: a post id
 * sent again by its author answers the stored topic), reached through a stubbed `fetch` that can go offline or lose
 * its answer after storing.
 */
class FakeServer {
  online = true;
  /** The next POST is stored, then the connection drops before the answer arrives. */
  loseNextAnswer = false;
  refuse: number | null = null;
  posts: Post[] = [];
  titles = new Map<string, string>();
  requests = 0;

  detail(topicId: string): TopicDetail {
    const posts = this.posts.filter((p) => p.topicId === topicId);
    const first = posts[0]!;
    return {
      topic: {
        id: topicId,
        programmeId: 'prog',
        title: this.titles.get(topicId)!,
        author: first.author,
        createdAt: first.createdAt,
        lastPostAt: posts.at(-1)!.createdAt,
        replyCount: posts.length - 1
      },
      posts,
      canModerate: false
    };
  }

  store(id: string, topicId: string, text: string): void {
    if (this.posts.some((p) => p.id === id)) return;
    this.posts.push({
      id,
      topicId,
      author: { id: 'u1', name: 'Ada' },
      text,
      createdAt: new Date(Date.now() + this.posts.length).toISOString(),
      hidden: null,
      reportCount: null,
      reportedByMe: false
    });
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    this.requests += 1;
    if (!this.online) throw new TypeError('Failed to fetch');
    const path = String(input);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (this.refuse !== null)
      return json(this.refuse, { error: { code: 'forbidden', message: 'You are not a member of this programme' } });
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, string>) : {};
    const reply = /\/topics\/([^/]+)\/replies$/.exec(path);
    const topic = /\/topics\/([^/]+)$/.exec(path);
    let answer: Response;
    if (init?.method === 'POST' && reply) {
      this.store(body.id!, reply[1]!, body.text!);
      answer = json(201, this.detail(reply[1]!));
    } else if (init?.method === 'POST' && path.endsWith('/topics')) {
      this.titles.set(body.id!, body.title!);
      this.store(body.postId!, body.id!, body.text!);
      answer = json(201, this.detail(body.id!));
    } else if (topic) {
      answer = this.titles.has(topic[1]!)
        ? json(200, this.detail(topic[1]!))
        : json(404, { error: { code: 'not_found', message: 'No topic' } });
    } else {
      answer = json(200, {
        topics: [...this.titles.keys()].map((id) => this.detail(id).topic),
        canModerate: false
      });
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    return answer;
  };
}

let server: FakeServer;
let users = 0;
let user = '';

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal('fetch', server.fetch);
  users += 1;
  user = `user-${users}`;
  session.user = { id: user, name: 'Ada', email: `${user}@example.org`, role: 'mentor' };
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('community copies', () => {
  it('keeps what the server answered and gives it back offline; never seen offline is a network error', async () => {
    server.titles.set('t1', 'Pricing');
    server.store('p1', 't1', 'How much?');
    const of = { kind: 'topic', programmeId: 'prog', topicId: 't1' } as const;
    expect((await serverOrCopy<'topic'>(user, of)).savedAt).toBeNull();
    server.online = false;
    const offline = await serverOrCopy<'topic'>(user, of);
    expect(offline.savedAt).not.toBeNull();
    expect(offline.value.posts.map((p) => p.text)).toEqual(['How much?']);
    await expect(
      serverOrCopy<'topic'>(user, { kind: 'topic', programmeId: 'prog', topicId: 'never-read' })
    ).rejects.toBeInstanceOf(NetworkError);
  });

  it('applies moderation to the copies when the connection returns, and drops a topic that is gone', async () => {
    server.titles.set('t1', 'Pricing');
    server.store('p1', 't1', 'Rude words');
    server.titles.set('t2', 'Deleted later');
    server.store('p2', 't2', 'Soon gone');
    await serverOrCopy<'topic'>(user, { kind: 'topic', programmeId: 'prog', topicId: 't1' });
    await serverOrCopy<'topic'>(user, { kind: 'topic', programmeId: 'prog', topicId: 't2' });
    // Meanwhile a coordinator hides the post (its text erased) and the other topic is deleted.
    server.posts[0] = { ...server.posts[0]!, text: null, hidden: { at: 'now', by: 'coord', reason: '' } };
    server.titles.delete('t2');
    await refreshCommunityCopies(user);
    const kept = await readCopy(user, { kind: 'topic', programmeId: 'prog', topicId: 't1' });
    expect(kept?.value.posts[0]).toMatchObject({ text: null, hidden: { by: 'coord' } });
    expect(await readCopy(user, { kind: 'topic', programmeId: 'prog', topicId: 't2' })).toBeNull();
  });
});

describe('the outbox', () => {
  it('keeps posts written offline, sends them in order when online, and a resend after a lost answer stores once', async () => {
    server.online = false;
    const topic = await queueTopic(user, 'prog', 'Written offline', 'Opening');
    const reply = await queueReply(user, 'prog', topic.topicId, 'A reply to it');
    await sendPendingPosts(user);
    expect((await pendingPostsOf(user)).map((p) => [p.id, p.state])).toEqual([
      [topic.id, 'waiting'],
      [reply.id, 'waiting']
    ]);

    // Back online, the topic is stored but its answer is lost: it stays waiting and goes again with the same ids.
    server.online = true;
    server.loseNextAnswer = true;
    await sendPendingPosts(user);
    expect((await pendingPostsOf(user)).map((p) => p.id)).toEqual([topic.id, reply.id]);
    await sendPendingPosts(user);
    expect(await pendingPostsOf(user)).toEqual([]);
    expect(server.posts.map((p) => [p.id, p.text])).toEqual([
      [topic.id, 'Opening'],
      [reply.id, 'A reply to it']
    ]);
    // What was sent is readable offline at once, in the server's shape.
    const kept = await readCopy(user, { kind: 'topic', programmeId: 'prog', topicId: topic.topicId });
    expect(kept?.value.posts.map((p) => p.text)).toEqual(['Opening', 'A reply to it']);
  });

  it('marks a post the server refuses as failed with a sentence, and sends it on retry', async () => {
    server.titles.set('t1', 'Pricing');
    server.store('p1', 't1', 'How much?');
    server.refuse = 403;
    const reply = await queueReply(user, 'prog', 't1', 'Refused at first');
    await sendPendingPosts(user);
    const [failed] = await pendingPostsOf(user);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toBeTruthy();
    // A failed post is not sent again by itself.
    const before = server.requests;
    await sendPendingPosts(user);
    expect(server.requests).toBe(before);
    server.refuse = null;
    await retryPendingPost(reply.id);
    await sendPendingPosts(user);
    expect(await pendingPostsOf(user)).toEqual([]);
    expect(server.posts.filter((p) => p.id === reply.id)).toHaveLength(1);
  });

  it("never sends a post with another person's session", async () => {
    await queueReply(user, 'prog', 't1', 'Written by the first person');
    session.user = { id: 'someone-else', name: 'Bo', email: 'bo@example.org', role: 'mentee' };
    await sendPendingPosts(user);
    expect(server.requests).toBe(0);
    expect((await pendingPostsOf(user)).map((p) => p.state)).toEqual(['waiting']);
  });

  it('at sign-out drops the kept pages and keeps posts not sent yet, unless the account is gone', async () => {
    server.titles.set('t1', 'Pricing');
    server.store('p1', 't1', 'How much?');
    await serverOrCopy<'topic'>(user, { kind: 'topic', programmeId: 'prog', topicId: 't1' });
    server.online = false;
    await queueReply(user, 'prog', 't1', 'Not sent');
    expect(await forgetCommunityData(user, false)).toBe(1);
    expect(await readCopy(user, { kind: 'topic', programmeId: 'prog', topicId: 't1' })).toBeNull();
    expect(await hasCommunityData(user)).toBe(true);
    expect(await forgetCommunityData(user, true)).toBe(0);
    expect(await hasCommunityData(user)).toBe(false);
  });
});
