import { describe, expect, it } from 'vitest';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * A workshop's Wi-Fi with no uplink: the browser reports a network (`navigator.onLine` stays true) but no request
 * reaches the server. The app must notice from a failed request, show that it works from the device, and pick up by
 * itself once the server answers again — not claim to be online while every action fails.
 */
describe('server reachability', () => {
  const suite = useStackAndBrowser();

  it('counts an unreachable server as offline while the browser says online, and reconnects when it answers', async () => {
    const device = await suite.device();
    const page = await device.newPage();
    const errors: string[] = [];
    watchErrors(page, 'mentee', errors);
    await login(page, 'mentee@example.org');
    await page.goto('/mentoring');
    await page.getByTestId('mentorship-list').waitFor();
    // The home opens no pair document (it reads the pairs' summaries): the pill says "online", not "synced".
    const reachable = page.locator('[data-testid="connection-state"]:is([data-state="online"], [data-state="synced"])');
    await reachable.waitFor();

    // The uplink goes: the network is still there, the server is not.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
    await page.waitForURL(/\/community$/);
    await page
      .locator('[data-testid="connection-state"]:is([data-state="offline"], [data-state="saved-locally"])')
      .waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);

    // The server answers again: the next probe finds it and the app is online again, nothing to click.
    await page.unroute('**/api/**');
    await reachable.waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});
