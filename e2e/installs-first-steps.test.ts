import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, screenshotBothSizes, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * An admin's first steps on a real install (no demo data): the "Before you invite people" list on the Admin home,
 * computed from the real settings (the shipped placeholder privacy notice and imprint, no mail server); the warning
 * next to the invitation form while the notice is a placeholder; renaming the platform and the organisation, and the
 * platform's name wherever the app speaks of itself.
 */

const SHOTS_DIR = process.env.MOP_SHOTS_DIR;
const PASSWORD = 'a long enough password';

/** Screenshots at both widths when asked for (MOP_SHOTS_DIR), back to the laptop size after. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS_DIR) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  await screenshotBothSizes(page, SHOTS_DIR, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const itemDone = (page: Page, id: string) =>
  page.locator(`[data-testid="setup-checklist"] li[data-item="${id}"]`).getAttribute('data-done');

describe('a real install, first steps', () => {
  const suite = useStackAndBrowser(() => ({ demo: false }));

  it('the Admin home lists what to finish before inviting, and the platform name is used and can be changed', async () => {
    const { stack } = suite;
    const token = (stack.setupUrl ?? '').split('#')[1] ?? '';
    const setup = await fetch(`${stack.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        name: 'Ines Admin',
        email: 'ines@arteponte.example',
        password: PASSWORD,
        platformName: 'Arte Ponte Mentoring',
        organisationName: 'Arte Ponte',
        starterLibrary: false
      })
    });
    expect(setup.status).toBe(201);

    const errors: string[] = [];
    const page = await (await suite.device()).newPage();
    watchErrors(page, 'admin', errors);
    await login(page, 'ines@arteponte.example', PASSWORD);

    // The admin's landing page has no programme yet: it points to Admin.
    await page.waitForURL('**/programmes');
    const empty = page.getByTestId('no-programmes');
    await empty.getByRole('link', { name: 'Go to Admin' }).waitFor();
    await expect.poll(() => page.locator('footer').textContent()).toContain('Arte Ponte Mentoring keeps your notes');
    await shoot(page, 'admin-landing-empty');

    await empty.getByRole('link', { name: 'Go to Admin' }).click();
    await page.waitForURL('**/admin');
    await page.getByTestId('setup-checklist').waitFor();
    await expect.poll(() => itemDone(page, 'notice')).toBe('0');
    expect(await itemDone(page, 'imprint')).toBe('0');
    // No mail server in this stack: mail is not working yet.
    expect(await itemDone(page, 'mail')).toBe('0');
    expect(await itemDone(page, 'name')).toBe('1');
    expect(await page.getByTestId('setup-checklist').textContent()).toContain('MOP_SMTP_URL');
    await shoot(page, 'admin-checklist');

    // A programme: its invitation form warns that people would acknowledge a placeholder notice.
    await page.getByLabel('Name of the programme').fill('Cohort 2027');
    await page.getByRole('button', { name: 'Create programme' }).click();
    await page.waitForURL('**/manage');
    const warning = page.getByTestId('placeholder-notice-warning');
    await warning.getByRole('link', { name: 'Complete the privacy notice' }).waitFor();
    await shoot(page, 'invite-placeholder-warning');

    // The admin completes the notice and the imprint: the list follows, the warning goes.
    const saved = await page.request.put('/api/admin/privacy', {
      data: {
        notice: '# Privacy notice\n\nArte Ponte APS, Via Roma 1, Bologna.',
        imprint: '# Arte Ponte APS',
        retentionDays: 365
      }
    });
    expect(saved.status()).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Invite people' }).waitFor();
    expect(await warning.count()).toBe(0);

    await page.goto('/admin');
    await expect.poll(() => itemDone(page, 'notice')).toBe('1');
    expect(await itemDone(page, 'imprint')).toBe('1');

    // Renaming the platform and the organisation.
    await page.getByRole('button', { name: 'Rename platform' }).click();
    await page.getByRole('textbox', { name: 'Platform name' }).fill('Arte Ponte');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('platform-name').textContent()).toBe('Arte Ponte');
    await expect.poll(() => page.locator('footer').textContent()).toContain('Arte Ponte keeps your notes');
    await page.getByRole('button', { name: 'Rename Arte Ponte' }).click();
    await page.getByLabel('New name for Arte Ponte').fill('Arte Ponte APS');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('admin-organisations').textContent()).toContain('Arte Ponte APS');
    await shoot(page, 'admin-after-rename');

    const audit = await (await page.request.get('/api/admin/audit?action=platform.rename')).json();
    expect(audit.entries[0].details).toEqual({ from: 'Arte Ponte Mentoring', to: 'Arte Ponte' });

    // Someone not signed in sees the new name on the sign-in page.
    const visitor = await (await suite.device()).newPage();
    await visitor.goto('/login');
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Arte Ponte');
    expect(errors).toEqual([]);
  });
});
