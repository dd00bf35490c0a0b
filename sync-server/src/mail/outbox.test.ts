import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { OutboxListSchema, OutboxMessageSchema } from '@mop/shared';
import { login, makeTempDir, startTestServer, waitFor, type TestServer } from '../test-support/harness.ts';
import { readError } from '../test-support/responses.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../test-support/smtp.ts';

const servers: TestServer[] = [];
const smtps: TestSmtpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const smtp of smtps.splice(0)) await smtp.close();
});

async function smtpServer(): Promise<TestSmtpServer> {
  const smtp = await startTestSmtpServer();
  smtps.push(smtp);
  return smtp;
}

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer({ publicUrl: 'https://mentoring.example.org', ...options });
  servers.push(started);
  return started;
}

function forgot(server: TestServer, email: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/forgot-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email })
  });
}

function statusOf(server: TestServer, to: string): { status: string; attempts: number; last_error: string | null }[] {
  return server.db
    .prepare('SELECT status, attempts, last_error FROM outbox WHERE recipient = ? ORDER BY created_at')
    .all(to) as { status: string; attempts: number; last_error: string | null }[];
}

describe('the outbox', () => {
  it('sends a mail through SMTP with a text and an HTML part, the platform name and the public URL', async () => {
    const smtp = await smtpServer();
    const mop = await server({ mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    expect((await forgot(mop, 'mentee@example.org')).status).toBe(204);
    const mail = await smtp.waitForMail('mentee@example.org');
    expect(mail.subject).toBe('Reset your MOP password');
    expect(mail.text).toContain('Hello Jonas Weber, graphic novelist,');
    expect(mail.links[0]).toMatch(/^https:\/\/mentoring\.example\.org\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain('href="https://mentoring.example.org/reset-password#token=');
    expect(mail.html).toContain('MOP');
    // The Message-ID is the outbox id: the same on every attempt.
    const [row] = mop.db.prepare('SELECT id FROM outbox').all() as { id: string }[];
    expect(mail.messageId).toBe(`<${row?.id}@mentoring.example.org>`);
    await waitFor(() => statusOf(mop, 'mentee@example.org')[0]?.status === 'sent', 'sent status');
    expect(statusOf(mop, 'mentee@example.org')).toEqual([{ status: 'sent', attempts: 1, last_error: null }]);
  });

  it('keeps mail across a restart between enqueue and send, and does not send a sent one again', async () => {
    const dataDir = makeTempDir();
    // No SMTP at first: the mail waits in the outbox.
    const first = await server({ dataDir });
    expect((await forgot(first, 'mentor@example.org')).status).toBe(204);
    expect(statusOf(first, 'mentor@example.org')).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);
    await first.close();

    const smtp = await smtpServer();
    const second = await server({ dataDir, mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    const mail = await smtp.waitForMail('mentor@example.org');
    expect(mail.subject).toBe('Reset your MOP password');
    await waitFor(() => statusOf(second, 'mentor@example.org')[0]?.status === 'sent', 'sent status');
    await second.close();

    const third = await server({ dataDir, mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.filter((m) => m.to === 'mentor@example.org')).toHaveLength(1);
    expect(statusOf(third, 'mentor@example.org')[0]?.status).toBe('sent');
  });

  it('sends again a message a stopped server left half-sent, once', async () => {
    const dataDir = makeTempDir();
    const first = await server({ dataDir });
    expect((await forgot(first, 'mentee2@example.org')).status).toBe(204);
    // What a kill between the claim and the SMTP answer leaves behind.
    first.db.prepare("UPDATE outbox SET status = 'sending', attempts = 1").run();
    await first.close();

    const smtp = await smtpServer();
    const second = await server({ dataDir, mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } } });
    await smtp.waitForMail('mentee2@example.org');
    await waitFor(() => statusOf(second, 'mentee2@example.org')[0]?.status === 'sent', 'sent status');
    expect(statusOf(second, 'mentee2@example.org')[0]?.attempts).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1);
    expect(second.logger.warnings.some(([message]) => String(message).includes('interrupted'))).toBe(true);
  });

  it('retries a refusing SMTP server with back-off until it accepts', async () => {
    const smtp = await smtpServer();
    smtp.refuseNext = 2;
    const mop = await server({ mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 20, retryDelayMs: 100 } } });
    const started = Date.now();
    expect((await forgot(mop, 'mentee@example.org')).status).toBe(204);
    await smtp.waitForMail('mentee@example.org');
    // 100 ms after the first refusal, 200 ms after the second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(smtp.refusals).toBe(2);
    await waitFor(() => statusOf(mop, 'mentee@example.org')[0]?.status === 'sent', 'sent status');
    expect(statusOf(mop, 'mentee@example.org')[0]?.attempts).toBe(3);
    expect(mop.logger.warnings.filter(([message]) => String(message).includes('retrying'))).toHaveLength(2);
  });

  it('marks a message failed after the last attempt, and an admin can queue it again', async () => {
    const smtp = await smtpServer();
    smtp.refuseNext = 2;
    const mop = await server({
      mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 20, retryDelayMs: 10, maxAttempts: 2 } }
    });
    expect((await forgot(mop, 'mentee@example.org')).status).toBe(204);
    await waitFor(() => statusOf(mop, 'mentee@example.org')[0]?.status === 'failed', 'failed status');
    expect(statusOf(mop, 'mentee@example.org')[0]?.last_error).toMatch(/Try again later/);
    expect(mop.logger.errors).toHaveLength(1);
    mop.logger.errors.length = 0;

    const admin = await login(mop.url, 'admin@example.org');
    const list = v.parse(
      OutboxListSchema,
      await (await fetch(`${mop.url}/api/admin/outbox?status=failed`, { headers: { cookie: admin } })).json()
    );
    expect(list.smtpConfigured).toBe(true);
    const [failed] = list.messages;
    const retry = await fetch(`${mop.url}/api/admin/outbox/${failed?.id}/retry`, {
      method: 'POST',
      headers: { cookie: admin }
    });
    expect(retry.status).toBe(204);
    await smtp.waitForMail('mentee@example.org');
    await waitFor(() => statusOf(mop, 'mentee@example.org')[0]?.status === 'sent', 'sent status');
    const again = await fetch(`${mop.url}/api/admin/outbox/${failed?.id}/retry`, {
      method: 'POST',
      headers: { cookie: admin }
    });
    expect(again.status).toBe(409);
  });
});

