import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * A real install from its first run: the setup link creates the admin, who creates a programme and invites a
 * coordinator; the coordinator uploads a CSV of two mentors and three mentees; an invitee opens the link, sets a
 * password and lands on the questionnaire; a workshop join link's QR code, decoded from the page's image, lets a
 * phone join and wait for approval.
 *
 * The invitation links are taken from the coordinator's "copy link" (what an install without SMTP does): no outbox
 * module that sends mail has landed yet, so there is no received e-mail to read them from.
 */

const SHOTS_DIR = process.env.MOP_SHOTS_DIR ?? '/work/wt/cohorts-shots';
const PASSWORD = 'a long enough password';

async function shoot(page: Page, name: string): Promise<void> {
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

/** The link shown for the invitation of `email` in the coordinator's list. */
async function invitationLink(page: Page, email: string): Promise<string> {
  const row = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
  const field = row.getByTestId('issued-link');
  if ((await field.count()) === 0) await row.getByTestId('copy-invitation-link').click();
  return field.inputValue();
}

describe('a real install', () => {
  const suite = useStackAndBrowser(() => ({ demo: false }));

  it('first run → programme → coordinator → CSV → invitee on the questionnaire; a join link by QR code', async () => {
    const errors: string[] = [];
    const { stack } = suite;
    expect(stack.setupUrl).toMatch(/\/setup#[A-Za-z0-9_-]{43}$/);

    // The admin opens the printed setup link.
    const adminPage = await (await suite.device()).newPage();
    watchErrors(adminPage, 'admin', errors);
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
    // Not a demo: no banner.
    expect(await adminPage.getByTestId('demo-banner').count()).toBe(0);

    // The admin creates a programme and invites its coordinator.
    await adminPage.getByLabel('Name of the programme').fill('Cohort 2026');
    await adminPage.getByLabel('Description').fill('Peer mentoring for creative freelancers.');
    await shoot(adminPage, 'admin');
    await adminPage.getByRole('button', { name: 'Create programme' }).click();
    await adminPage.waitForURL(/\/programmes\/[a-z0-9-]+\/manage$/);
    const managePath = new URL(adminPage.url()).pathname;
    const invite = adminPage.getByRole('region', { name: 'Invite people' });
    await invite.getByLabel('Name', { exact: true }).fill('Cora Coordinator');
    await invite.getByLabel('Email').fill('cora@partner.example');
    await invite.getByLabel('Role', { exact: true }).selectOption('coordinator');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const coordinatorLink = await invitationLink(adminPage, 'cora@partner.example');
    expect(coordinatorLink).toContain('/invitation#');

    // The coordinator accepts, on another device.
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
    const csv =
      'name,email,role,language\n' +
      'Marta Rossi,marta@partner.example,mentor,it\n' +
      'Aoife Byrne,aoife@partner.example,mentor,en\n' +
      'Jonas Weber,jonas@partner.example,mentee,\n' +
      'Samir Haddad,samir@partner.example,mentee,es\n' +
      'Lea Novak,lea@partner.example,mentee,\n';
    await coordinatorPage
      .getByLabel('CSV file')
      .setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => coordinatorPage.getByTestId('csv-preview').textContent()).toContain('All 5 rows are ready');
    await shoot(coordinatorPage, 'manage-csv-preview');
    await coordinatorPage.getByTestId('csv-send').click();
    await expect.poll(() => coordinatorPage.getByTestId('csv-done').textContent()).toContain('Invitations sent: 5');
    await expect.poll(() => coordinatorPage.getByTestId('invitation-row').count()).toBe(6);
    const menteeLink = await invitationLink(coordinatorPage, 'jonas@partner.example');

    // The mentee opens the link on a phone, sets a password and lands on the questionnaire.
    const menteePage = await (await suite.device({ mobile: true })).newPage();
    watchErrors(menteePage, 'mentee', errors);
    await menteePage.goto(menteeLink);
    await expect.poll(() => menteePage.getByTestId('invitation-summary').textContent()).toMatch(/as mentee/i);
    await shoot(menteePage, 'invitation');
    await menteePage.getByLabel('Choose a password').fill(PASSWORD);
    await menteePage.getByTestId('privacy-ack').check();
    await menteePage.getByRole('button', { name: 'Accept and continue' }).click();
    await menteePage.waitForURL('**/profile');
    await expect.poll(() => menteePage.locator('h1').textContent()).toBeTruthy();
    // The coordinator sees the invitation accepted.
    await coordinatorPage.reload();
    const jonas = coordinatorPage.locator('[data-testid="invitation-row"][data-email="jonas@partner.example"]');
    await expect.poll(() => jonas.getByTestId('invitation-status').textContent()).toContain('Accepted');

    // A workshop join link with a QR code; a phone decodes it and joins, then waits for approval.
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
    await expect.poll(() => phone.getByTestId('join-pending').isVisible()).toBe(true);
    const phoneWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(phoneWidth).toBeLessThanOrEqual(390);

    await coordinatorPage.reload();
    const pending = coordinatorPage.getByTestId('pending-section');
    await expect.poll(() => pending.textContent()).toContain('Walk-in Wanda');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => coordinatorPage.getByTestId('pending-section').count()).toBe(0);

    // The admin console: users and the audit log of what happened.
    await adminPage.goto('/admin/users?q=partner.example');
    await expect.poll(() => adminPage.getByTestId('user-list').textContent()).toContain('Walk-in Wanda');
    await shoot(adminPage, 'admin-users');
    await adminPage.goto('/admin/audit');
    await expect.poll(() => adminPage.getByTestId('audit-list').textContent()).toContain('member.approve');
    await shoot(adminPage, 'admin-audit');

    expect(errors).toEqual([]);
  }, 180_000);
});
