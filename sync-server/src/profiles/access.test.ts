import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProfile, writeProfile } from '@mop/shared';
import {
  connectClient,
  login,
  startTestServer,
  upgradeStatus,
  waitFor,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';
import { readStoredProfile } from '../matching/profiles.ts';

let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['mentee03', 'mentee04', 'coordinator', 'admin', 'mentor'])
    cookies[who] = await login(server.url, `${who}@example.org`);
});
afterAll(async () => {
  await server.close();
});

const url = (userId: string) => `${server.wsUrl}/profile:${userId}`;

describe('profile document access', () => {
  it('opens for the owner, coordinators of their programme and admins; 403 for everyone else', async () => {
    expect(await upgradeStatus(url('demo-mentee-3'), { cookie: cookies.mentee03! })).toBe(101);
    expect(await upgradeStatus(url('demo-mentee-3'), { cookie: cookies.coordinator! })).toBe(101);
    expect(await upgradeStatus(url('demo-mentee-3'), { cookie: cookies.admin! })).toBe(101);
    expect(await upgradeStatus(url('demo-mentee-3'), { cookie: cookies.mentee04! })).toBe(403);
    expect(await upgradeStatus(url('demo-mentee-3'), { cookie: cookies.mentor! })).toBe(403);
    expect(await upgradeStatus(url('demo-mentee-3'))).toBe(401);
    expect(await upgradeStatus(url('no-such-user'), { cookie: cookies.admin! })).toBe(404);
    expect(await upgradeStatus(`${server.wsUrl}/profile:Bad%20Id`, { cookie: cookies.admin! })).toBe(400);
  });

  it('lets the owner write and readers follow, but drops every write from a read-only connection, across a restart', async () => {
    const owner = connectClient(server, 'profile:demo-mentee-3', cookies.mentee03!);
    const reader = connectClient(server, 'profile:demo-mentee-3', cookies.coordinator!);
    const adminReader = connectClient(server, 'profile:demo-mentee-3', cookies.admin!);
    await Promise.all([waitSynced(owner), waitSynced(reader), waitSynced(adminReader)]);
    const original = readProfile(owner.doc);
    expect(original.displayName).not.toBe('');
    expect(readProfile(reader.doc).displayName).toBe(original.displayName);

    writeProfile(owner.doc, { headline: 'Written by the owner' });
    await waitFor(
      () => readProfile(reader.doc).headline === 'Written by the owner',
      'the reader to receive the owner’s edit'
    );

    writeProfile(reader.doc, { displayName: 'Changed by the coordinator' });
    writeProfile(adminReader.doc, { bio: 'Changed by the admin' });
    // Give the server time to (not) apply them; a later owner edit proves the channel is alive.
    writeProfile(owner.doc, { organisation: 'After the readers' });
    await waitFor(() => readProfile(reader.doc).organisation === 'After the readers', 'the owner’s second edit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readProfile(owner.doc).displayName).toBe(original.displayName);
    expect(readProfile(owner.doc).bio).toBe(original.bio);
    const onServer = readStoredProfile(server.store, () => undefined, 'demo-mentee-3');
    expect(onServer).toMatchObject({
      displayName: original.displayName,
      bio: original.bio,
      headline: 'Written by the owner'
    });
    owner.destroy();
    reader.destroy();
    adminReader.destroy();
    await waitFor(() => server.openDocuments() === 0, 'the room to unload');

    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    const afterRestart = readStoredProfile(server.store, () => undefined, 'demo-mentee-3');
    expect(afterRestart).toMatchObject({
      displayName: original.displayName,
      bio: original.bio,
      organisation: 'After the readers'
    });
  });
});
