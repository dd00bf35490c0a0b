import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../sync-server/src/test-support/smtp.ts';

/**
 * A real install from its first run, with a real SMTP server in the test process: the setup link creates the
 * admin, who creates a programme and invites a coordinator by e-mail; the coordinator uploads a CSV of two mentors
 * and three mentees; each invitee opens the link from the e-mail they received, sets a password and answers the
 * questionnaire; the coordinator runs and publishes a matching and a mentee sees their mentor; a mentee who forgot
 * the password resets it by e-mail; a workshop join link's QR code, decoded from the page's image, lets a phone
 * join and wait for approval.
 */

/** Screenshots for a person to look at are taken only when asked for (they cost seconds on every run). */
const SHOTS_DIR = process.env.MOP_SHOTS_DIR;
const PASSWORD = 'a long enough password';

let smtp: TestSmtpServer | undefined;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

/** The invitation link in the e-mail `to` received (the outbox worker sends it through the test's SMTP server). */
async function invitationLinkFromMail(to: string): Promise<string> {
  const mail = await smtp!.waitForMail(to, { timeoutMs: 20_000 });
  expect(mail.subject).toBe('You are invited to Cohort 2026');
  const link = mail.links.find((l) => l.includes('/invitation#'));
  if (!link) throw new Error(`no invitation link in the mail to ${to}: ${mail.text}`);
  return link;
}

