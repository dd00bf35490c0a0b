/**
 * The authorisation matrix: every REST endpoint and every document kind × every role × read/write, with the answer
 * each cell must get. One table, so a new route without a row, or a row whose answer changed, shows up in one place.
 *
 * How a cell is read: `ok` means the request passed the gate (2xx, or a 400/409 about its deliberately empty body,
 * which the routes check after who is asking); `deny` means 403 or 404 (a route may hide that a thing exists); 401
 * means "sign in first"; 404 means the gate let the role through to look for an id that does not exist (ids of things
 * a write would really change — another user, a published run — are made up, so the matrix changes nothing that
 * another cell reads). A deactivated account's old session is refused everywhere a visitor is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROFILE_KEY, apiPaths, mentorshipDocName, profileDocName } from '@mop/shared';
import { hashPassword } from '../auth/passwords.ts';
import { DEMO_PROGRAMME_ID } from '../demo/seed.ts';
import {
  connectClient,
  login,
  startTestServer,
  upgradeStatus,
  waitFor,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';

const ROLES = ['visitor', 'mentee', 'mentor', 'coordinator', 'coordinatorElsewhere', 'admin', 'deactivated'] as const;
type Role = (typeof ROLES)[number];
type Expected = 'ok' | 'deny' | 401 | 404;
/** Visitor, mentee, mentor, coordinator of this programme, coordinator of another one, admin. */
type Row = [Expected, Expected, Expected, Expected, Expected, Expected];

const P = DEMO_PROGRAMME_ID;
const PAIR = 'demo-pair-1';
const NONE = 'matrix-nothing';
const OTHER = 'matrix-other';

const PUBLIC: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const SIGNED_IN: Row = [401, 'ok', 'ok', 'ok', 'ok', 'ok'];
const ADMIN: Row = [401, 'deny', 'deny', 'deny', 'deny', 'ok'];
const ADMIN_FINDS_NOTHING: Row = [401, 'deny', 'deny', 'deny', 'deny', 404];
/** The programme's coordinators and admins. */
const COORDINATING: Row = [401, 'deny', 'deny', 'ok', 'deny', 'ok'];
const COORDINATING_FINDS_NOTHING: Row = [401, 'deny', 'deny', 404, 'deny', 404];
/** Coordinators (of any programme) and admins: the learning repository's editors. */
const EDITORS: Row = [401, 'deny', 'deny', 'ok', 'ok', 'ok'];
const EDITORS_FIND_NOTHING: Row = [401, 'deny', 'deny', 404, 404, 404];
/** The programme's members and admins. */
const MEMBERS: Row = [401, 'ok', 'ok', 'ok', 'deny', 'ok'];
const MEMBERS_FIND_NOTHING: Row = [401, 404, 404, 404, 'deny', 404];
/** The pair's mentor and mentee only: nobody else reads a pair's private things, not even an admin. */
const PAIR_ONLY: Row = [401, 'ok', 'ok', 'deny', 'deny', 'deny'];
const PAIR_FINDS_NOTHING: Row = [401, 404, 404, 'deny', 'deny', 'deny'];

interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  expected: Row;
  /** Raw body (uploads); JSON `{}` otherwise for writes. */
  body?: string;
}

const get = (path: string, expected: Row): Endpoint => ({ method: 'GET', path, expected });
const write = (method: Endpoint['method'], path: string, expected: Row, body?: string): Endpoint => ({
  method,
  path,
  expected,
  ...(body === undefined ? {} : { body })
});

