import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@mop/shared';
import { startTestServer, type TestServer } from '../test-support/harness.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body)
});

const tokenOf = (url: string) => url.split('#')[1] ?? '';

const setupBody = (token: string) => ({
  token,
  name: 'Ines Admin',
  email: 'ines@partner.example',
  password: 'a long enough password',
  platformName: 'Partner Mentoring',
  organisationName: 'Partner Org',
  starterLibrary: false
});

describe('first run', () => {
  it('a real install prints a one-time setup link that creates the first admin and signs them in', async () => {
    server = await startTestServer({ demo: false });
    expect(server.setupUrl).toMatch(new RegExp(`^${server.url}/setup#[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(server.setupUrl ?? '');
    const platform = await (await fetch(`${server.url}/api/platform`)).json();
    expect(platform).toEqual({ name: 'MOP', demo: false, setupRequired: true });
    expect((await fetch(`${server.url}/api/setup/${token}`)).status).toBe(200);

    const response = await fetch(`${server.url}/api/setup`, json(setupBody(token)));
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
    const cookie = /mop_session=[^;]+|[^=]+=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
    expect((await response.json()).user).toMatchObject({ role: 'admin', email: 'ines@partner.example' });
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await (await fetch(`${server.url}/api/platform`)).json()).toEqual({
      name: 'Partner Mentoring',
      demo: false,
      setupRequired: false
    });
    const orgs = await (await fetch(`${server.url}/api/organisations`, { headers: { cookie } })).json();
    expect(orgs.organisations.map((o: { name: string }) => o.name)).toEqual(['Partner Org']);

    // The admin renames the platform later; the rename is audited with the old and new names.
    const rename = (name: unknown) =>
      fetch(`${server!.url}/api/admin/platform`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name })
      });
    expect((await rename('  ')).status).toBe(400);
    const renamed = await rename('Arte Ponte Mentoring');
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).name).toBe('Arte Ponte Mentoring');
    expect((await (await fetch(`${server.url}/api/platform`)).json()).name).toBe('Arte Ponte Mentoring');
    const log = await (
      await fetch(`${server.url}/api/admin/audit?action=platform.rename`, { headers: { cookie } })
    ).json();
    expect(log.entries.map((e: { details: unknown }) => e.details)).toEqual([
      { from: 'Partner Mentoring', to: 'Arte Ponte Mentoring' }
    ]);

    // Single use: the same link again, even with another e-mail, is refused.
    const again = await fetch(`${server.url}/api/setup`, json({ ...setupBody(token), email: 'other@x.example' }));
    expect(again.status).toBe(410);
    expect((await again.json()).error.code).toBe('setup_link_used');
    expect(server.logger.errors).toEqual([]);
  });

  it('the token is stored hashed, a restart replaces it, and an expired one is refused', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    server = await startTestServer({ demo: false, now: () => clock });
    const first = tokenOf(server.setupUrl ?? '');
    const stored = server.db.prepare('SELECT token_hash FROM setup_tokens').all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(first);
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ demo: false, dataDir, now: () => clock });
    const second = tokenOf(server.setupUrl ?? '');
    expect(second).not.toBe(first);
    expect((await fetch(`${server.url}/api/setup/${first}`)).status).toBe(404);
    clock = new Date('2026-01-02T00:00:01Z');
    const expired = await fetch(`${server.url}/api/setup`, json(setupBody(second)));
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('setup_link_expired');
  });

  it('refuses a bad setup form with 400 naming the field, and keeps the link usable', async () => {
    server = await startTestServer({ demo: false });
    const token = tokenOf(server.setupUrl ?? '');
    const bad = await fetch(`${server.url}/api/setup`, json({ ...setupBody(token), password: 'short' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/password/);
    expect((await fetch(`${server.url}/api/setup`, json(setupBody(token)))).status).toBe(201);
  });

  it('a demo start has no setup link and says it holds demo data', async () => {
    server = await startTestServer();
    expect(server.setupUrl).toBeNull();
    expect(await (await fetch(`${server.url}/api/platform`)).json()).toMatchObject({
      demo: true,
      setupRequired: false
    });
  });
});