describe('the outbox page API', () => {
  it('shows admins the mail that could not leave (no SMTP), with its text and links', async () => {
    const mop = await server();
    expect((await forgot(mop, 'mentee@example.org')).status).toBe(204);
    const admin = await login(mop.url, 'admin@example.org');
    const list = v.parse(
      OutboxListSchema,
      await (await fetch(`${mop.url}/api/admin/outbox`, { headers: { cookie: admin } })).json()
    );
    expect(list.smtpConfigured).toBe(false);
    expect(list.total).toBe(1);
    expect(list.messages[0]).toMatchObject({ to: 'mentee@example.org', status: 'pending', category: 'password-reset' });
    const message = v.parse(
      OutboxMessageSchema,
      await (await fetch(`${mop.url}/api/admin/outbox/${list.messages[0]?.id}`, { headers: { cookie: admin } })).json()
    );
    expect(message.text).toContain('Choose a new password');
    // The action first, then the platform's address from the signature.
    expect(message.links).toHaveLength(2);
    expect(message.links[0]).toMatch(/^https:\/\/mentoring\.example\.org\/reset-password#token=/);
    expect(message.links[1]).toBe('https://mentoring.example.org');
  });

  it('answers only admins, with a JSON refusal for everyone else and for bad input', async () => {
    const mop = await server();
    expect((await forgot(mop, 'mentee@example.org')).status).toBe(204);
    const [row] = mop.db.prepare('SELECT id FROM outbox').all() as { id: string }[];
    const paths = [
      ['GET', '/api/admin/outbox'],
      ['GET', `/api/admin/outbox/${row?.id}`],
      ['POST', `/api/admin/outbox/${row?.id}/retry`]
    ] as const;
    const expected = { coordinator: 403, mentor: 403, mentee: 403 } as const;
    for (const [role, status] of Object.entries(expected)) {
      const cookie = await login(mop.url, `${role}@example.org`);
      for (const [method, path] of paths) {
        const response = await fetch(`${mop.url}${path}`, { method, headers: { cookie } });
        expect([role, path, response.status]).toEqual([role, path, status]);
        expect((await readError(response)).code).toBe('forbidden');
      }
    }
    for (const [method, path] of paths) {
      const response = await fetch(`${mop.url}${path}`, { method });
      expect([path, response.status]).toEqual([path, 401]);
    }
    const admin = await login(mop.url, 'admin@example.org');
    expect((await fetch(`${mop.url}/api/admin/outbox?status=lost`, { headers: { cookie: admin } })).status).toBe(400);
    expect((await fetch(`${mop.url}/api/admin/outbox/nope`, { headers: { cookie: admin } })).status).toBe(404);
    // A pending message is not "failed": nothing to queue again.
    expect(
      (await fetch(`${mop.url}/api/admin/outbox/${row?.id}/retry`, { method: 'POST', headers: { cookie: admin } }))
        .status
    ).toBe(409);
    expect(mop.logger.errors).toEqual([]);
  });
});