const programme = `/api/programmes/${P}`;
const ENDPOINTS: Endpoint[] = [
  // Who am I, my account, signing in.
  get('/api/health', PUBLIC),
  get(apiPaths.me(), SIGNED_IN),
  get('/api/account', SIGNED_IN),
  write('PATCH', '/api/account', SIGNED_IN),
  write('POST', '/api/account/password', SIGNED_IN),
  write('POST', '/api/account/email', SIGNED_IN),
  write('DELETE', '/api/account/email', SIGNED_IN),
  get('/api/account/sessions', SIGNED_IN),
  write('POST', '/api/account/sessions/sign-out-others', SIGNED_IN),
  write('POST', apiPaths.login(), PUBLIC),
  write('POST', '/api/auth/forgot-password', PUBLIC),
  write('POST', '/api/auth/reset-password', PUBLIC),
  write('POST', '/api/auth/reset-password/check', PUBLIC),
  write('POST', '/api/auth/confirm-email', PUBLIC),
  get('/api/platform', PUBLIC),
  write('PUT', '/api/admin/platform', ADMIN),
  get(`/api/setup/${NONE}`, [404, 404, 404, 404, 404, 404]),
  write('POST', '/api/setup', PUBLIC),

  // The admin console.
  get('/api/admin/users', ADMIN),
  write('PATCH', `/api/admin/users/${NONE}`, ADMIN_FINDS_NOTHING),
  write('POST', `/api/admin/users/${NONE}/deactivate`, ADMIN_FINDS_NOTHING),
  write('POST', `/api/admin/users/${NONE}/reactivate`, ADMIN_FINDS_NOTHING),
  write('POST', `/api/admin/users/${NONE}/password-reset`, ADMIN_FINDS_NOTHING),
  get('/api/admin/audit', ADMIN),
  get('/api/admin/outbox', ADMIN),
  get(`/api/admin/outbox/${NONE}`, ADMIN_FINDS_NOTHING),
  write('POST', `/api/admin/outbox/${NONE}/retry`, ADMIN_FINDS_NOTHING),
  // Admins see every programme, coordinators the ones they coordinate (checked below), others none.
  get('/api/admin/programmes', EDITORS),
  get('/api/organisations', ADMIN),
  write('POST', '/api/organisations', ADMIN),
  write('PATCH', `/api/organisations/${NONE}`, ADMIN),

  // Programmes, their cohorts and matching.
  get(apiPaths.programmes(), SIGNED_IN),
  write('POST', apiPaths.programmes(), ADMIN),
  get(`${programme}/details`, COORDINATING),
  write('PATCH', programme, COORDINATING),
  write('POST', `${programme}/duplicate`, COORDINATING),
  get(apiPaths.participants(P), COORDINATING),
  get(apiPaths.matchingSettings(P), COORDINATING),
  write('PUT', apiPaths.matchingSettings(P), COORDINATING),
  get(apiPaths.matchingRuns(P), COORDINATING),
  write('POST', apiPaths.matchingRuns(P), COORDINATING),
  get(apiPaths.matchingRun(P, NONE), COORDINATING_FINDS_NOTHING),
  write('POST', apiPaths.publishMatchingRun(P, NONE), COORDINATING_FINDS_NOTHING),
  get(apiPaths.availableMentors(P), [401, 'ok', 'deny', 'ok', 'deny', 'ok']),
  get(apiPaths.programmeMentors(P), [401, 'ok', 'deny', 'ok', 'deny', 'ok']),
  write('POST', apiPaths.programmeMatchRequests(P), [401, 'ok', 'deny', 'deny', 'deny', 'deny']),
  get(apiPaths.matchRequests(), SIGNED_IN),
  write('POST', apiPaths.acceptMatchRequest(NONE), [401, 404, 404, 404, 404, 404]),
  write('POST', apiPaths.declineMatchRequest(NONE), [401, 404, 404, 404, 404, 404]),
  get(`${programme}/invitations`, COORDINATING),
  write('POST', `${programme}/invitations`, COORDINATING),
  write('POST', `${programme}/invitations/csv`, COORDINATING),
  write('POST', `${programme}/invitations/${NONE}/revoke`, COORDINATING_FINDS_NOTHING),
  write('POST', `${programme}/invitations/${NONE}/resend`, COORDINATING_FINDS_NOTHING),
  write('POST', `${programme}/invitations/${NONE}/link`, COORDINATING_FINDS_NOTHING),
  get(`/api/invitations/${NONE}`, [404, 404, 404, 404, 404, 404]),
  write('POST', `/api/invitations/${NONE}/accept`, [404, 404, 404, 404, 404, 404]),
  get(`${programme}/join-links`, COORDINATING),
  write('POST', `${programme}/join-links`, COORDINATING),
  write('POST', `${programme}/join-links/${NONE}/revoke`, COORDINATING_FINDS_NOTHING),
  get(`${programme}/pending`, COORDINATING),
  write('POST', `${programme}/pending/${NONE}/approve`, COORDINATING_FINDS_NOTHING),
  write('POST', `${programme}/pending/${NONE}/decline`, COORDINATING_FINDS_NOTHING),
  // Archived and back again, on the other programme: its coordinator and admins only.
  write('POST', `/api/programmes/${OTHER}/archive`, [401, 'deny', 'deny', 'deny', 'ok', 'ok']),
  write('POST', `/api/programmes/${OTHER}/unarchive`, [401, 'deny', 'deny', 'deny', 'ok', 'ok']),
  get(`/api/join/${NONE}`, [404, 404, 404, 404, 404, 404]),
  write('POST', `/api/join/${NONE}`, [404, 404, 404, 404, 404, 404]),
  get(apiPaths.programmeProgress(P), COORDINATING),
  // A coordinator's participants: change a role, move to another programme, remove.
  // An empty change is refused (400) after the gate, before the person is looked up.
  write('PATCH', `${programme}/participants/${NONE}`, COORDINATING),
  write('POST', `${programme}/participants/${NONE}/remove`, COORDINATING_FINDS_NOTHING),

  // The programme's community.
  get(apiPaths.topics(P), MEMBERS),
  write('POST', apiPaths.topics(P), MEMBERS),
  get(apiPaths.topic(P, NONE), MEMBERS_FIND_NOTHING),
  write('POST', apiPaths.topicReplies(P, NONE), MEMBERS_FIND_NOTHING),
  write('POST', apiPaths.hidePost(P, NONE, NONE), COORDINATING_FINDS_NOTHING),
  write('POST', apiPaths.reportPost(P, NONE, NONE), MEMBERS_FIND_NOTHING),

  // Pairs: their list, files and calendar.
  get(apiPaths.mentorships(), SIGNED_IN),
  // A learner's own certificates and module progress, following the account.
  write('POST', '/api/me/learning', SIGNED_IN),
  write('DELETE', `/api/me/learning/progress/${NONE}`, SIGNED_IN),
  write('POST', apiPaths.pairFileUpload(PAIR, 'matrix.txt'), PAIR_ONLY, 'a line of text'),
  get(apiPaths.pairFile(PAIR, NONE), PAIR_FINDS_NOTHING),
  get(apiPaths.sessionIcs(PAIR, NONE), PAIR_FINDS_NOTHING),
  get(apiPaths.calendarToken(), SIGNED_IN),
  write('POST', apiPaths.calendarToken(), SIGNED_IN),
  write('DELETE', apiPaths.calendarToken(), SIGNED_IN),
  get(apiPaths.calendarFeed('A'.repeat(43)), [404, 404, 404, 404, 404, 404]),

  // The learning repository: public to read, coordinators and admins edit.
  get(apiPaths.catalogue(), PUBLIC),
  get(apiPaths.packs(), PUBLIC),
  write('POST', apiPaths.resources(), EDITORS),
  write('PATCH', apiPaths.resource(NONE), EDITORS_FIND_NOTHING),
  write('POST', apiPaths.retireResource(NONE), EDITORS_FIND_NOTHING),
  write('POST', apiPaths.resourceFileUpload(NONE, 'a.txt'), EDITORS_FIND_NOTHING, 'text'),
  write('POST', apiPaths.packs(), EDITORS),
  write('PATCH', apiPaths.pack(NONE), EDITORS_FIND_NOTHING),
  write('POST', apiPaths.publishPack(NONE), EDITORS_FIND_NOTHING),
  get(apiPaths.resource(NONE), [404, 404, 404, 404, 404, 404]),
  get(apiPaths.pack(NONE), [404, 404, 404, 404, 404, 404]),
  get(apiPaths.resourceFile(NONE, 'a.pdf'), [404, 404, 404, 404, 404, 404]),
  get(apiPaths.packZip(NONE), [404, 404, 404, 404, 404, 404]),
  write('POST', apiPaths.moduleCertificates(NONE), [404, 404, 404, 404, 404, 404]),
  get(apiPaths.certificate('MOP-0000-0000'), PUBLIC),
  // The library's collections: the repository's editors; the starter library: admins (removed, then installed again,
  // so the rows leave the demo library as they found it).
  get('/api/collections', EDITORS),
  write('POST', '/api/collections', EDITORS),
  write('PUT', '/api/collections/order', EDITORS),
  write('PATCH', `/api/collections/${NONE}`, EDITORS_FIND_NOTHING),
  write('POST', `/api/collections/${NONE}/retire`, EDITORS_FIND_NOTHING),
  write('POST', `/api/collections/${NONE}/restore`, EDITORS_FIND_NOTHING),
  get('/api/starter-library', ADMIN),
  write('POST', '/api/starter-library/remove', ADMIN),
  write('POST', '/api/starter-library/install', ADMIN),
  // Privacy: one's own data and its access log, the notice, and the admin's side of both.
  get('/api/privacy', PUBLIC),
  get('/api/account/export', SIGNED_IN),
  get('/api/account/access-log', SIGNED_IN),
  // E-mail notifications: one's own choices; unsubscribe links work signed out (their token is the authority).
  get(apiPaths.notificationPreferences(), SIGNED_IN),
  write('PUT', apiPaths.notificationPreferences(), SIGNED_IN),
  write('POST', apiPaths.unsubscribe(), PUBLIC),
  get(apiPaths.unsubscribe('not-a-token'), PUBLIC),
  write('POST', '/api/account/privacy-acknowledgement', SIGNED_IN),
  // An empty body (no password, no typed confirmation) is refused after the gate; nobody is deleted.
  write('POST', '/api/account/delete', SIGNED_IN),
  get('/api/admin/privacy', ADMIN),
  write('PUT', '/api/admin/privacy', ADMIN),
  write('PUT', `/api/admin/programmes/${P}/retention`, ADMIN),
  get('/api/admin/access-log', ADMIN),
  get(`/api/admin/users/${NONE}/export`, ADMIN_FINDS_NOTHING),
  write('POST', `/api/admin/users/${NONE}/erase`, ADMIN_FINDS_NOTHING),
  // Deleting really deletes: a pair's record or file, a community post.
  write('POST', `/api/mentorships/${PAIR}/erase-record`, PAIR_ONLY),
  write('DELETE', `/api/mentorships/${PAIR}/files/${NONE}`, PAIR_FINDS_NOTHING),
  write('DELETE', `${programme}/topics/${NONE}/posts/${NONE}`, MEMBERS_FIND_NOTHING),
  // Without MOP_METRICS_TOKEN the metrics endpoint is off for everyone.
  get('/api/metrics', [404, 404, 404, 404, 404, 404]),
  // Closing a mentorship, its feedback and the programme reports (issue 14). Ending and unpublishing use made-up
  // ids (nothing real is ended); the pair's own feedback is its members' only.
  write('POST', '/api/mentorships/matrix-nothing/end', [401, 404, 404, 404, 404, 404]),
  write('POST', '/api/mentorships/matrix-nothing/unpublish', [401, 404, 404, 404, 404, 404]),
  // Whether the caller's pair was withdrawn: true only for its two members, false for anyone else.
  get(`/api/mentorships/${NONE}/withdrawn`, SIGNED_IN),
  get(`/api/mentorships/${PAIR}/feedback`, PAIR_ONLY),
  write('PUT', `/api/mentorships/${PAIR}/feedback`, PAIR_ONLY),
  get(`${programme}/feedback-questions`, COORDINATING),
  write('PUT', `${programme}/feedback-questions`, COORDINATING),
  get(`${programme}/feedback`, COORDINATING),
  get(`${programme}/report`, COORDINATING),
  get(`${programme}/report.csv`, COORDINATING),
  get(`${programme}/report.xlsx`, COORDINATING),
  get('/api/reports', ADMIN)
];

