import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { apiPaths } from '@mop/shared';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * Personal data rights as a person meets them on the account page: download my data (a zip with a README), see who
 * looked at my data, and delete my account (then the account is gone). Screenshots of the new parts at phone and
 * desktop widths go to MOP_SHOTS_DIR when it is set.
 */

const suite = useStackAndBrowser();
const shots = process.env.MOP_SHOTS_DIR;

describe('your rights on the account page', () => {
  it('a mentee downloads their data and sees who looked at it, on a phone and a desktop', async () => {
    const errors: string[] = [];
    // The coordinator opens the programme's participants, which the mentee's access log then shows.
    const staff = await (await suite.device()).newPage();
    await login(staff, 'coordinator@example.org');
    const listed = await staff.evaluate(
      async (url) => (await fetch(url)).status,
      apiPaths.participants('demo-peerment-pilot')
    );
    expect(listed).toBe(200);

    for (const mobile of [true, false]) {
      const device = await suite.device({ mobile });
      const page = await device.newPage();
      watchErrors(page, mobile ? 'phone' : 'desktop', errors);
      await login(page, 'mentee@example.org');
      await page.goto('/account');
      const data = page.getByTestId('privacy-data');
      await data.waitFor();
      await expect
        .poll(() => page.getByTestId('access-log').textContent())
        .toContain("viewed the programme's participants");

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download my data' }).click()
      ]);
      expect(download.suggestedFilename()).toMatch(/^mop-data-\d{4}-\d{2}-\d{2}\.zip$/);
      const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
      expect(strFromU8(entries['README.md']!)).toContain('Your data in MOP');
      expect(Object.keys(entries)).toContain('accounts/account.json');
      await page.getByText('Your archive is downloading.').waitFor();

      await page.getByRole('button', { name: 'Delete my account…' }).click();
      await page.getByLabel('Type DELETE to confirm').waitFor();
      if (shots) {
        mkdirSync(shots, { recursive: true });
        const width = mobile ? 390 : 1280;
        await data.screenshot({ path: resolve(shots, `account-your-data-${width}.png`) });
        await page.getByTestId('privacy-delete').screenshot({ path: resolve(shots, `account-delete-${width}.png`) });
      }
      await page.getByRole('button', { name: 'Keep my account' }).click();
    }
    expect(errors).toEqual([]);
  });

  it('a mentee deletes a pin from the shelf and a reflection for good, by keyboard, after confirming', async () => {
    const errors: string[] = [];
    const page = await (await suite.device({ mobile: true })).newPage();
    watchErrors(page, 'phone', errors);
    await login(page, 'mentee@example.org');

    await page.goto('/mentoring/demo-pair-1/shelf');
    await page.locator('#pin-target').fill('https://example.org/pin-to-erase');
    await page.locator('#pin-title').fill('Pin to erase');
    await page.getByRole('button', { name: 'Pin to the shelf' }).click();
    const pin = page.getByTestId('pins').locator('li', { hasText: 'Pin to erase' });
    await pin.waitFor();
    await pin.getByRole('button', { name: 'Delete Pin to erase from the shelf for good' }).focus();
    await page.keyboard.press('Enter');
    await pin.getByText('Delete for good, also from the history?').waitFor();
    await pin.getByRole('button', { name: 'Cancel' }).click();
    await pin.getByRole('button', { name: 'Delete Pin to erase from the shelf for good' }).click();
    await pin.getByRole('button', { name: 'Delete for good' }).focus();
    await page.keyboard.press('Enter');
    // The server rewrites the pair's document; the change arrives by sync and the pin leaves the shelf.
    await pin.waitFor({ state: 'detached' });

    await page.goto('/mentoring/demo-pair-1/progress');
    await page.getByLabel('Your reflection').fill('reflection-to-erase');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    const reflection = page.locator('li', { hasText: 'reflection-to-erase' });
    await reflection.getByRole('button', { name: 'Delete this reflection for good' }).click();
    await reflection.getByRole('button', { name: 'Delete for good' }).click();
    await reflection.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByLabel('Your reflection').waitFor();
    expect(await page.getByText('reflection-to-erase').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a mentee deletes their account: confirmed with the password and DELETE, then it cannot sign in', async () => {
    const errors: string[] = [];
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    watchErrors(page, 'phone', errors);
    await login(page, 'mentee2@example.org');
    await page.goto('/account');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const submit = page.getByRole('button', { name: 'Delete my account for good' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('Current password').last().fill('wrong password here');
    await page.getByLabel('Type DELETE to confirm').fill('delete');
    await submit.click();
    await page.getByText('The current password is not correct.').waitFor();

    await page.getByLabel('Current password').last().fill('mop-demo');
    await submit.click();
    // The page says the account is gone (it stays on /account, signed out).
    await page.getByTestId('account-deleted').waitFor();
    await expect
      .poll(async () =>
        page.evaluate(
          async (body) =>
            (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
              .status,
          JSON.stringify({ email: 'mentee2@example.org', password: 'mop-demo' })
        )
      )
      .toBe(401);
    expect(errors).toEqual([]);
  });
});
