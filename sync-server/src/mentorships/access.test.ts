import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@mop/shared';
import { SqliteStore, openSqliteDatabase } from '../storage/index.ts';
import { seedDemoData } from '../demo/seed.ts';
import { makeTempDir } from '../test-support/harness.ts';
import { checkDocAccess } from './access.ts';

let store: SqliteStore;
let db: ReturnType<typeof openSqliteDatabase>;
const user = (id: string): User => {
  const found = store.findUserById(id);
  if (!found) throw new Error(`no ${id}`);
  return { id: found.id, email: found.email, name: found.name, role: found.role };
};

beforeAll(async () => {
  db = openSqliteDatabase(makeTempDir());
  store = new SqliteStore(db);
  await seedDemoData(store);
});
afterAll(() => store.close());

describe('document access', () => {
  it('lets the mentor and the mentee of a pair open its document', () => {
    expect(checkDocAccess(store, user('demo-mentor-1'), 'mentorship:demo-pair-1')).toEqual({
      ok: true,
      docName: 'mentorship:demo-pair-1'
    });
    expect(checkDocAccess(store, user('demo-mentee-1'), 'mentorship:demo-pair-1').ok).toBe(true);
  });

  it('keeps everyone else out, coordinators and admins included', () => {
    for (const id of ['demo-mentor-2', 'demo-mentee-2', 'demo-coordinator', 'demo-admin']) {
      expect(checkDocAccess(store, user(id), 'mentorship:demo-pair-1'), id).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses unknown kinds, malformed ids and missing mentorships', () => {
    const mentor = user('demo-mentor-1');
    for (const name of [
      '',
      'mentorship',
      'mentorship:',
      'notes:demo-pair-1',
      'mentorship:Demo-Pair-1',
      'mentorship:../x',
      'mentorship:a b'
    ]) {
      expect(checkDocAccess(store, mentor, name), name).toMatchObject({ ok: false, status: 400 });
    }
    expect(checkDocAccess(store, mentor, 'mentorship:no-such-pair')).toMatchObject({ ok: false, status: 404 });
  });

  it('opens an ended pair, and the pairs and profiles of an archived programme, read-only', () => {
    const programmeId = store.getMentorship('demo-pair-1')?.programmeId ?? '';
    db.prepare('UPDATE programmes SET archived_at = ? WHERE id = ?').run(new Date().toISOString(), programmeId);
    expect(checkDocAccess(store, user('demo-mentor-1'), 'mentorship:demo-pair-1')).toMatchObject({ readOnly: true });
    expect(checkDocAccess(store, user('demo-mentee-1'), 'profile:demo-mentee-1')).toMatchObject({ readOnly: true });
    db.prepare('UPDATE programmes SET archived_at = NULL WHERE id = ?').run(programmeId);
    expect(checkDocAccess(store, user('demo-mentee-1'), 'profile:demo-mentee-1')).toMatchObject({ readOnly: false });
    db.prepare("UPDATE mentorships SET status = 'closed' WHERE id = 'demo-pair-2'").run();
    expect(checkDocAccess(store, user('demo-mentor-2'), 'mentorship:demo-pair-2')).toMatchObject({ readOnly: true });
    db.prepare("UPDATE mentorships SET status = 'active' WHERE id = 'demo-pair-2'").run();
  });

  it('seeds only once', async () => {
    expect(await seedDemoData(store)).toEqual([]);
    expect(store.listVisibleMentorships(user('demo-admin'))).toHaveLength(2);
  });
});