/** Routes the table leaves out, each with the test that covers it instead. */
const NOT_IN_TABLE = new Set([
  // It would end the sessions the rest of the table uses; http/api.test.ts signs out (and in again).
  'POST /api/auth/logout'
]);

let server: TestServer;
const cookies = {} as Record<Role, string | undefined>;

beforeAll(async () => {
  server = await startTestServer();
  // A coordinator of another programme, and a mentee whose account an admin deactivates after they signed in.
  server.store.createProgramme({ id: OTHER, name: 'Another programme' });
  server.store.createUser({
    id: 'matrix-coordinator',
    email: 'elsewhere@example.org',
    name: 'Carla Elsewhere',
    role: 'coordinator',
    passwordHash: await hashPassword('mop-demo')
  });
  server.store.addProgrammeMember(OTHER, 'matrix-coordinator', 'coordinator');
  cookies.visitor = undefined;
  cookies.mentee = await login(server.url, 'mentee@example.org');
  cookies.mentor = await login(server.url, 'mentor@example.org');
  cookies.coordinator = await login(server.url, 'coordinator@example.org');
  cookies.coordinatorElsewhere = await login(server.url, 'elsewhere@example.org');
  cookies.admin = await login(server.url, 'admin@example.org');
  cookies.deactivated = await login(server.url, 'mentee2@example.org');
  const deactivation = await fetch(`${server.url}/api/admin/users/demo-mentee-2/deactivate`, {
    method: 'POST',
    headers: { cookie: cookies.admin }
  });
  expect(deactivation.status).toBe(200);
  await deactivation.body?.cancel();
});

