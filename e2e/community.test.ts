import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

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

    expect(errors).toEqual([]);
  });

  it('reads the community offline, queues a topic and a reply written offline and sends each once', async () => {
    const errors: string[] = [];
    const writerDevice = await suite.device({ mobile: true });
    const readerDevice = await suite.device();
    const a = await writerDevice.newPage();
    const b = await readerDevice.newPage();
    watchErrors(a, 'mentor', errors);
    watchErrors(b, 'mentee', errors);

    // Online, the mentor opens the programme's community (its name is kept with it) and starts a topic.
    await login(a, 'mentor@example.org');
    await a.goto('/community');
    const programme = a.locator('main h2 a').first();
    const programmeName = (await programme.textContent())!.trim();
    await programme.click();
    await a.waitForURL(/\/programmes\/[^/]+\/community$/);
    const communityPath = new URL(a.url()).pathname;
    await a.getByTestId('programme-name').filter({ hasText: programmeName }).waitFor();
    await a.getByLabel('Topic title').fill('Studio visits');
    await a.getByLabel('Your post').fill('Who wants to visit a print studio?');
    await a.getByRole('button', { name: 'Post topic' }).click();
    await a.waitForURL(/\/community\/[^/]+$/);
    const topicPath = new URL(a.url()).pathname;
    await post(a, 'print studio').waitFor();
    await waitForServiceWorker(a);

    // Offline: the topic is read from the device, with one notice; a reply waits with its state.
    await writerDevice.setOffline(true);
    await a.getByTestId('community-offline').waitFor();
    await a.getByLabel('Your reply').fill('Written **offline**, sent later');
    await a.getByRole('button', { name: 'Reply' }).click();
    const pendingReply = a.getByTestId('pending-post').filter({ hasText: 'sent later' });
    await pendingReply.getByTestId('pending-state').filter({ hasText: 'Waiting to send' }).waitFor();
    expect(await pendingReply.getAttribute('data-state')).toBe('waiting');

    // The topic list, opened offline, shows the kept topics; a new topic written offline waits there too.
    await a.getByRole('link', { name: /All topics/ }).click();
    await a.waitForURL((url) => url.pathname === communityPath);
    await a.getByTestId('topic-list').getByText('Studio visits').waitFor();
    await a.getByLabel('Topic title').fill('Written on the train');
    await a.getByLabel('Your post').fill('No signal here');
    await a.getByRole('button', { name: 'Post topic' }).click();
    const pendingTopic = a.getByTestId('pending-topics').getByTestId('pending-post');
    await pendingTopic.filter({ hasText: 'Written on the train' }).getByText('Waiting to send').waitFor();

    // A reload with no network keeps both, with one offline notice and the programme's name (not its id).
    await a.reload();
    await pendingTopic.filter({ hasText: 'Written on the train' }).waitFor();
    await a.getByTestId('topic-list').getByText('Studio visits').waitFor();
    expect(await a.getByTestId('community-offline').count()).toBe(1);
    expect(await a.getByTestId('community-problem').count()).toBe(0);
    await a.getByTestId('programme-name').filter({ hasText: programmeName }).waitFor();
    expect(await a.locator('h1').textContent()).not.toContain(communityPath.split('/')[2]!);
    await shoot(a, 'offline-topics');
    await a.getByTestId('topic-list').getByRole('link', { name: 'Studio visits' }).click();
    await pendingReply.getByText('Waiting to send').waitFor();
    expect(await a.getByTestId('community-offline').count()).toBe(1);
    await shoot(a, 'offline-topic');

    // Back online, both are sent by themselves and shown as the server has them.
    await writerDevice.setOffline(false);
    // Chromium's offline emulation sends no "online" event to a page that was loaded offline; a real network does.
    await a.evaluate(() => window.dispatchEvent(new Event('online')));
    await post(a, 'sent later').waitFor({ timeout: 20_000 });
    await a.getByTestId('pending-post').waitFor({ state: 'detached' });
    expect(await a.getByTestId('community-offline').count()).toBe(0);
    await shoot(a, 'online-topic');

    // The other member sees the reply exactly once, and the new topic.
    await login(b, 'mentee@example.org');
    await b.goto(topicPath);
    await post(b, 'sent later').waitFor();
    expect(await post(b, 'sent later').count()).toBe(1);
    expect(await post(b, 'sent later').locator('strong', { hasText: 'offline' }).count()).toBe(1);
    await b.goto(communityPath);
    await b.getByTestId('topic-list').getByText('Written on the train').waitFor();
    expect(await b.getByTestId('topic-list').getByText('Written on the train').count()).toBe(1);
    await shoot(b, 'online-topics');

    // A send whose answer is lost after the server stored the reply is sent again at the next start: still once.
    await a.route('**/replies', async (route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await a.getByLabel('Your reply').fill('The answer to this one got lost');
    await a.getByRole('button', { name: 'Reply' }).click();
    await a
      .getByTestId('pending-post')
      .filter({ hasText: 'got lost' })
      .getByText('Waiting to send')
      .waitFor({ timeout: 20_000 });
    await a.unroute('**/replies');
    await a.reload();
    await post(a, 'got lost').waitFor({ timeout: 20_000 });
    await a.getByTestId('pending-post').waitFor({ state: 'detached' });
    await b.goto(topicPath);
    await post(b, 'got lost').waitFor();
    expect(await post(b, 'got lost').count()).toBe(1);

    // A refusal is shown with the server's reason, is not sent again by itself, and goes on Retry.
    await a.route('**/replies', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'forbidden', message: 'You are not a member of this programme' } })
      })
    );
    await a.getByLabel('Your reply').fill('Refused the first time');
    await a.getByRole('button', { name: 'Reply' }).click();
    const refused = a.getByTestId('pending-post').filter({ hasText: 'Refused the first time' });
    await refused.getByTestId('pending-state').filter({ hasText: 'Could not send' }).waitFor();
    await shoot(a, 'failed-reply');
    await a.unroute('**/replies');
    await refused.getByRole('button', { name: 'Retry' }).click();
    await post(a, 'Refused the first time').waitFor();
    await refused.waitFor({ state: 'detached' });

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
