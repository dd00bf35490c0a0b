import { afterEach, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../test-support/harness.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../test-support/smtp.ts';

/**
 * A mentee deletes their account: the mentor is told, by e-mail in the mentor's language and in the app (the pair's
 * ending, "left the programme", by nobody named), and learns nothing of the deleted person beyond what they knew.
 */
const servers: TestServer[] = [];
const smtps: TestSmtpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const smtp of smtps.splice(0)) await smtp.close();
});

describe('a pair member deletes their account', () => {
  it('tells the remaining member by e-mail in their language and shows the ending in the app', async () => {
    const smtp = await startTestSmtpServer();
    smtps.push(smtp);
    const server = await startTestServer({
      publicUrl: 'https://mentoring.example.org',
      mail: { smtpUrl: smtp.url, worker: { pollIntervalMs: 50 } }
    });
    servers.push(server);
    server.db.prepare("UPDATE users SET language = 'it' WHERE id = 'demo-mentor-1'").run();

    await server.eraseUserData('demo-mentee-1');

    const mail = await smtp.waitForMail('mentor@example.org', { timeoutMs: 10_000 });
    expect(mail.subject).toContain('Il tuo mentee ha lasciato');
    expect(mail.text).toContain('/mentoring/demo-pair-1/feedback');
    expect(mail.text).not.toContain('Jonas');
    expect(mail.html ?? '').not.toContain('Jonas');

    const cookie = await login(server.url, 'mentor@example.org');
    const list = (await (await fetch(`${server.url}/api/mentorships`, { headers: { cookie } })).json()) as {
      mentorships: { id: string; status: string; ending?: { reason: string; endedBy: unknown } }[];
    };
    const pair = list.mentorships.find((m) => m.id === 'demo-pair-1');
    expect(pair?.status).toBe('closed');
    expect(pair?.ending).toMatchObject({ reason: 'left', endedBy: null });

    // Erasing again (a retried erasure) tells nobody twice.
    await server.eraseUserData('demo-mentee-1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(smtp.received.filter((m) => m.to === 'mentor@example.org')).toHaveLength(1);
  });
});