afterAll(async () => {
  await server.close();
  expect(server.logger.errors).toEqual([]);
});

function expectedFor(row: Row, role: Role): Expected {
  return role === 'deactivated' ? row[0] : row[ROLES.indexOf(role)]!;
}

function matches(expected: Expected, status: number): boolean {
  if (expected === 'ok') return (status >= 200 && status < 300) || [400, 409, 415].includes(status);
  if (expected === 'deny') return status === 403 || status === 404;
  return status === expected;
}

describe('the authorisation matrix', () => {
  it('answers every REST endpoint as designed for every role, and never 500', async () => {
    const wrong: string[] = [];
    for (const endpoint of ENDPOINTS) {
      for (const role of ROLES) {
        const cookie = cookies[role];
        const isWrite = endpoint.method !== 'GET';
        const response = await fetch(`${server.url}${endpoint.path}`, {
          method: endpoint.method,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(isWrite ? { origin: server.url } : {}),
            'content-type': endpoint.body === undefined ? 'application/json' : 'application/octet-stream'
          },
          ...(isWrite ? { body: endpoint.body ?? '{}' } : {})
        });
        await response.body?.cancel();
        const expected = expectedFor(endpoint.expected, role);
        if (!matches(expected, response.status))
          wrong.push(`${endpoint.method} ${endpoint.path} as ${role}: ${response.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists every mounted API route in the table', () => {
    // A new route must get a row: the mounted routes (method + pattern) are compared with the table's paths.
    const covered = (method: string, pattern: string) => {
      const shape = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      return ENDPOINTS.some(
        (endpoint) =>
          (endpoint.method === method || (method === 'HEAD' && endpoint.method === 'GET')) &&
          shape.test(endpoint.path.split('?')[0]!)
      );
    };
    const mounted = server.modules.flatMap((module) =>
      [...(module.routes?.().routes ?? []), ...(module.uploadRoutes?.().routes ?? [])]
        .filter((route) => route.method !== 'ALL')
        .map((route) => ({ method: route.method, path: `/api${route.path}` }))
    );
    const missing = mounted
      .filter((route) => !covered(route.method, route.path) && !NOT_IN_TABLE.has(`${route.method} ${route.path}`))
      .map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it('answers the list endpoints with the caller’s own part only', async () => {
    const list = async (path: string, role: Role) =>
      (await (await fetch(`${server.url}${path}`, { headers: { cookie: cookies[role]! } })).json()) as Record<
        string,
        { id: string; programmeId?: string }[]
      >;
    const pairIds = async (role: Role) => (await list(apiPaths.mentorships(), role)).mentorships!.map((m) => m.id);
    expect(await pairIds('mentee')).toEqual([PAIR]);
    expect(await pairIds('mentor')).toEqual([PAIR]);
    expect(await pairIds('coordinatorElsewhere')).toEqual([]);
    expect(await pairIds('coordinator')).toEqual(expect.arrayContaining([PAIR, 'demo-pair-2']));
    expect(await pairIds('admin')).toEqual(expect.arrayContaining([PAIR, 'demo-pair-2']));
    // A pair's summary (read from its private document) goes to its two members only.
    const summarised = async (role: Role) =>
      ((await list(apiPaths.mentorships(), role)).mentorships as { id: string; summary?: unknown }[])
        .filter((m) => m.summary !== undefined)
        .map((m) => m.id);
    expect(await summarised('mentee')).toEqual([PAIR]);
    expect(await summarised('mentor')).toEqual([PAIR]);
    expect(await summarised('coordinator')).toEqual([]);
    expect(await summarised('admin')).toEqual([]);
    const programmeIds = async (role: Role) => (await list('/api/admin/programmes', role)).programmes!.map((p) => p.id);
    expect(await programmeIds('coordinatorElsewhere')).toEqual([OTHER]);
    expect(await programmeIds('coordinator')).toEqual([P]);
    expect(await programmeIds('admin')).toEqual(expect.arrayContaining([P, OTHER]));
  });

  const DOCS: { kind: string; doc: string; read: Row; write: Row }[] = [
    {
      kind: 'a pair’s notes',
      doc: mentorshipDocName(PAIR),
      read: [401, 'ok', 'ok', 'deny', 'deny', 'deny'],
      write: [401, 'ok', 'ok', 'deny', 'deny', 'deny']
    },
    {
      kind: 'a mentee’s profile',
      doc: profileDocName('demo-mentee-1'),
      read: [401, 'ok', 'deny', 'ok', 'deny', 'ok'],
      write: [401, 'ok', 'deny', 'deny', 'deny', 'deny']
    }
  ];

  /** A valid edit of each kind (the server checks a document's shape): a profile's headline, a key in a pair's map. */
  const probe = (doc: string, role: Role): [string, string, unknown] =>
    doc.startsWith('profile:') ? [PROFILE_KEY, 'headline', `Edited by ${role}`] : ['matrix', role, true];

  /** Whether an edit over the stock y-websocket client reaches the stored document. */
  async function editReaches(doc: string, cookie: string, role: Role): Promise<boolean> {
    const client = connectClient(server, doc, cookie);
    try {
      await waitSynced(client);
      const [map, key, value] = probe(doc, role);
      client.doc.getMap(map).set(key, value);
      // A refused edit never arrives; an accepted one is in the stored log within moments.
      const stored = () => {
        const copy = new Y.Doc();
        for (const update of server.store.loadDocUpdates(doc)) Y.applyUpdate(copy, update.data);
        return copy.getMap(map).get(key) === value;
      };
      try {
        await waitFor(stored, `${role}'s edit of ${doc}`, 1500);
        return true;
      } catch {
        return false;
      }
    } finally {
      client.destroy();
    }
  }

  it('opens every document kind for reading and writing as designed for every role', async () => {
    const wrong: string[] = [];
    for (const { kind, doc, read, write } of DOCS) {
      for (const role of ROLES) {
        const cookie = cookies[role];
        const status = await upgradeStatus(`${server.wsUrl}/${doc}`, cookie ? { cookie } : {});
        const expectedRead = expectedFor(read, role);
        const readOk = expectedRead === 'ok' ? status === 101 : matches(expectedRead, status);
        if (!readOk) wrong.push(`read ${kind} as ${role}: ${status}, expected ${expectedRead}`);
        if (status !== 101 || !cookie) continue;
        const wrote = await editReaches(doc, cookie, role);
        if (wrote !== (expectedFor(write, role) === 'ok'))
          wrong.push(`write ${kind} as ${role}: ${wrote ? 'stored' : 'refused'}, expected ${expectedFor(write, role)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
