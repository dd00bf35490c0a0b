import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformInfo, User } from '@mop/shared';

/** The server of a fresh install: "MOP" until the setup names the platform. */
const server = vi.hoisted(() => ({ info: { name: 'MOP', demo: false, setupRequired: true } as PlatformInfo }));
vi.mock('$lib/services/api', () => ({
  ApiRequestError: class extends Error {},
  NetworkError: class extends Error {},
  readJsonAnswer: vi.fn(),
  apiRequest: vi.fn((path: string, _schema: unknown, options: { body?: Record<string, unknown> } = {}) => {
    if (path === '/api/setup') {
      server.info = { name: String(options.body?.platformName), demo: false, setupRequired: false };
      const user: User = { id: 'admin', email: 'ada@example.org', name: 'Ada', role: 'admin' };
      return Promise.resolve({ user });
    }
    if (path === '/api/platform') return Promise.resolve(server.info);
    if (path === '/api/admin/platform') {
      server.info = { ...server.info, name: String(options.body?.name) };
      return Promise.resolve(server.info);
    }
    return Promise.reject(new Error(`unexpected ${path}`));
  })
}));
vi.mock('$lib/services/auth.service', () => ({ adoptSignedInUser: (user: User) => Promise.resolve(user) }));

// A page the app rendered itself (no name in its head), as after the setup link opened the first-run page.
vi.stubGlobal('document', { querySelector: () => null, documentElement: { dataset: {} } });
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value)
});

const { platform } = await import('./platform.svelte');
const { completeSetup, renamePlatform } = await import('./cohorts.service');

beforeEach(() => storage.clear());

describe("the platform's name on this device", () => {
  it('is the one chosen at setup as soon as the setup completes, and the one an admin renames it to', async () => {
    await platform.refresh();
    expect(platform.name).toBe('MOP');
    await completeSetup({
      token: 'x'.repeat(43),
      name: 'Ada',
      email: 'ada@example.org',
      password: 'a long enough password',
      platformName: 'Rete Mentori',
      organisationName: 'Rete',
      starterLibrary: true
    });
    expect(platform.name).toBe('Rete Mentori');
    expect(platform.info?.setupRequired).toBe(false);
    expect(storage.get('mop.platform-name')).toBe('Rete Mentori');

    await renamePlatform('Mentori Insieme');
    expect(platform.name).toBe('Mentori Insieme');
    expect(storage.get('mop.platform-name')).toBe('Mentori Insieme');
  });
});
