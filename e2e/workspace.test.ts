import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, useStackAndBrowser, waitForConnectionState, watchErrors } from './harness.ts';

/**
 * The mentoring workspace as a pair uses it, on two devices in two time zones: the mentor proposes a session while
 * offline, the mentee accepts it, both read it in their own local time, an .ics downloads; messages written offline
 * arrive once and in order; a hostile message does nothing; the programme's coordinator sees the pair's progress but
 * not its workspace.
 */

const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-ws';

/** The wall-clock time (HH:MM) of an instant in a zone, computed independently of the app (Intl in Node). */
function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(iso)
  );
}

/** The zone's UTC offset in minutes at an instant. */
function offsetMinutes(iso: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(iso));
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** A section tab of the pair's workspace. */
function tab(page: Page, name: string | RegExp) {
  return page.getByRole('navigation', { name: 'Workspace sections' }).getByRole('link', { name });
}

async function messageTexts(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="message-body"]')
    .allTextContents()
    .then((texts) => texts.map((t) => t.trim()));
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ['390', { width: 390, height: 844 }],
    ['1280', { width: 1280, height: 800 }]
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
}

describe('the mentoring workspace across two devices and time zones', () => {
  const suite = useStackAndBrowser();
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('schedules offline, shows local times, downloads .ics, delivers messages in order, stays safe, hides the workspace from coordinators', async () => {
    const errors: string[] = [];
    const mentorDevice = await suite.device({ timezoneId: 'Europe/Rome' });
    const menteeDevice = await suite.device({ timezoneId: 'America/New_York' });
    const a = await mentorDevice.newPage();
    const b = await menteeDevice.newPage();
    watchErrors(a, 'mentor', errors);
    watchErrors(b, 'mentee', errors);

    // The mentor opens the pair's sessions while online (so the page's code is loaded), then loses the network.
    await login(a, 'mentor@example.org');
    await a
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .click();
    await a.waitForURL(/\/mentoring\/[^/]+$/);
    const workspacePath = new URL(a.url()).pathname;
    await tab(a, 'Sessions').click();
    await a.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
    await waitForConnectionState(a, 'synced');

    await mentorDevice.setOffline(true);
    await waitForConnectionState(a, 'offline');
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await a.getByLabel('Title').fill('Career chat');
    await a.getByLabel('Date of option 1').fill(day);
    await a.getByLabel('Start time of option 1').fill('15:00');
    await a.getByLabel('Place').fill('Online');
    await a.getByRole('button', { name: 'Propose session' }).click();
    const mentorCard = a.locator('[data-testid="upcoming-list"] [data-testid="session-card"]', {
      hasText: 'Career chat'
    });
    await mentorCard.waitFor();
    await waitForConnectionState(a, 'saved-locally');
    await a.getByTestId('ws-sync-hint').waitFor();

    // Back online, the proposal reaches the server.
    await mentorDevice.setOffline(false);
    await waitForConnectionState(a, 'synced');

    // The mentee, in New York, sees it in her own time and accepts it.
    await login(b, 'mentee@example.org');
    await b.goto(`${workspacePath}/sessions`);
    const menteeCard = b.locator('[data-testid="upcoming-list"] [data-testid="session-card"]', {
      hasText: 'Career chat'
    });
    await menteeCard.waitFor({ timeout: 20_000 });
    const instant = await menteeCard.locator('[data-testid="session-time"]').first().getAttribute('datetime');
    expect(instant).toBeTruthy();
    await menteeCard.getByRole('button', { name: 'Accept this time' }).first().click();
    await b.locator('[data-testid="session-card"][data-status="accepted"]', { hasText: 'Career chat' }).waitFor();
    await a
      .locator('[data-testid="session-card"][data-status="accepted"]', { hasText: 'Career chat' })
      .waitFor({ timeout: 20_000 });

    // Both read the same instant in their own zone: 15:00 in Rome, and the zone offset earlier in New York.
    const romeTime = await a
      .locator('[data-testid="session-card"][data-status="accepted"] [data-testid="session-time"]')
      .first()
      .getAttribute('data-local-time');
    const newYorkTime = await b
      .locator('[data-testid="session-card"][data-status="accepted"] [data-testid="session-time"]')
      .first()
      .getAttribute('data-local-time');
    expect(romeTime).toBe('15:00');
    expect(newYorkTime).toBe(localTime(instant!, 'America/New_York'));
    const shift = offsetMinutes(instant!, 'Europe/Rome') - offsetMinutes(instant!, 'America/New_York');
    expect(shift).toBeGreaterThanOrEqual(5 * 60);
    expect((minutesOf(romeTime!) - minutesOf(newYorkTime!) + 24 * 60) % (24 * 60)).toBe(shift);
    expect(
      await a
        .locator('[data-testid="session-card"][data-status="accepted"] [data-testid="session-time"]')
        .first()
        .textContent()
    ).toContain('15:00');
    expect(
      await b
        .locator('[data-testid="session-card"][data-status="accepted"] [data-testid="session-time"]')
        .first()
        .textContent()
    ).toContain(newYorkTime!);

    // An .ics file downloads, with the event and its reminder.
    await waitForConnectionState(b, 'synced');
    const [download] = await Promise.all([
      b.waitForEvent('download'),
      b
        .locator('[data-testid="session-card"][data-status="accepted"]')
        .getByRole('link', { name: 'Download .ics' })
        .click()
    ]);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('BEGIN:VALARM');

    // Two messages written offline arrive once, in order.
    await tab(a, /^Messages/).click();
    await a.getByLabel('Your message').waitFor();
    await mentorDevice.setOffline(true);
    await waitForConnectionState(a, 'offline');
    await a.getByLabel('Your message').fill('First, written offline');
    await a.getByRole('button', { name: 'Send' }).click();
    await a.getByLabel('Your message').fill('Second, also **offline**');
    await a.getByRole('button', { name: 'Send' }).click();
    expect(await messageTexts(a)).toEqual(['First, written offline', 'Second, also offline']);
    await mentorDevice.setOffline(false);
    await waitForConnectionState(a, 'synced');

    // The mentee sees an unread count before opening the conversation, and none after.
    await b.getByTestId('unread-badge').filter({ hasText: '2' }).waitFor({ timeout: 20_000 });
    await tab(b, /^Messages/).click();
    await expect
      .poll(() => messageTexts(b), { timeout: 20_000 })
      .toEqual(['First, written offline', 'Second, also offline']);
    await b.getByTestId('unread-badge').waitFor({ state: 'detached' });

    // A hostile message renders harmless on the other side.
    await b
      .getByLabel('Your message')
      .fill(
        '<script>window.__pwned=1</script>\n\nhello [x](javascript:window.__pwned=1) <img src=x onerror="window.__pwned=1">'
      );
    await b.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => messageTexts(a), { timeout: 20_000 }).toHaveLength(3);
    const hostile = a.locator('[data-testid="message-body"]').nth(2);
    expect(await hostile.locator('script, img, [onerror]').count(), await hostile.innerHTML()).toBe(0);
    expect(await hostile.locator('a[href^="javascript"]').count()).toBe(0);
    await hostile.getByText('x', { exact: true }).click();
    await a.waitForTimeout(300);
    expect(await a.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await b.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await a.locator('[data-testid="message-list"] script').count()).toBe(0);

    // Screenshots of the pair's workspace (looked at by a person, not asserted).
    await shoot(a, 'messages');
    await tab(a, 'Sessions').click();
    await a.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
    await shoot(a, 'sessions');
    await tab(a, 'Goals & progress').click();
    await a.getByRole('heading', { name: 'Where you stand' }).waitFor();
    await shoot(a, 'progress');

    // The coordinator sees the pair's progress, and is told plainly that the workspace itself is not theirs.
    const coordinatorDevice = await suite.device();
    const c = await coordinatorDevice.newPage();
    watchErrors(c, 'coordinator', errors);
    await login(c, 'coordinator@example.org');
    const mentorshipId = workspacePath.split('/').pop()!;
    const programmeId = await c.evaluate(async (id) => {
      const response = await fetch('/api/mentorships', { credentials: 'same-origin' });
      const body = (await response.json()) as { mentorships: { id: string; programmeId: string }[] };
      return body.mentorships.find((m) => m.id === id)?.programmeId ?? '';
    }, mentorshipId);
    expect(programmeId).not.toBe('');
    await c.goto(`/programmes/${programmeId}/progress`);
    const row = c.locator(`[data-testid="pair-progress"][data-mentorship="${mentorshipId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-upcoming')).toBe('1');
    await shoot(c, 'coordinator-progress');
    // Ending a pair is worded for the coordinator, who is not one of its members; cancelled here.
    await row.getByRole('button', { name: 'End this pair…' }).click();
    expect(await row.getByRole('heading', { name: 'End this pair' }).count()).toBe(1);
    expect(await row.getByTestId('end-lead').textContent()).toMatch(/^Both members will be told\. Their notes/);
    expect(await row.locator('form.closing-form').textContent()).not.toMatch(/\b(your|you are)\b/i);
    await shoot(c, 'coordinator-end-pair');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await c.goto(workspacePath);
    await c.getByText(/Only the mentor and the mentee of this pair can open its workspace/).waitFor();
    expect(await c.getByRole('heading', { name: 'Session notes' }).count()).toBe(0);

    expect(errors).toEqual([]);
  });

  it('prefills the pair’s weekly availability from the questionnaire; it is shared once the member saves it', async () => {
    const errors: string[] = [];
    const mentor = await (await suite.device()).newPage();
    watchErrors(mentor, 'mentor', errors);
    await login(mentor, 'mentor@example.org');
    await mentor.goto('/mentoring/demo-pair-1/sessions');
    // Marta answered Tuesday 18–20 and Friday 12–13 (Europe/Rome) in the questionnaire; the pair has nothing yet.
    const suggestion = mentor.getByTestId('questionnaire-availability');
    await expect
      .poll(() => suggestion.textContent(), { timeout: 20_000 })
      .toContain('Tuesday 18:00–20:00 · Friday 12:00–13:00');
    expect(await mentor.getByTestId('my-availability').textContent()).toBe('Not given yet');
    await mentor.getByRole('button', { name: 'Start from my questionnaire answer' }).click();
    await mentor.getByTestId('availability-prefilled').waitFor();
    expect(await mentor.getByLabel('Your time zone (IANA, e.g. Europe/Rome)').inputValue()).toBe('Europe/Rome');
    expect(await mentor.getByLabel('Day of block 1').inputValue()).toBe('1');
    expect(await mentor.getByLabel('From', { exact: true }).first().inputValue()).toBe('18:00');
    // Editable: the second block moves to Thursday before saving.
    await mentor.getByLabel('Day of block 2').selectOption('3');
    await shoot(mentor, 'availability-prefilled');
    await mentor.getByRole('button', { name: 'Save availability' }).click();
    await expect
      .poll(() => mentor.getByTestId('my-availability').textContent())
      .toBe('Tuesday 18:00–20:00 · Thursday 12:00–13:00');
    expect(await suggestion.count()).toBe(0);

    // The mentee sees it under Marta's name once it synced.
    const mentee = await (await suite.device()).newPage();
    watchErrors(mentee, 'mentee', errors);
    await login(mentee, 'mentee@example.org');
    await mentee.goto('/mentoring/demo-pair-1/sessions');
    await expect
      .poll(() => mentee.getByRole('region', { name: 'Weekly availability' }).textContent(), { timeout: 20_000 })
      .toContain('Tuesday 18:00–20:00 · Thursday 12:00–13:00');
    expect(errors).toEqual([]);
  });

  it('offers the goal form to the mentee, who sets the goals, and tells the mentor so', async () => {
    const errors: string[] = [];
    const menteeDevice = await suite.device();
    const mentorDevice = await suite.device();
    const b = await menteeDevice.newPage();
    const a = await mentorDevice.newPage();
    watchErrors(b, 'mentee', errors);
    watchErrors(a, 'mentor', errors);

    await login(b, 'mentee@example.org');
    await b
      .getByRole('link', { name: /open workspace with/i })
      .first()
      .click();
    await b.waitForURL(/\/mentoring\/[^/]+$/);
    const workspacePath = new URL(b.url()).pathname;
    await tab(b, 'Goals & progress').click();
    await b.getByText('You set the goals of this mentorship.', { exact: false }).waitFor();
    const goal = `Publish a first paper ${Date.now()}`;
    await b.getByLabel('New goal').fill(goal);
    await b.getByRole('button', { name: 'Add goal' }).click();
    await b.getByText(goal, { exact: true }).waitFor();
    await waitForConnectionState(b, 'synced');

    await login(a, 'mentor@example.org');
    await a.goto(`${workspacePath}/progress`);
    await a.getByText('Your mentee sets the goals of this mentorship.', { exact: false }).waitFor();
    await a.getByText(goal, { exact: true }).waitFor({ timeout: 20_000 });
    expect(await a.getByLabel('New goal').count()).toBe(0);
    expect(await a.getByRole('button', { name: 'Add goal' }).count()).toBe(0);
    // The mentor still updates the status, and the mentee sees it.
    await a.getByLabel(`Status of the goal ${goal}`).selectOption('in-progress');
    await expect
      .poll(() => b.getByLabel(`Status of the goal ${goal}`).inputValue(), { timeout: 20_000 })
      .toBe('in-progress');

    expect(errors).toEqual([]);
  });
});