/** Answers every question of the matching questionnaire through its steps, the way a person clicks through it. */
async function answerQuestionnaire(page: Page, role: 'mentor' | 'mentee', name: string): Promise<void> {
  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
  // The name given when accepting is already the profile's first answer.
  await expect.poll(() => page.getByLabel('Your name').inputValue(), { timeout: 15_000 }).toBe(name);
  await next();
  await page.getByRole('checkbox', { name: 'Architecture' }).check();
  await next();
  await page.getByRole('checkbox', { name: 'Fundraising and grant writing' }).check();
  await next();
  await page.getByRole('checkbox', { name: 'Grow an existing business' }).check();
  await next();
  await page.getByRole('checkbox', { name: 'English' }).check();
  await next();
  await page.getByLabel('Country').selectOption('IT');
  await page.getByRole('button', { name: 'Monday Morning, 08:00 to 12:00' }).click();
  if (role === 'mentor') {
    await next();
    await page.getByLabel('How many mentees can you take?').selectOption('2');
  }
  await page.getByTestId('profile-complete').waitFor();
  await page.locator('[data-testid="profile-save-state"][data-state="synced"]').waitFor({ timeout: 20_000 });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS_DIR) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [width, height] of [
    [390, 844],
    [1280, 800]
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

const INVITEES = [
  { name: 'Marta Rossi', email: 'marta@partner.example', role: 'mentor' },
  { name: 'Aoife Byrne', email: 'aoife@partner.example', role: 'mentor' },
  { name: 'Jonas Weber', email: 'jonas@partner.example', role: 'mentee' },
  { name: 'Samir Haddad', email: 'samir@partner.example', role: 'mentee' },
  { name: 'Lea Novak', email: 'lea@partner.example', role: 'mentee' }
] as const;

describe('a real install', () => {
  const suite = useStackAndBrowser(() => ({
    demo: false,
    mail: { smtpUrl: smtp?.url ?? '', worker: { pollIntervalMs: 100 } }
  }));

  it('first run → programme → coordinator → CSV → invitees from their e-mail → questionnaire → matching published; a join link by QR code', async () => {
    const errors: string[] = [];
    const { stack } = suite;
    expect(stack.setupUrl).toMatch(/\/setup#[A-Za-z0-9_-]{43}$/);

    // The admin opens the printed setup link.
    const adminPage = await (await suite.device()).newPage();
    watchErrors(adminPage, 'admin', errors);
    // First a link cut short when copied: refused. Then the whole link pasted into the same tab (only the fragment
    // changes, so the browser does not load the page again): it must be checked anew, not keep the first verdict.
    await adminPage.goto((stack.setupUrl ?? '').slice(0, -6));
    await adminPage.getByTestId('setup-problem').waitFor();
    await adminPage.goto(stack.setupUrl ?? '');
    await adminPage.getByLabel('Your name').fill('Ines Admin');
    await adminPage.getByLabel('Email').fill('ines@partner.example');
    await adminPage.getByLabel('Choose a password').fill(PASSWORD);
    await adminPage.getByTestId('privacy-ack').check();
    await adminPage.getByLabel('Name of the platform').fill('Partner Mentoring');
    await adminPage.getByLabel('Your organisation').fill('Partner Org');
    await adminPage.getByLabel(/Start empty/).check();
    await shoot(adminPage, 'setup');
    await adminPage.getByRole('button', { name: 'Set up the platform' }).click();
    await adminPage.waitForURL('**/admin');
    await expect.poll(() => adminPage.getByTestId('no-programmes').isVisible()).toBe(true);
    // The name just chosen, at once (this visit knew "MOP" from before the setup).
    expect(await adminPage.locator('header').textContent()).toContain('Partner Mentoring');
    expect(await adminPage.title()).toMatch(/· Partner Mentoring$/);
    // Not a demo: no banner.
    expect(await adminPage.getByTestId('demo-banner').count()).toBe(0);

    // The admin creates a programme and invites its coordinator.
    await adminPage.getByLabel('Name of the programme').fill('Cohort 2026');
    await adminPage.getByLabel('Description').fill('Peer mentoring for creative freelancers.');
    await shoot(adminPage, 'admin');
    await adminPage.getByRole('button', { name: 'Create programme' }).click();
    await adminPage.waitForURL(/\/programmes\/[a-z0-9-]+\/manage$/);
    const managePath = new URL(adminPage.url()).pathname;
    const programmeId = managePath.split('/')[2] ?? '';
    const invite = adminPage.getByRole('region', { name: 'Invite people' });
    await invite.getByLabel('Name', { exact: true }).fill('Cora Coordinator');
    await invite.getByLabel('Email').fill('cora@partner.example');
    await invite.getByLabel('Role', { exact: true }).selectOption('coordinator');
    await invite.getByRole('button', { name: 'Send invitation' }).click();

    // The coordinator accepts from the e-mail, on another device.
    const coordinatorLink = await invitationLinkFromMail('cora@partner.example');
    expect(coordinatorLink.startsWith(`${stack.url}/invitation#`)).toBe(true);
    const coordinatorPage = await (await suite.device()).newPage();
    watchErrors(coordinatorPage, 'coordinator', errors);
    await coordinatorPage.goto(coordinatorLink);
    await expect.poll(() => coordinatorPage.getByTestId('invitation-summary').textContent()).toContain('Cohort 2026');
    await coordinatorPage.getByLabel('Choose a password').fill(PASSWORD);
    await coordinatorPage.getByTestId('privacy-ack').check();
    await coordinatorPage.getByRole('button', { name: 'Accept and continue' }).click();
    await coordinatorPage.waitForURL(`**${managePath}`);

    // The coordinator uploads a CSV of two mentors and three mentees: a preview first, then sending.
    await coordinatorPage.getByRole('button', { name: 'Upload a CSV' }).click();
    const csv = 'name,email,role,language\n' + INVITEES.map((p) => `${p.name},${p.email},${p.role},`).join('\n') + '\n';
    await coordinatorPage
      .getByLabel('CSV file')
      .setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => coordinatorPage.getByTestId('csv-preview').textContent()).toContain('All 5 rows are ready');
    await shoot(coordinatorPage, 'manage-csv-preview');
    await coordinatorPage.getByTestId('csv-send').click();
    await expect.poll(() => coordinatorPage.getByTestId('csv-done').textContent()).toContain('Invitations sent: 5');
    await expect.poll(() => coordinatorPage.getByTestId('invitation-row').count()).toBe(6);

    // Each invitee opens the link from the e-mail they received (a phone-sized context each, in the one browser),
    // sets a password and answers the questionnaire.
    const invitees: { person: (typeof INVITEES)[number]; device: BrowserContext; page: Page }[] = [];
    for (const person of INVITEES) {
      const link = await invitationLinkFromMail(person.email);
      const device = await suite.device({ mobile: true });
      const page = await device.newPage();
      watchErrors(page, person.name, errors);
      await page.goto(link);
      await expect
        .poll(() => page.getByTestId('invitation-summary').textContent())
        .toMatch(new RegExp(`as ${person.role}`, 'i'));
      if (person === INVITEES[2]) await shoot(page, 'invitation');
      await page.getByLabel('Choose a password').fill(PASSWORD);
      await page.getByTestId('privacy-ack').check();
      await page.getByRole('button', { name: 'Accept and continue' }).click();
      await page.waitForURL('**/profile');
      if (person === INVITEES[0]) {
        // A mentor who has accepted but not answered the questionnaire yet has no capacity: no new mentees for now.
        await coordinatorPage.goto(`/programmes/${programmeId}`);
        const row = coordinatorPage
          .getByTestId('participants-table')
          .getByRole('row')
          .filter({ hasText: person.email });
        await expect
          .poll(() => row.textContent(), { timeout: 20_000 })
          .toContain('0 (capacity not set: no new mentees)');
        await shoot(coordinatorPage, 'participants-capacity-unset');
        await coordinatorPage.goto(managePath);
      }
      await answerQuestionnaire(page, person.role, person.name);
      invitees.push({ person, device, page });
    }
    // The coordinator sees every invitation accepted.
    await coordinatorPage.reload();
    for (const person of INVITEES) {
      const row = coordinatorPage.locator(`[data-testid="invitation-row"][data-email="${person.email}"]`);
      await expect.poll(() => row.getByTestId('invitation-status').textContent()).toContain('Accepted');
    }

    // The coordinator runs and publishes a matching in the app.
    await coordinatorPage.goto(`/programmes/${programmeId}`);
    await expect
      .poll(() => coordinatorPage.getByTestId('participant-counts').textContent(), { timeout: 20_000 })
      .toMatch(/Profiles complete:\s*5/);
    await coordinatorPage.getByRole('button', { name: 'Run matching' }).click();
    await coordinatorPage.waitForURL(/\/runs\/[^/]+$/, { timeout: 30_000 });
    await expect.poll(() => coordinatorPage.getByTestId('pair').count()).toBe(3);
    await coordinatorPage.getByRole('button', { name: 'Publish…' }).click();
    await coordinatorPage.getByRole('button', { name: 'Yes, publish' }).click();
    await expect
      .poll(() => coordinatorPage.getByTestId('publish-result').textContent(), { timeout: 30_000 })
      .toContain('Mentorships created: 3');

    // Every mentee sees a mentor of the cohort on their mentoring page.
    const mentorNames = INVITEES.filter((p) => p.role === 'mentor').map((p) => p.name);
    for (const { person, page } of invitees.filter((i) => i.person.role === 'mentee')) {
      await page.goto('/mentoring');
      const list = page.getByTestId('mentorship-list');
      await list.waitFor({ timeout: 20_000 });
      const shown = (await list.getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim());
      expect(shown, person.name).toHaveLength(1);
      expect(mentorNames, person.name).toContain(shown[0]);
    }

    // A mentee forgets the password and resets it from the e-mail.
    const forgetful = invitees.find((i) => i.person.role === 'mentee');
    const lostDevice = await suite.device({ mobile: true });
    const lost = await lostDevice.newPage();
    watchErrors(lost, 'forgetful mentee', errors);
    await lost.goto('/forgot-password');
    await lost.getByLabel('Email').fill(forgetful?.person.email ?? '');
    await lost.getByRole('button', { name: 'Send the link' }).click();
    // The mentee has had the invitation and the match e-mail before; the reset link is the one with that subject.
    const resetMailTo = () =>
      smtp!.received.find(
        (mail) => mail.to === forgetful?.person.email && mail.subject === 'Reset your Partner Mentoring password'
      );
    await expect.poll(resetMailTo, { timeout: 20_000 }).toBeDefined();
    const resetMail = resetMailTo()!;
    const resetLink = resetMail.links.find((l) => l.includes('/reset-password#token=')) ?? '';
    await lost.goto(resetLink);
    await lost.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await lost.getByLabel('Repeat the new password').fill('a brand new passphrase');
    await lost.getByRole('button', { name: 'Save the new password' }).click();
    await lost.getByTestId('reset-done').waitFor();
    await login(lost, forgetful?.person.email ?? '', 'a brand new passphrase');

    // A workshop join link with a QR code; a phone decodes it and joins, then waits for approval.
    await coordinatorPage.goto(managePath);
    await coordinatorPage.getByLabel('Maximum uses').fill('30');
    await coordinatorPage.getByRole('button', { name: 'Create join link' }).click();
    const qr = coordinatorPage.getByTestId('join-qr');
    await qr.waitFor();
    await shoot(coordinatorPage, 'manage');
    const pixels = await qr.evaluate(async (image: HTMLImageElement) => {
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: data.width, height: data.height, data: Array.from(data.data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    expect(decoded?.data).toMatch(new RegExp(`^${stack.url}/join#[A-Za-z0-9_-]{43}$`));

    const phone = await (await suite.device({ mobile: true })).newPage();
    watchErrors(phone, 'phone', errors);
    await phone.goto(decoded?.data ?? '');
    await expect.poll(() => phone.getByTestId('join-summary').textContent()).toContain('Cohort 2026');
    await phone.getByLabel('Your name').fill('Walk-in Wanda');
    await phone.getByLabel('Email').fill('wanda@partner.example');
    await phone.getByLabel('Choose a password').fill(PASSWORD);
    await phone.getByTestId('privacy-ack').check();
    await shoot(phone, 'join');
    await phone.getByRole('button', { name: 'Join the programme' }).click();
    await phone.locator('[data-testid="join-pending"], [role="alert"]').first().waitFor({ timeout: 20_000 });
    expect(await phone.locator('[role="alert"]').allTextContents()).toEqual([]);
    await expect.poll(() => phone.getByTestId('join-pending').isVisible()).toBe(true);
    const phoneWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(phoneWidth).toBeLessThanOrEqual(390);

    // The coordinator is told; approval waits until Wanda confirms the address she typed.
    await expect
      .poll(() => smtp!.received.filter((mail) => mail.to === 'cora@partner.example').map((mail) => mail.subject), {
        timeout: 20_000
      })
      .toContain('Walk-in Wanda waits for your approval in Cohort 2026');
    await coordinatorPage.reload();
    const pending = coordinatorPage.getByTestId('pending-section');
    await expect.poll(() => pending.textContent()).toContain('Walk-in Wanda');
    expect(await pending.getByTestId('pending-confirmed').getAttribute('data-confirmed')).toBe('false');
    expect(await pending.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await shoot(coordinatorPage, 'pending-unconfirmed');
    const confirmMail = await smtp!.waitForMail('wanda@partner.example', { timeoutMs: 20_000 });
    const confirmLink = confirmMail.links.find((l) => l.includes('/confirm-email#'));
    if (!confirmLink) throw new Error(`no confirmation link in the mail to Wanda: ${confirmMail.text}`);
    await phone.goto(confirmLink);
    await phone.getByTestId('confirm-email-done').waitFor({ timeout: 15_000 });
    // The address typed at sign-up is confirmed, not "new".
    expect(await phone.getByTestId('confirm-email-done').textContent()).toBe(
      'Done: your e-mail address wanda@partner.example is confirmed.'
    );
    expect(await phone.locator('h1').textContent()).not.toContain('new');
    await coordinatorPage.reload();
    await expect
      .poll(() => pending.getByTestId('pending-confirmed').getAttribute('data-confirmed'), { timeout: 15_000 })
      .toBe('true');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => coordinatorPage.getByTestId('pending-section').count()).toBe(0);
    expect((await smtp!.waitForMail('wanda@partner.example', { timeoutMs: 20_000, index: 1 })).subject).toBe(
      'You are in: Cohort 2026'
    );

    // The admin console: users and the audit log of what happened.
    await adminPage.goto('/admin/users?q=partner.example');
    await expect.poll(() => adminPage.getByTestId('user-list').textContent()).toContain('Walk-in Wanda');
    await shoot(adminPage, 'admin-users');
    await adminPage.goto('/admin/audit');
    await expect.poll(() => adminPage.getByTestId('audit-list').textContent()).toContain('Join request approved');
    await shoot(adminPage, 'admin-audit');

    expect(errors).toEqual([]);
  }, 300_000);
});
