import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { login, useStackAndBrowser, waitForConnectionState, watchErrors } from './harness.ts';

/**
 * Unpublishing a pair only while neither member has opened it: once the mentee opened the workspace (which may
 * write nothing), the coordinator is offered "End this mentorship" only; a pair nobody opened is withdrawn, and its
 * old link (from the "you were matched" e-mail) says so instead of "Page not found".
 */

const PROGRAMME = 'demo-peerment-pilot';
const SHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'pairs');

interface Published {
  id: string;
  mentor: { email: string };
  mentee: { email: string };
}

async function publishRun(context: BrowserContext): Promise<Published[]> {
  const run = (await (
    await context.request.post(`/api/programmes/${PROGRAMME}/matching/runs`, { data: {} })
  ).json()) as { id: string };
  const published = await context.request.post(`/api/programmes/${PROGRAMME}/matching/runs/${run.id}/publish`, {
    data: {}
  });
  expect(published.status()).toBe(200);
  return ((await published.json()) as { mentorships: Published[] }).mentorships;
}

describe('unpublishing a pair in the browser', () => {
  const suite = useStackAndBrowser();

  it('an opened pair can only be ended; a pair nobody opened is withdrawn and its old link says so', async () => {
    const errors: string[] = [];
    mkdirSync(SHOTS_DIR, { recursive: true });
    const coordinatorDevice = await suite.device();
    const coordinator = await coordinatorDevice.newPage();
    watchErrors(coordinator, 'coordinator', errors);
    await login(coordinator, 'coordinator@example.org');
    const [opened, untouched] = (await publishRun(coordinatorDevice)) as [Published, Published];

    // The mentee opens their new pair's workspace online and only looks.
    const mentee = await (await suite.device({ mobile: true })).newPage();
    watchErrors(mentee, 'mentee', errors);
    await login(mentee, opened.mentee.email);
    await mentee.goto(`/mentoring/${opened.id}`);
    await waitForConnectionState(mentee, 'synced');

    await coordinator.goto(`/programmes/${PROGRAMME}/progress`);
    const openedCard = coordinator.locator(`[data-testid="pair-progress"][data-mentorship="${opened.id}"]`);
    const untouchedCard = coordinator.locator(`[data-testid="pair-progress"][data-mentorship="${untouched.id}"]`);
    await untouchedCard.getByRole('button', { name: 'Unpublish pair' }).waitFor();
    await openedCard.getByRole('button', { name: /End this pair/ }).waitFor();
    expect(await openedCard.getByRole('button', { name: 'Unpublish pair' }).count()).toBe(0);
    await openedCard.screenshot({ path: resolve(SHOTS_DIR, 'progress-opened-pair-1280.png') });

    // The pair nobody opened is withdrawn.
    await untouchedCard.getByRole('button', { name: 'Unpublish pair' }).click();
    await untouchedCard.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await untouchedCard.waitFor({ state: 'detached' });
    await openedCard.waitFor();

    // Its mentor follows the link of the earlier e-mail.
    const mentor = await (await suite.device({ mobile: true })).newPage();
    watchErrors(mentor, 'mentor', errors);
    await login(mentor, untouched.mentor.email);
    await mentor.goto(`/mentoring/${untouched.id}`);
    await mentor.getByRole('heading', { name: 'This pair no longer exists' }).waitFor();
    await mentor.getByText(/Your coordinator withdrew the match/).waitFor();
    expect(await mentor.getByText('Page not found').count()).toBe(0);
    await mentor.screenshot({ path: resolve(SHOTS_DIR, 'pair-withdrawn-390.png'), fullPage: true });

    expect(errors.filter((error) => !/status of 410|status of 404/.test(error))).toEqual([]);
  });
});
