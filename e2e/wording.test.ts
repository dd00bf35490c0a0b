import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openFirstWorkspace, screenshotBothSizes, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * Wording slips a tester found: a session's agenda is Markdown like the messages, proposed times are listed in time
 * order, a step's tools are separated by ", ", one feedback answer is "1 answer", and a matching run's mode is
 * translated in the runs list.
 */

const PROGRAMME = 'demo-peerment-pilot';
const SHOTS_DIR = resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'pairs');

describe('wording in the pair and on the coordinator pages', () => {
  const suite = useStackAndBrowser();

  it('agenda rendered, times in order, tools separated, 1 answer, the run mode in Italian', async () => {
    const errors: string[] = [];
    mkdirSync(SHOTS_DIR, { recursive: true });
    const mentor = await (await suite.device()).newPage();
    watchErrors(mentor, 'mentor', errors);
    await login(mentor, 'mentor@example.org');
    const path = await openFirstWorkspace(mentor);

    // Two times offered, the later one first; an agenda with Markdown.
    await mentor.goto(`${path}/sessions`);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await mentor.getByLabel('Title').fill('Funding');
    await mentor.getByLabel('Date of option 1').fill(day(6));
    await mentor.getByLabel('Start time of option 1').fill('10:00');
    await mentor.getByRole('button', { name: 'Offer another time' }).click();
    await mentor.getByLabel('Date of option 2').fill(day(5));
    await mentor.getByLabel('Start time of option 2').fill('10:00');
    await mentor.getByLabel('Agenda').fill('Talk about **grants**');
    await mentor.getByRole('button', { name: 'Propose session' }).click();
    const card = mentor.locator('[data-testid="session-card"]', { hasText: 'Funding' });
    await card.getByTestId('session-agenda').locator('strong', { hasText: 'grants' }).waitFor();
    expect(await card.getByTestId('session-agenda').textContent()).not.toContain('**');
    const times = await card
      .locator('.slots [data-testid="session-time"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(times).toHaveLength(2);
    expect(Date.parse(times[0]!)).toBeLessThan(Date.parse(times[1]!));
    await card.screenshot({ path: resolve(SHOTS_DIR, 'session-agenda-1280.png') });

    // A step's tools: "a, b", never "a,b".
    await mentor.goto(`${path}/progress`);
    // The steps render once the pair's document is read: wait for them before reading every row.
    await mentor.locator('.tools').first().waitFor();
    const tools = await mentor.locator('.tools').allTextContents();
    const several = tools.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text.includes(','));
    expect(several.length).toBeGreaterThan(0);
    for (const text of several) expect(text).not.toMatch(/,\S/);

    // One closing feedback: "1 answer." on the coordinator's report.
    const menteeDevice = await suite.device();
    const mentee = await menteeDevice.newPage();
    await login(mentee, 'mentee@example.org');
    expect(
      (await menteeDevice.request.post('/api/mentorships/demo-pair-1/end', { data: { reason: 'completed' } })).status()
    ).toBe(200);
    const feedback = await menteeDevice.request.put('/api/mentorships/demo-pair-1/feedback', {
      data: {
        relationshipRating: 4,
        programmeRating: 5,
        helped: '',
        improve: '',
        answers: [],
        shareIndividually: false
      }
    });
    expect(feedback.status()).toBe(200);
    const coordinatorDevice = await suite.device({ mobile: true });
    const coordinator = await coordinatorDevice.newPage();
    watchErrors(coordinator, 'coordinator', errors);
    await login(coordinator, 'coordinator@example.org');
    await coordinator.goto(`/programmes/${PROGRAMME}/report`);
    await expect.poll(() => coordinator.getByTestId('feedback-averages').textContent()).toMatch(/^\s*1 answer\./);

    // The runs list in Italian names the mode in Italian.
    const run = await coordinatorDevice.request.post(`/api/programmes/${PROGRAMME}/matching/runs`, { data: {} });
    expect(run.status()).toBe(201);
    await coordinator.goto(`/programmes/${PROGRAMME}`);
    await Promise.all([
      coordinator.waitForEvent('load'),
      coordinator.getByTestId('language-select').selectOption('it')
    ]);
    const runs = coordinator.getByTestId('matching-runs');
    await runs.waitFor();
    const listed = (await runs.textContent()) ?? '';
    expect(listed).toMatch(/Ottimale|Stabile|Rapido/);
    expect(listed).not.toMatch(/optimal|stable|greedy/);
    await screenshotBothSizes(coordinator, SHOTS_DIR, 'runs-list-it');
    expect(errors).toEqual([]);
  });
});
