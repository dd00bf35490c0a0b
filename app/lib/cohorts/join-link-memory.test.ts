import { describe, expect, it } from 'vitest';
import type { JoinLink } from '@mop/shared';
import {
  isJoinLinkOpen,
  likeJoinLink,
  rememberJoinLink,
  rememberedJoinLinks,
  type LinkStorage
} from './join-link-memory';

function memoryStorage(): LinkStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key)
  };
}

const NOW = new Date('2026-05-04T10:00:00Z');
const link = (id: string, changes: Partial<JoinLink> = {}): JoinLink => ({
  id,
  role: 'mentee',
  expiresAt: '2026-05-04T13:00:00Z',
  maxUses: 40,
  uses: 0,
  revokedAt: null,
  createdAt: '2026-05-04T10:00:00Z',
  ...changes
});

describe('join links this tab made', () => {
  it('come back after a reload while they are open, per programme', () => {
    const storage = memoryStorage();
    rememberJoinLink('p1', 'a', 'https://mop.example/join#tokenA', storage);
    rememberJoinLink('p1', 'b', 'https://mop.example/join#tokenB', storage);
    rememberJoinLink('p2', 'c', 'https://mop.example/join#tokenC', storage);
    expect(rememberedJoinLinks('p1', [link('a'), link('b')], NOW, storage)).toEqual({
      a: 'https://mop.example/join#tokenA',
      b: 'https://mop.example/join#tokenB'
    });
    // A link of another programme is not this page's.
    expect(rememberedJoinLinks('p1', [link('c')], NOW, storage)).toEqual({});
    expect(rememberedJoinLinks('p2', [link('c')], NOW, storage)).toEqual({ c: 'https://mop.example/join#tokenC' });
  });

  it('closed, used-up, expired or unknown links are forgotten for good', () => {
    const storage = memoryStorage();
    for (const id of ['closed', 'used', 'expired', 'gone', 'open'])
      rememberJoinLink('p1', id, `https://mop.example/join#${id}`, storage);
    const links = [
      link('closed', { revokedAt: '2026-05-04T09:00:00Z' }),
      link('used', { uses: 40 }),
      link('expired', { expiresAt: '2026-05-04T09:59:59Z' }),
      link('open')
    ];
    expect(Object.keys(rememberedJoinLinks('p1', links, NOW, storage))).toEqual(['open']);
    expect(JSON.parse(storage.data.get('mop.joinLinks.p1') ?? '{}')).toEqual({ open: 'https://mop.example/join#open' });
    expect(rememberedJoinLinks('p1', [], NOW, storage)).toEqual({});
    expect(storage.data.size).toBe(0);
  });

  it('a damaged or missing storage shows nothing rather than failing', () => {
    const storage = memoryStorage();
    storage.data.set('mop.joinLinks.p1', 'not json');
    expect(rememberedJoinLinks('p1', [link('a')], NOW, storage)).toEqual({});
    expect(rememberedJoinLinks('p1', [link('a')], NOW, null)).toEqual({});
    expect(isJoinLinkOpen(link('a'), NOW)).toBe(true);
  });

  it('a new link like an open one has its role, the hours and the uses it has left', () => {
    expect(likeJoinLink(link('a', { uses: 12, expiresAt: '2026-05-04T12:30:00Z' }), NOW)).toEqual({
      role: 'mentee',
      expiresInHours: 3,
      maxUses: 28
    });
    expect(likeJoinLink(link('a', { expiresAt: '2026-05-04T10:05:00Z', role: 'mentor' }), NOW)).toMatchObject({
      role: 'mentor',
      expiresInHours: 1
    });
  });
});
