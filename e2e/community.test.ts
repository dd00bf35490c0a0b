import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * The programme community and the in-app notifications, with three people on three devices: a mentee opens a topic
 * with a hostile Markdown body (harmless), the mentor replies, the coordinator hides the reply (its text is erased:
 * everyone sees a placeholder), the mentor deletes a reply of theirs for good, a member reports a post and the
 * coordinator sees the count; a refused programme gets a clear message. Then a message from the mentor shows up in the mentee's notifications and badges.
 */

const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-comm';

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ['390', { width: 390, height: 844 }],
    ['1280', { width: 1280, height: 800 }]
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
}

const post = (page: Page, text: string) => page.locator('[data-testid="post"]', { hasText: text });

describe('programme community and notifications', () => {
  const suite = useStackAndBrowser();
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('posts safely, hides and reports posts, refuses outsiders clearly', async () => {
    const errors: string[] = [];
    const devices = await Promise.all([suite.device(), suite.device(), suite.device()]);
    const [mentee, mentor, coordinator] = await Promise.all(devices.map((device) => device.newPage()));
    watchErrors(mentee!, 'mentee', errors);
    watchErrors(mentor!, 'mentor', errors);
    watchErrors(coordinator!, 'coordinator', errors);

    // The mentee finds the community in the main navigation and opens a topic with a hostile body.
    await login(mentee!, 'mentee@example.org');
    await mentee!.goto('/mentoring');
    await mentee!.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
    await mentee!.waitForURL(/\/community$/);
    await mentee!.locator('main h2 a').first().click();
    await mentee!.waitForURL(/\/programmes\/[^/]+\/community$/);
    await mentee!.getByTestId('topics-empty').waitFor();
    await shoot(mentee!, 'community-empty');
    await mentee!.getByLabel('Topic title').fill('Finding a publisher');
    await mentee!
      .getByLabel('Your post')
      .fill(
        'Hello **all**\n\n<script>window.__pwned=1</script>\n\n[x](javascript:window.__pwned=1) <img src=x onerror="window.__pwned=1">'
      );
    await mentee!.getByRole('button', { name: 'Post topic' }).click();
    await mentee!.waitForURL(/\/community\/[^/]+$/);
    const topicPath = new URL(mentee!.url()).pathname;
    const opening = post(mentee!, 'Hello');
    await opening.waitFor();
    expect(await opening.locator('[data-testid="post-body"] strong').textContent()).toBe('all');
    expect(
      await opening.locator('script, img, [onerror], a[href^="javascript"]').count(),
      await opening.innerHTML()
    ).toBe(0);
    await opening.getByText('x', { exact: true }).click();
    await mentee!.waitForTimeout(300);
    expect(await mentee!.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The mentor replies; the mentee's own post has no Report button, the mentor's has one.
    await login(mentor!, 'mentor@example.org');
    await mentor!.goto(topicPath);
    await mentor!.getByLabel('Your reply').fill('Happy to help, **ask me** anything');
    await mentor!.getByRole('button', { name: 'Reply' }).click();
    await post(mentor!, 'Happy to help').waitFor();
    expect(await post(mentor!, 'Happy to help').getByRole('button', { name: 'Report' }).count()).toBe(0);

    // The mentor reports the mentee's opening post, after confirming.
    await post(mentor!, 'Hello').getByRole('button', { name: 'Report' }).click();
    await post(mentor!, 'Hello').getByRole('button', { name: 'Yes, report' }).click();
    await post(mentor!, 'Hello').getByTestId('reported').waitFor();

    // The coordinator sees the report count and hides the mentor's reply.
    await login(coordinator!, 'coordinator@example.org');
    await coordinator!.goto(topicPath);
    await post(coordinator!, 'Hello').getByTestId('report-count').filter({ hasText: 'Reports: 1' }).waitFor();
    await post(coordinator!, 'Happy to help').getByRole('button', { name: 'Hide' }).click();
    await post(coordinator!, 'Happy to help').getByText('Its text is erased for good.').waitFor();
    await post(coordinator!, 'Happy to help').getByRole('button', { name: 'Yes, hide' }).click();
    // Hiding erases the text: the coordinator, too, now sees the marker and the placeholder.
    const hiddenForCoordinator = coordinator!.locator('[data-testid="post"][data-hidden="true"]');
    await hiddenForCoordinator.getByTestId('post-hidden-marker').waitFor();
    await hiddenForCoordinator.getByTestId('post-placeholder').waitFor();
    expect(await coordinator!.getByText('Happy to help').count()).toBe(0);
    await shoot(coordinator!, 'topic-coordinator');

    // Its author sees it marked as hidden, without the text; so does the mentee.
    await mentor!.reload();
    const hiddenForAuthor = mentor!.locator('[data-testid="post"][data-hidden="true"]');
    await hiddenForAuthor.getByTestId('post-hidden-marker').waitFor();
    expect(await hiddenForAuthor.getByTestId('post-body').count()).toBe(0);
    await hiddenForAuthor.getByTestId('post-placeholder').waitFor();

    // The mentor deletes a reply of theirs for good, by keyboard, after confirming; others' posts offer no Delete.
    await mentor!.getByLabel('Your reply').fill('A reply with a typo');
    await mentor!.getByRole('button', { name: 'Reply' }).click();
    await post(mentor!, 'with a typo').waitFor();
    expect(await post(mentor!, 'Hello').getByRole('button', { name: 'Delete your post for good' }).count()).toBe(0);
    await post(mentor!, 'with a typo').getByRole('button', { name: 'Delete your post for good' }).focus();
    await mentor!.keyboard.press('Enter');
    await post(mentor!, 'with a typo').getByText('Delete for good, also from the history?').waitFor();
    await post(mentor!, 'with a typo').getByRole('button', { name: 'Delete for good' }).focus();
    await mentor!.keyboard.press('Enter');
    await post(mentor!, 'with a typo').waitFor({ state: 'detached' });
    await mentor!.reload();
    await post(mentor!, 'Hello').waitFor();
    expect(await mentor!.getByText('with a typo').count()).toBe(0);

    await mentee!.reload();
    const hiddenForOthers = mentee!.locator('[data-testid="post"][data-hidden="true"]');
    await hiddenForOthers.getByTestId('post-placeholder').waitFor();
    expect(await hiddenForOthers.textContent()).not.toContain('Happy to help');
    expect(await mentee!.getByText('Happy to help').count()).toBe(0);
    await shoot(mentee!, 'topic-mentee');
    await mentee!.goto(topicPath.replace(/\/[^/]+$/, ''));
    await mentee!.getByTestId('topic-list').getByText('Finding a publisher').waitFor();
    await shoot(mentee!, 'community-list');

    // Outsiders: the demo has one programme, so a made-up one is refused by the API and the page says so plainly;
    // a 403 (a programme the user is not a member of) is shown as such too.
    const status = await mentee!.evaluate(async () => (await fetch('/api/programmes/no-such-programme/topics')).status);
    expect([403, 404]).toContain(status);
    await mentee!.goto('/programmes/no-such-programme/community');
    await mentee!.getByTestId('community-problem').filter({ hasText: 'does not exist' }).waitFor();
    await mentee!.route('**/api/programmes/other-programme/topics', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'forbidden', message: 'You are not a member of this programme' } })
      })
    );
    await mentee!.goto('/programmes/other-programme/community');
    await mentee!
      .getByTestId('community-problem')
      .filter({ hasText: 'only open to the members of its programme' })
      .waitFor();
    await shoot(mentee!, 'community-refused');

    // Offline, the community says it needs a connection.
    await devices[0]!.setOffline(true);
    await mentee!.getByTestId('community-offline').waitFor();
    await devices[0]!.setOffline(false);

    expect(errors).toEqual([]);
  });

  it('lists a new message in the notifications and badges it', async () => {
    const errors: string[] = [];
    const menteeDevice = await suite.device({ mobile: true });
    const mentorDevice = await suite.device();
    const b = await menteeDevice.newPage();
    const a = await mentorDevice.newPage();
    watchErrors(a, 'mentor', errors);
    watchErrors(b, 'mentee', errors);

    // The mentee views her notifications once (the match is news on a first visit), so the badge goes away.
    await login(b, 'mentee@example.org');
    await b.goto('/notifications');
    await b.locator('[data-testid="notification"][data-kind="match"]').first().waitFor({ timeout: 20_000 });
    await b.getByTestId('notifications-badge').waitFor({ state: 'detached' });
    await b.goto('/mentoring');
    await b.getByTestId('mentorship-list').waitFor();

    // The mentor writes in the pair.
    await login(a, 'mentor@example.org');
    await a
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .click();
    await a.waitForURL(/\/mentoring\/[^/]+$/);
    await a.goto(`${new URL(a.url()).pathname}/messages`);
    await a.getByLabel('Your message').fill('Notify me: see you **Tuesday**');
    await a.getByRole('button', { name: 'Send' }).click();

    // The mentee's header badge and the pair card's unread badge show it; the list names it and links to it.
    await b.getByTestId('notifications-badge').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
    await b.getByTestId('pair-unread-badge').filter({ hasText: '1' }).waitFor();
    await b.getByTestId('nav-notifications').click();
    const item = b.locator('[data-testid="notification"][data-kind="message"]', {
      hasText: 'Notify me: see you Tuesday'
    });
    await item.waitFor();
    expect(await item.getAttribute('data-new')).toBe('true');
    expect(await item.textContent()).toContain('New message from');
    await b.getByTestId('notifications-badge').waitFor({ state: 'detached' });
    await shoot(b, 'notifications');
    await item.locator('a').click();
    await b.waitForURL(/\/messages$/);
    await b.locator('[data-testid="message-body"]', { hasText: 'Notify me' }).waitFor();

    expect(errors).toEqual([]);
  });
});
