import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * What a coordinator and an admin run on an install, in the browser: the participants page's actions (remove a
 * matched mentee, which ends the pair after a confirmation; change a role), the learning library's administration
 * (a new collection, put first, retired; the starter library removed and installed again, with the empty learning
 * center in between) and a workshop join link's QR code in full screen for a projector.
 */

/** Screenshots for a person to look at are taken only when asked for (they cost seconds on every run). */
const SHOTS_DIR = process.env.MOP_SHOTS_DIR;
const PROGRAMME = 'demo-peerment-pilot';

/** Screenshots at phone and laptop width, for a person to look at (not compared). */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SHOTS_DIR) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [width, height] of [
    [390, 844],
    [1280, 800]
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: options.fullPage ?? true });
  }
  if (original) await page.setViewportSize(original);
}

const manageButton = (page: Page, email: string): Locator =>
  page.locator(`[data-testid="participant-manage"][data-email="${email}"]`);

describe('running an install', () => {
  const suite = useStackAndBrowser();

  it('participants: a matched mentee is removed after a confirmation that ends the pair; a role is changed', async () => {
    const errors: string[] = [];
    const page = await (await suite.device()).newPage();
    watchErrors(page, 'coordinator', errors);
    await login(page, 'coordinator@example.org');
    await page.goto(`/programmes/${PROGRAMME}`);
    await page.getByTestId('participants-table').waitFor();
    await shoot(page, 'participants');

    await manageButton(page, 'mentee@example.org').click();
    const dialog = page.getByTestId('participant-dialog');
    await dialog.getByTestId('participant-in-pair').waitFor();
    await shoot(page, 'participant-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Remove…' }).click();
    const confirm = dialog.getByTestId('participant-confirm');
    expect(await confirm.textContent()).toMatch(/Remove .* from PeerMent pilot cohort\?\s*This ends their pair\./);
    await dialog.getByRole('button', { name: 'Yes, do it' }).click();
    await expect
      .poll(() => page.getByTestId('participant-change').textContent())
      .toMatch(/was removed from the programme\. Pairs ended: 1\./);
    // The list reloads after the sentence is shown.
    await expect.poll(() => manageButton(page, 'mentee@example.org').count()).toBe(0);
    expect(await dialog.isVisible()).toBe(false);

    // An unmatched mentee becomes a mentor; cancelling first changes nothing.
    await manageButton(page, 'mentee41@example.org').click();
    await dialog.getByLabel('New role').selectOption('mentor');
    await dialog.getByRole('button', { name: 'Save the role' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Save the role' }).click();
    await dialog.getByRole('button', { name: 'Yes, do it' }).click();
    await expect.poll(() => page.getByTestId('participant-change').textContent()).toMatch(/is now a Mentor\./);
    const row = page
      .getByTestId('participants-table')
      .locator('tr', { has: manageButton(page, 'mentee41@example.org') });
    await expect.poll(() => row.locator('td').first().textContent()).toBe('Mentor');

    expect(errors).toEqual([]);
  });

  it('the learning library: a collection created, moved, retired; the starter library removed and installed', async () => {
    const errors: string[] = [];
    const page = await (await suite.device()).newPage();
    watchErrors(page, 'admin', errors);
    await login(page, 'admin@example.org');
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Collections and starter library' }).click();
    await page.waitForURL('**/manage/collections');
    const list = page.getByTestId('collection-list');
    await list.waitFor();
    const before = await page.getByTestId('collection').count();
    expect(before).toBeGreaterThan(0);

    await page.getByLabel('Title', { exact: true }).fill('Partner guides');
    await page.getByLabel('Kind', { exact: true }).selectOption('training');
    await page.getByLabel('Summary', { exact: true }).fill('Guides written by our organisation.');
    await page.getByRole('button', { name: 'Create collection' }).click();
    const ours = page.locator('[data-testid="collection"][data-id="partner-guides"]');
    await ours.waitFor();
    expect(await page.getByTestId('collection').count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Move Partner guides up' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('collection')
          .nth(before - 1)
          .getAttribute('data-id')
      )
      .toBe('partner-guides');
    await shoot(page, 'library-admin');

    await page.getByRole('button', { name: 'Retire Partner guides' }).click();
    await expect.poll(() => ours.textContent()).toContain('Retired');

    // The starter library goes, after a confirmation; the learning center is then empty and says where to fill it.
    const starter = page.getByTestId('starter-library');
    await starter.getByRole('button', { name: 'Remove the starter library…' }).click();
    await starter.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect.poll(() => page.getByTestId('starter-status').textContent()).toMatch(/^\s*0 of \d+ sample resources/);
    await page.goto('/learn');
    // The page is server-rendered for visitors; the editor's links appear once the app knows who is signed in.
    await page.getByTestId('learn-empty').waitFor();
    await expect
      .poll(() =>
        page.getByTestId('learn-empty').getByRole('link', { name: 'Collections and starter library' }).count()
      )
      .toBe(1);
    await shoot(page, 'learn-empty');

    await page.goto('/manage/collections');
    await page.getByRole('button', { name: 'Install the starter library' }).click();
    await expect.poll(() => page.getByTestId('starter-status').textContent()).toMatch(/(\d+) of \1 sample resources/);
    await page.goto('/learn');
    await page.getByTestId('learn-result-count').waitFor();
    expect(await page.getByTestId('learn-empty').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a join link’s QR code fills the screen for a projector, and closes back to the page', async () => {
    const errors: string[] = [];
    const page = await (await suite.device()).newPage();
    watchErrors(page, 'coordinator', errors);
    await login(page, 'coordinator@example.org');
    await page.goto(`/programmes/${PROGRAMME}/manage`);
    await page.getByRole('button', { name: 'Create join link' }).click();
    await page.getByTestId('join-qr').waitFor();
    await page.getByRole('button', { name: 'Show full screen' }).click();
    const screen = page.getByTestId('qr-full-screen');
    await screen.waitFor();
    expect(await screen.getByRole('heading').textContent()).toBe('PeerMent pilot cohort');
    await shoot(page, 'qr-full-screen', { fullPage: false });
    const size = await page.getByTestId('qr-full-screen-image').boundingBox();
    // Much larger than the 320 px code on the page: readable from the back of a room.
    expect(size?.width ?? 0).toBeGreaterThanOrEqual(400);
    await screen.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => screen.count()).toBe(0);
    await page.getByTestId('join-qr').waitFor();
    const address = await page.getByTestId('join-link').first().locator('input').inputValue();
    expect(address).toMatch(/\/join#[A-Za-z0-9_-]{22,}$/);

    // A reload of the projector's page shows the same link and QR code again (kept in this tab only).
    await page.reload();
    await page.getByTestId('join-qr').waitFor();
    expect(await page.getByTestId('join-link').first().locator('input').inputValue()).toBe(address);
    await shoot(page, 'join-link-after-reload');

    // On another device the server cannot show it (it keeps only a hash): the open link is listed, with a way to
    // make a new one like it, whose QR code is then shown there.
    const elsewhere = await (await suite.device({ mobile: true })).newPage();
    watchErrors(elsewhere, 'coordinator elsewhere', errors);
    await login(elsewhere, 'coordinator@example.org');
    await elsewhere.goto(`/programmes/${PROGRAMME}/manage`);
    await elsewhere.getByTestId('join-link-hidden').first().waitFor();
    expect(await elsewhere.getByTestId('join-qr').count()).toBe(0);
    await shoot(elsewhere, 'join-link-elsewhere');
    await elsewhere.getByRole('button', { name: 'Make a new link like this one' }).first().click();
    await elsewhere.getByTestId('join-qr').waitFor();
    expect(await elsewhere.getByTestId('join-link').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('a pasted list is checked row by row, in words about the list and its own line numbers', async () => {
    const errors: string[] = [];
    const page = await (await suite.device()).newPage();
    watchErrors(page, 'coordinator', errors);
    await login(page, 'coordinator@example.org');
    await page.goto(`/programmes/${PROGRAMME}/manage`);
    const invite = page.getByRole('region', { name: 'Invite people' });
    await invite.getByRole('button', { name: 'Paste a list' }).click();
    await invite
      .getByLabel('People to invite')
      .fill('Ana Ruiz <ana@paste.example>\n\nno address here\nBo Li, ANA@paste.example\nmentor@example.org\n');
    await invite.getByTestId('paste-check').click();
    const preview = invite.getByTestId('csv-preview');
    await preview.waitFor();
    await expect
      .poll(() => invite.getByTestId('csv-summary').textContent())
      .toMatch(/3 of 4 lines of the list have problems\. Correct the list/);
    const problems = (await preview.getByTestId('row-problems').allTextContents()).map((text) => text.trim());
    expect(problems).toEqual([
      'OK',
      'No e-mail address on this line.',
      // The pasted text's line 1, not the CSV's line 2 the server checked.
      'The same e-mail as line 1.',
      'Already taking part in this programme (as Mentor).'
    ]);
    expect(await preview.textContent()).not.toMatch(/\bfile\b/i);
    await shoot(page, 'paste-list-problems');
    expect(errors).toEqual([]);
  });
});
