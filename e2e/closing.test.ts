import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * The end of a mentorship as people live it: the mentee ends it as "not a good fit", both members give their closing
 * feedback, the coordinator reads the totals (and the words of the member who agreed), re-runs the matching, which
 * proposes the mentee another mentor, and exports the report for the funder as CSV and XLSX.
 */

const PROGRAMME = 'demo-peerment-pilot';
const SHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'reports');

async function giveFeedback(page: Page, ratings: [number, number], helped: string, share: boolean): Promise<void> {
  await page.getByRole('link', { name: 'Give your closing feedback' }).click();
  await page.waitForURL(/\/feedback$/);
  const rate = (question: string, value: number) =>
    page
      .locator('fieldset', { hasText: question })
      .getByRole('radio', { name: new RegExp(`^${value}\\b`) })
      .check();
  await rate('How would you rate the mentoring relationship?', ratings[0]);
  await rate('How would you rate the programme?', ratings[1]);
  await page.getByLabel('What helped you most?').fill(helped);
  await page.getByLabel('Would you mentor or be mentored again?').fill('Yes');
  if (share) await page.getByLabel(/The coordinator may read my answers/).check();
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText(/Thank you: your feedback was saved/).waitFor();
}

describe('closing a mentorship in the browser', () => {
  const suite = useStackAndBrowser();

  it('not a good fit → feedback from both → aggregated for the coordinator → a different mentor → CSV and XLSX', async () => {
    const errors: string[] = [];

    // The coordinator adds a question of the programme's own to the closing feedback.
    const coordinator = await (await suite.device()).newPage();
    watchErrors(coordinator, 'coordinator', errors);
    await login(coordinator, 'coordinator@example.org');
    await coordinator.goto(`/programmes/${PROGRAMME}/report`);
    await coordinator.getByLabel(/Questions asked after the fixed ones/).fill('Would you mentor or be mentored again?');
    await coordinator.getByRole('button', { name: 'Save questions' }).click();
    await coordinator.getByText('Questions saved.').waitFor();

    // The mentee ends the pair as not a good fit, with a note.
    const mentee = await (await suite.device({ mobile: true })).newPage();
    watchErrors(mentee, 'mentee', errors);
    await login(mentee, 'mentee@example.org');
    await mentee.goto('/mentoring/demo-pair-1');
    await mentee.getByRole('button', { name: 'End this mentorship…' }).click();
    await mentee.getByLabel('No longer a good fit').check();
    await mentee.getByText(/you go back to the pool/).waitFor();
    await mentee.getByLabel(/A note \(optional/).fill('Our fields are too far apart.');
    await mentee.getByRole('button', { name: 'End the mentorship' }).click();
    await mentee.getByTestId('mentorship-ended').waitFor();
    await mentee.getByText(/You are back in the pool/).waitFor();
    await giveFeedback(mentee, [2, 4], 'The first session', false);

    // The mentor is told, reads the ending in the archive, and gives feedback they agree to share.
    const mentor = await (await suite.device()).newPage();
    watchErrors(mentor, 'mentor', errors);
    await login(mentor, 'mentor@example.org');
    await mentor.goto('/notifications');
    await mentor.getByText(/Your mentorship with Jonas Weber.* has ended/).waitFor();
    await mentor.goto('/mentoring/demo-pair-1');
    await mentor.getByTestId('mentorship-ended').getByText('Our fields are too far apart.').waitFor();
    expect(await mentor.getByText(/You are back in the pool/).count()).toBe(0);
    // An archive: nothing to add, no next session to join.
    expect(await mentor.getByRole('button', { name: /New session note/ }).count()).toBe(0);
    expect(await mentor.getByRole('heading', { name: 'Next session' }).count()).toBe(0);
    await giveFeedback(mentor, [4, 5], 'Honest conversations', true);

    // The coordinator sees the totals of both, and the words of the mentor only.
    await coordinator.goto(`/programmes/${PROGRAMME}/report`);
    await expect
      .poll(async () => coordinator.getByTestId('feedback-averages').textContent())
      .toMatch(/2 answers\. Relationship: 3\.0 of 5 on average; programme: 4\.5 of 5/);
    const shared = coordinator.getByTestId('feedback-summary');
    await shared.getByText('Honest conversations').waitFor();
    expect(await shared.getByText('The first session').count()).toBe(0);
    // Each chart has its table: the pair ended as not a fit is in the "ended by reason" table.
    const ended = coordinator.locator('#chart-ended-title').locator('..');
    await ended.getByText('Show as a table').click();
    await expect.poll(async () => ended.getByRole('row', { name: /No longer a good fit/ }).textContent()).toMatch(/1/);

    mkdirSync(SHOTS_DIR, { recursive: true });
    for (const [width, height] of [
      [390, 844],
      [1280, 800]
    ] as const) {
      await coordinator.setViewportSize({ width, height });
      await coordinator.waitForTimeout(400);
      await coordinator.screenshot({ path: `${SHOTS_DIR}/dashboard-${width}.png`, fullPage: true });
    }
    await coordinator.setViewportSize({ width: 1280, height: 800 });

    // Exports for the funder, read back.
    const download = async (name: RegExp) => {
      const [file] = await Promise.all([
        coordinator.waitForEvent('download'),
        coordinator.getByRole('link', { name }).click()
      ]);
      const path = await file.path();
      return readFileSync(path);
    };
    const csv = (await download(/Download CSV/)).toString('utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['programme id', 'section', 'figure', 'value']);
    expect(rows).toContainEqual([PROGRAMME, 'pairs ended by reason', 'No longer a good fit', '1']);
    expect(rows).toContainEqual([PROGRAMME, 'feedback', 'responses', '2']);
    const workbook = new ExcelJS.Workbook();
    const xlsx = await download(/Download Excel/);
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength));
    const sheet = workbook.worksheets[0]!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(['pairs ended by reason', 'No longer a good fit', 1]);
    expect(values).toContainEqual(['feedback', 'responses', 2]);
    for (const text of [csv, JSON.stringify(values)]) {
      expect(text).not.toContain('Our fields are too far apart.');
      expect(text).not.toContain('Honest conversations');
    }

    // The next matching run proposes the mentee someone other than the mentor of the ended pair.
    await coordinator.goto(`/programmes/${PROGRAMME}`);
    await coordinator.getByRole('button', { name: 'Run matching' }).click();
    await coordinator.waitForURL(/\/runs\/[^/]+$/, { timeout: 30_000 });
    const proposal = coordinator.locator('[data-testid="pair"][data-mentee="demo-mentee-1"]');
    await proposal.waitFor();
    const proposedMentor = await proposal.getAttribute('data-mentor');
    expect(proposedMentor).toBeTruthy();
    expect(proposedMentor).not.toBe('demo-mentor-1');

    expect(errors).toEqual([]);
  }, 180_000);
});
