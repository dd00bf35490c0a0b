import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Catalogue, LearningModule } from '@mop/shared';
import { useStackAndBrowser, waitForServiceWorker, watchErrors } from './harness.ts';

/**
 * The self-learning modules for a visitor with no account: lessons with a progress bar, a quiz that refuses to be
 * submitted half-answered, fails below the pass mark with explanations, passes on a retry, and gives a printable
 * certificate whose code anyone can check on another device; then the same offline, where the certificate waits on
 * the device and is registered once the network is back.
 */

const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-modules';
const suite = useStackAndBrowser();

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function modules(): Promise<LearningModule[]> {
  const catalogue = (await (await fetch(`${suite.stack.url}/api/catalogue`)).json()) as Catalogue;
  return catalogue.modules;
}

/** Picks option `pick(question)` for every question of the quiz on the page. */
async function answerAll(page: Page, module: LearningModule, pick: (index: number) => number): Promise<void> {
  for (let i = 0; i < module.quiz.length; i++) {
    await page.getByTestId('quiz-question').nth(i).getByRole('radio').nth(pick(i)).check();
  }
}

describe('self-learning modules', () => {
  it('a visitor studies a module, fails then passes its quiz, gets a certificate and another device verifies it', async () => {
    const [module] = await modules();
    expect(module?.id).toBe('mentoring-foundations');
    const device = await suite.device();
    const page = await device.newPage();
    const errors: string[] = [];
    watchErrors(page, 'visitor', errors);

    await page.goto('/learn');
    await page.getByTestId('learn-modules-link').click();
    const card = page.locator(`[data-module-id="${module!.id}"]`);
    await expect.poll(() => card.getByTestId('module-progress').getAttribute('value')).toBe('0');
    await card.getByRole('link', { name: 'Start the module' }).click();

    // Lessons one by one; the step counter and the module's bar follow.
    for (let lesson = 1; lesson <= module!.lessons.length; lesson++) {
      await expect
        .poll(() => page.getByTestId('lesson-step').textContent())
        .toBe(`Lesson ${lesson} of ${module!.lessons.length}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(module!.lessons[lesson - 1]!.title);
      if (lesson === 1) {
        // The lesson lists its resources as cards, which open the resource page.
        expect(await page.getByTestId('resource-card').count()).toBe(module!.lessons[0]!.resourceIds.length);
      }
      await page.getByTestId('lesson-next').click();
    }
    await page.waitForURL(/\/quiz$/);

    // Submitting with questions left open names them and keeps the answers given.
    await page.getByTestId('quiz-question').first().getByRole('radio').nth(module!.quiz[0]!.answer).check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Not answered yet: 2, 3, 4, 5/);
    // The questions left open are marked on their cards, and the keyboard is on the first of them.
    expect(await page.locator('fieldset.missing').count()).toBe(4);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      `q-${module!.quiz[1]!.id}`
    );
    // The answer chosen so far is kept on the device: a reload finds it.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('quiz-question').first().getByRole('radio').nth(module!.quiz[0]!.answer).isChecked())
      .toBe(true);

    // Two wrong answers of five: 60%, below the 80% pass mark.
    await answerAll(page, module!, (i) =>
      i < 2 ? (module!.quiz[i]!.answer + 1) % module!.quiz[i]!.options.length : module!.quiz[i]!.answer
    );
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const result = page.getByTestId('quiz-result');
    await expect.poll(() => result.textContent()).toMatch(/Not passed yet.*3 of 5 right \(60%\)/s);
    expect(await page.getByTestId('quiz-feedback').allTextContents()).toEqual(
      module!.quiz.map((q, i) => `${i < 2 ? 'Not right.' : 'Right.'} ${q.explanation}`)
    );
    // Each card shows the answer given and, where it was wrong, the right one.
    expect(await page.getByText('(your answer)').count()).toBe(module!.quiz.length);
    expect(await page.getByText('(right answer)').count()).toBe(2);
    // Focus moves to the result, so a keyboard or screen-reader user hears it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quiz-result');
    await shot(page, 'quiz-failed');

    await page.getByRole('button', { name: 'Try again' }).click();
    await answerAll(page, module!, (i) => module!.quiz[i]!.answer);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => result.textContent()).toMatch(/you passed!.*5 of 5 right \(100%\)/s);
    // A reload (or a change of language) shows the pass again, with the form for the certificate.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('quiz-result').textContent())
      .toMatch(/you passed!.*5 of 5 right \(100%\)/s);

    // A blank name is refused on the page; a name gives the certificate with its verification code.
    await page.getByLabel(/Your name/).fill('   ');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Please type your name.');
    await page.getByLabel(/Your name/).fill('Grace Hopper');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await page.waitForURL(/\/learn\/certificates\//);
    const code = (await page.getByTestId('certificate-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(await page.getByTestId('certificate-name').textContent()).toBe('Grace Hopper');
    expect(await page.getByTestId('certificate-status').getAttribute('data-status')).toBe('registered');
    await shot(page, 'certificate');

    // The module page now shows it done: full bar and the certificate listed.
    await page.goto(`/learn/modules/${module!.id}`);
    await expect.poll(() => page.getByTestId('module-progress').getAttribute('value')).toBe('100');
    expect(await page.getByTestId('certificate-list').textContent()).toContain('Grace Hopper');

    // Anyone can check the code on another device, typed in lower case without dashes.
    const verifier = await (await suite.device({ mobile: true })).newPage();
    watchErrors(verifier, 'verifier', errors);
    await verifier.goto('/verify');
    await verifier.getByLabel('Certificate code').fill(code.toLowerCase().replaceAll('-', ' '));
    await verifier.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => verifier.getByTestId('verify-result').getAttribute('data-result')).toBe('valid');
    expect(await verifier.getByTestId('verify-name').textContent()).toBe('Grace Hopper');
    await shot(verifier, 'verify-phone');
    await verifier.getByLabel('Certificate code').fill('ZZZZ-ZZZZ-ZZZZ');
    await verifier.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => verifier.getByTestId('verify-result').getAttribute('data-result')).toBe('unknown');
    expect(errors).toEqual([]);
  });

  it('offline: a module studied and passed with no network keeps its certificate on the device and registers it once online', async () => {
    const all = await modules();
    const module = all.find((candidate) => candidate.id === 'mentee-getting-the-most')!;
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    const errors: string[] = [];
    watchErrors(page, 'offline learner', errors);

    // One visit online caches the app and the catalogue (with the modules); then the network goes away.
    await page.goto('/learn/modules');
    await page.getByTestId('module-card').first().waitFor();
    await waitForServiceWorker(page);
    await device.setOffline(true);
    await page.reload();
    await page.getByTestId('module-card').first().waitFor();
    expect(await page.getByTestId('modules-from-device').isVisible()).toBe(true);

    await page.locator(`[data-module-id="${module.id}"]`).getByRole('link', { name: 'Start the module' }).click();
    for (let lesson = 0; lesson < module.lessons.length; lesson++) await page.getByTestId('lesson-next').click();
    await page.waitForURL(/\/quiz$/);
    await answerAll(page, module, (i) => module.quiz[i]!.answer);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => page.getByTestId('quiz-result').textContent()).toMatch(/you passed!/);
    // The learner leaves the quiz without asking for the certificate: the module page offers it.
    await page.getByRole('link', { name: module.title }).first().click();
    await page.getByRole('heading', { name: 'You passed: get your certificate' }).waitFor();
    await page.getByLabel(/Your name/).fill('Samir Haddad');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await page.waitForURL(/\/learn\/certificates\//);
    const status = page.getByTestId('certificate-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('pending');
    await expect.poll(() => status.textContent()).toMatch(/when you are back online/);
    expect(await page.getByTestId('certificate-code').count()).toBe(0);
    await shot(page, 'certificate-offline-phone');

    // The progress survives a reload with no network.
    await page.goto(`/learn/modules/${module.id}`);
    await expect.poll(() => page.getByTestId('module-progress').getAttribute('value')).toBe('100');

    // Back online: opening the modules registers the waiting certificate, exactly once on the server.
    const before = await countCertificates('Samir Haddad');
    expect(before).toBe(0);
    await device.setOffline(false);
    await page.goto('/learn/modules');
    const listed = page.getByTestId('certificate-list').locator('li', { hasText: 'Samir Haddad' });
    await expect.poll(() => listed.getAttribute('data-status'), { timeout: 15_000 }).toBe('registered');
    expect(await countCertificates('Samir Haddad')).toBe(1);
    await page.getByTestId('certificate-list').getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('certificate-status').getAttribute('data-status')).toBe('registered');
    expect(await page.getByTestId('certificate-code').textContent()).toMatch(/^[2-9A-HJ-NP-Z]{4}-/);
    expect(errors).toEqual([]);
  });

  it('a refusal the server gives (a device clock days ahead) is shown, and a retake with the right clock registers', async () => {
    const module = (await modules()).find((candidate) => candidate.id === 'mentee-getting-the-most')!;
    const device = await suite.device();
    const page = await device.newPage();
    const errors: string[] = [];
    watchErrors(page, 'learner with a wrong clock', errors);
    await page.clock.setSystemTime(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
    await page.goto(`/learn/modules/${module.id}/quiz`);
    await answerAll(page, module, (i) => module.quiz[i]!.answer);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByLabel(/Your name/).fill('Ada');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await page.waitForURL(/\/learn\/certificates\//);
    const status = page.getByTestId('certificate-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('refused');
    expect(await status.textContent()).toMatch(/check the device clock/);
    expect(await page.getByTestId('certificate-code').count()).toBe(0);

    // With the clock right again, a new attempt gets a registered certificate.
    await page.clock.setSystemTime(new Date());
    await page.getByRole('link', { name: 'Take the quiz again' }).click();
    await page.getByRole('button', { name: 'Take the quiz again' }).click();
    await answerAll(page, module, (i) => module.quiz[i]!.answer);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByLabel(/Your name/).fill('Ada');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await expect.poll(() => page.getByTestId('certificate-status').getAttribute('data-status')).toBe('registered');
    expect(errors).toEqual([]);
  });

  it('offline on a device that never opened the learning center, says so in plain words', async () => {
    const device = await suite.device({ mobile: true });
    const page = await device.newPage();
    // A page outside the learning center: opening `/` as a visitor would show the learning center and keep it.
    await page.goto('/login');
    await waitForServiceWorker(page);
    await device.setOffline(true);
    await page.goto('/learn/modules');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/has not opened the learning center before/);
    expect(await page.getByRole('alert').first().textContent()).not.toMatch(/Failed to fetch/);
  });
});

/** How many certificates the server's SQLite file holds for a learner name (the API only looks certificates up by code). */
async function countCertificates(name: string): Promise<number> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(suite.stack.dataDir, 'mop.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM certificates WHERE learner_name = ?').get(name) as { n: number }).n;
  } finally {
    db.close();
  }
}
