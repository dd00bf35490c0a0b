import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { OkResponseSchema, UserSchema } from '@mop/shared';
import type { ModuleContext, OutgoingMail, ServerModule } from './module.ts';
import { SqliteModuleStore } from './modules/index.ts';
import { createMemoryMailer } from './memory-mailer.ts';
import { login, startTestServer, type TestServer } from './test-support/harness.ts';

/** A module as a later domain would write it: it sees the context, provides the mailer and holds personal data. */
function probe() {
  const state = { ctx: null as ModuleContext | null, sent: [] as OutgoingMail[], erased: [] as string[] };
  const factory = (ctx: ModuleContext): ServerModule => {
    state.ctx = ctx;
    return {
      name: 'probe',
      provides: { mail: { enqueue: (mail) => state.sent.push(mail) } },
      exportUserData: (userId) => [{ path: 'probe.json', content: JSON.stringify({ userId }) }],
      eraseUserData: (userId) => void state.erased.push(userId)
    };
  };
  return { state, factory };
}

describe('the module composition', () => {
  let server: TestServer;
  const { state, factory } = probe();

  beforeAll(async () => {
    server = await startTestServer({ extraModules: [factory], publicUrl: 'https://mentoring.example.org/' });
  });
  afterAll(() => server.close());

  it('mounts every module and builds one context for all of them', async () => {
    expect(server.modules.map((module) => module.name)).toEqual([
      'mail',
      'auth',
      'accounts',
      'mentorships',
      'matching',
      'resources',
      'learning-modules',
      'catalogue',
      'library-admin',
      'workspace',
      'cohorts',
      'notifications',
      'closing',
      'privacy',
      'probe',
      // Health and metrics: last, it is given the sync layer once the others are built.
      'operations'
    ]);
    const health = await fetch(`${server.url}/api/health`);
    expect(v.parse(OkResponseSchema, await health.json())).toEqual({ ok: true });
    const cookie = await login(server.url, 'mentor@example.org');
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(v.parse(UserSchema, await me.json()).email).toBe('mentor@example.org');
  });

  it('gives modules the public URL without its trailing slash, and the mailer a module provides', () => {
    const ctx = state.ctx!;
    expect(ctx.publicUrl).toBe('https://mentoring.example.org');
    ctx.mail.enqueue({ to: 'a@example.org', subject: 'Hi', text: 'Hello', category: 'test' });
    expect(state.sent.map((mail) => mail.category)).toEqual(['test']);
  });

  it('runs one transaction across stores: a failure rolls back every store, nested transactions included', () => {
    const ctx = state.ctx!;
    const modules = new SqliteModuleStore(ctx.db);
    const template = modules.listModules()[0]!;
    const usersBefore = ctx.store.findUserByEmail('rolled-back@example.org');
    expect(() =>
      ctx.transaction(() => {
        ctx.store.createUser({
          id: 'rolled-back',
          email: 'rolled-back@example.org',
          name: 'Rolled back',
          role: 'mentee',
          passwordHash: 'x'
        });
        modules.transaction(() => modules.putModule({ ...template, id: 'rolled-back-module' }, 99));
        throw new Error('the invitation could not be accepted');
      })
    ).toThrow('the invitation could not be accepted');
    expect(usersBefore).toBeNull();
    expect(ctx.store.findUserByEmail('rolled-back@example.org')).toBeNull();
    expect(modules.getModule('rolled-back-module')).toBeNull();

    ctx.transaction(() => modules.transaction(() => modules.putModule({ ...template, id: 'kept-module' }, 99)));
    expect(modules.getModule('kept-module')?.id).toBe('kept-module');
  });

  it("reaches every module's part of a person's data", async () => {
    const parts = await server.exportUserData('someone');
    // Every module that holds personal data answers, in module order (docs/privacy.md).
    expect(parts.map((part) => part.module)).toEqual([
      'mail',
      'accounts',
      'mentorships',
      'matching',
      'learning-modules',
      'workspace',
      'cohorts',
      'notifications',
      'closing',
      'privacy',
      'probe'
    ]);
    expect(parts.at(-1)).toEqual({
      module: 'probe',
      files: [{ path: 'probe.json', content: '{"userId":"someone"}' }]
    });
    await server.eraseUserData('someone');
    expect(state.erased).toEqual(['someone']);
  });

  it('falls back to the listening address as the public URL', async () => {
    const other = probe();
    const plain = await startTestServer({ demo: false, extraModules: [other.factory] });
    try {
      expect(other.state.ctx!.publicUrl).toBe(plain.url);
    } finally {
      await plain.close();
    }
  });
});

describe('the default mailer', () => {
  it('keeps mails in memory and logs only their category', () => {
    const logged: string[] = [];
    const mailer = createMemoryMailer({ info: (message) => logged.push(message), warn: () => {}, error: () => {} });
    mailer.enqueue({ to: 'private@example.org', subject: 'Secret', text: 'Body', category: 'invitation' });
    expect(mailer.queued.map((mail) => mail.to)).toEqual(['private@example.org']);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('invitation');
    expect(logged[0]).not.toContain('private@example.org');
  });
});
