/**
 * A real install for the cohorts tests: a server without demo data set up through its setup link, with one
 * organisation, two programmes and a person for every role the authorisation tests need.
 */
import { OrganisationListSchema, ProgrammeDetailsSchema } from '@mop/shared';
import { hashPassword } from '../auth/passwords.ts';
import type { ModuleContext, OutgoingMail } from '../module.ts';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { readJson } from '../test-support/responses.ts';

export const PASSWORD = 'a long enough password';

export type Who = 'admin' | 'coordinator' | 'otherCoordinator' | 'mentor' | 'mentee' | 'anonymous';
export const EVERYONE: readonly Who[] = ['admin', 'coordinator', 'otherCoordinator', 'mentor', 'mentee', 'anonymous'];

export interface RealInstall {
  server: TestServer;
  mails: OutgoingMail[];
  organisationId: string;
  /** The programme `coordinator` runs (mentor and mentee are its members). */
  programmeId: string;
  /** The programme `otherCoordinator` runs. */
  otherProgrammeId: string;
  cookies: Record<Who, string>;
  /** fetch with the cookie of `who` and a JSON body when given. */
  call(who: Who, method: string, path: string, body?: unknown): Promise<Response>;
}

/** Starts the install; `now` moves the modules' clock. */
export async function startRealInstall(
  options: { now?: () => Date; onContext?: (ctx: ModuleContext) => void } = {}
): Promise<RealInstall> {
  const { onContext, ...serverOptions } = options;
  const mails: OutgoingMail[] = [];
  // The mails the module queues, caught by a test module that provides the mailer (as the outbox module does).
  const server = await startTestServer({
    demo: false,
    extraModules: [
      (ctx) => {
        onContext?.(ctx);
        return { name: 'test-mail', provides: { mail: { enqueue: (mail) => mails.push(mail) } } };
      }
    ],
    // The tests move the clock past an invitation's 14 days; the signed-in people must outlive that jump (a session
    // unused for 14 days would otherwise have ended, docs/security.md).
    sessionIdleDays: 30,
    ...serverOptions
  });
  const token = (server.setupUrl ?? '').split('#')[1];
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      name: 'Ada Admin',
      email: 'admin@partner.example',
      password: PASSWORD,
      platformName: 'Partner Mentoring',
      organisationName: 'Partner Org',
      starterLibrary: false
    })
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const cookies = { anonymous: '' } as Record<Who, string>;
  cookies.admin = await login(server.url, 'admin@partner.example', PASSWORD);
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(cookies[who] ? { cookie: cookies[who] } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  const organisations = await readJson(await call('admin', 'GET', '/api/organisations'), OrganisationListSchema);
  const organisationId = organisations.organisations[0]!.id;
  const create = async (name: string) =>
    (await readJson(await call('admin', 'POST', '/api/programmes', { organisationId, name }), ProgrammeDetailsSchema))
      .id;
  const programmeId = await create('Cohort 2026');
  const otherProgrammeId = await create('Other cohort');
  const passwordHash = await hashPassword(PASSWORD);
  const people: [Who, 'coordinator' | 'mentor' | 'mentee', string][] = [
    ['coordinator', 'coordinator', programmeId],
    ['otherCoordinator', 'coordinator', otherProgrammeId],
    ['mentor', 'mentor', programmeId],
    ['mentee', 'mentee', programmeId]
  ];
  for (const [who, role, programme] of people) {
    const email = `${who.toLowerCase()}@partner.example`;
    server.store.createUser({ id: `user-${who.toLowerCase()}`, email, name: `${who} person`, role, passwordHash });
    server.store.addProgrammeMember(programme, `user-${who.toLowerCase()}`, role);
    cookies[who] = await login(server.url, email, PASSWORD);
  }
  return { server, mails, organisationId, programmeId, otherProgrammeId, cookies, call };
}

/** The link in the last e-mail sent to `to`. */
export function linkInMail(mails: OutgoingMail[], to: string): string {
  const mail = mails.filter((m) => m.to === to).at(-1);
  const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no link mailed to ${to}`);
  return link;
}
