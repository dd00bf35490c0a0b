import { describe, expect, it } from 'vitest';
import type { Catalogue, LearningModule } from '@mop/shared';
import { login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * A signed-in learner's certificates belong to the account: a certificate earned on the laptop opens on the phone
 * (another browser, signed in as the same person) instead of saying "not on this device", and the module page there
 * lists it.
 */

const suite = useStackAndBrowser();

describe('certificates of a signed-in learner', () => {
  it('follow the account to a second device', async () => {
    const catalogue = (await (await fetch(`${suite.stack.url}/api/catalogue`)).json()) as Catalogue;
    const module = catalogue.modules.find((m) => m.id === 'mentoring-foundations') as LearningModule;
    const errors: string[] = [];

    const laptop = await (await suite.device()).newPage();
    watchErrors(laptop, 'laptop', errors);
    await login(laptop, 'mentee@example.org');
    await laptop.goto(`/learn/modules/${module.id}/quiz`);
    for (let i = 0; i < module.quiz.length; i++) {
      await laptop.getByTestId('quiz-question').nth(i).getByRole('radio').nth(module.quiz[i]!.answer).check();
    }
    await laptop.getByRole('button', { name: 'Check my answers' }).click();
    await laptop.getByLabel(/Your name/).fill('Inês Carvalho');
    await laptop.getByRole('button', { name: 'Get my certificate' }).click();
    await laptop.waitForURL(/\/learn\/certificates\//);
    await expect.poll(() => laptop.getByTestId('certificate-status').getAttribute('data-status')).toBe('registered');
    const code = (await laptop.getByTestId('certificate-code').textContent())?.trim();
    const link = new URL(laptop.url()).pathname;

    const phone = await (await suite.device({ mobile: true })).newPage();
    watchErrors(phone, 'phone', errors);
    await login(phone, 'mentee@example.org');
    await phone.goto(link);
    await expect.poll(() => phone.getByTestId('certificate-status').getAttribute('data-status')).toBe('registered');
    expect((await phone.getByTestId('certificate-code').textContent())?.trim()).toBe(code);
    expect(await phone.getByTestId('certificate-name').textContent()).toBe('Inês Carvalho');

    await phone.goto(`/learn/modules/${module.id}`);
    await expect.poll(() => phone.getByTestId('certificate-list').textContent()).toContain('Inês Carvalho');
    expect(errors).toEqual([]);
  });
});
