import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  login,
  noteBody,
  openFirstWorkspace,
  useStackAndBrowser,
  waitForConnectionState,
  waitForServiceWorker,
  watchErrors
} from './harness.ts';

/**
 * The note editor's toolbar as two people use it: the mentor formats a note with the toolbar and the keyboard (heading,
 * bold, a task list, a link; a `javascript:` link is refused; undo only undoes her own typing), the mentee sees all of
 * it on a phone, also offline, and the mentor's caret label at the right edge of the phone never widens the page.
 */

const SHOTS = process.env.MOP_SHOTS_DIR ?? '/tmp/shots-surfaces';

function tool(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
}

async function bodyText(page: Page): Promise<string> {
  return (await noteBody(page).textContent()) ?? '';
}

describe('the note editor toolbar', () => {
  const suite = useStackAndBrowser();

  it('formats with buttons and shortcuts, syncs task lists and links, and keeps the phone page narrow', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const errors: string[] = [];
    const mentorDevice = await suite.device();
    const a = await mentorDevice.newPage();
    watchErrors(a, 'mentor', errors);
    await login(a, 'mentor@example.org');
    await openFirstWorkspace(a);
    await a.getByRole('button', { name: /new session note/i }).click();
    await a.waitForURL(/\/notes\/[^/]+$/);
    const notePath = new URL(a.url()).pathname;
    await a.getByLabel('Title').fill('Toolbar check');

    // Buttons: a heading, a bold phrase (the button shows it is on), a task list.
    await noteBody(a).click();
    await tool(a, 'Heading').click();
    expect(await tool(a, 'Heading').getAttribute('aria-pressed')).toBe('true');
    await a.keyboard.type('Plan');
    await a.keyboard.press('Enter');
    await tool(a, 'Bold').click();
    await a.keyboard.type('Key point');
    expect(await tool(a, 'Bold').getAttribute('aria-pressed')).toBe('true');
    await tool(a, 'Bold').click();
    await a.keyboard.press('Enter');
    await tool(a, 'Task list').click();
    await a.keyboard.type('Read the guide');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Book a session');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Enter');
    expect(await noteBody(a).locator('h2').textContent()).toBe('Plan');
    expect(await noteBody(a).locator('strong').textContent()).toBe('Key point');
    expect(await noteBody(a).locator('ul[data-type="taskList"] > li').count()).toBe(2);
    // Shortcuts are shown in the tooltip.
    expect(await tool(a, 'Bold').getAttribute('title')).toBe('Bold (Ctrl+B)');

    // The toolbar is one tab stop, reached with Alt+F10 and walked with the arrow keys; Escape returns to the text.
    expect(await a.locator('[role="toolbar"] button[tabindex="0"]').count()).toBe(1);
    const focused = (attribute: string) => () =>
      a.evaluate((name) => document.activeElement?.getAttribute(name) ?? null, attribute);
    await a.keyboard.press('Alt+F10');
    await a.keyboard.press('Home');
    await expect.poll(focused('aria-label')).toBe('Undo');
    await a.keyboard.press('ArrowLeft');
    await expect.poll(focused('aria-label')).toBe('Task list');
    await a.keyboard.press('Escape');
    await expect.poll(focused('data-testid')).toBe('note-body');

    // Ctrl+K asks for the address: a javascript: link is refused, a bare domain becomes an https link.
    await a.keyboard.type('Guide: ');
    await a.keyboard.press('Control+k');
    const address = a.getByLabel('Link address (web page or e-mail)');
    await address.waitFor();
    await expect.poll(focused('id')).toBe('note-link-href');
    await address.fill('javascript:alert(1)');
    await address.press('Enter');
    await a.getByRole('alert').filter({ hasText: 'Other kinds of links are not allowed' }).waitFor();
    expect(await noteBody(a).locator('a').count()).toBe(0);
    await address.fill('example.org/guide');
    await address.press('Enter');
    await noteBody(a).locator('a[href="https://example.org/guide"]').waitFor();
    await address.waitFor({ state: 'detached' });

    // Undo takes back this member's last typing (Yjs' undo manager), nothing else.
    await a.waitForTimeout(700);
    await a.keyboard.type(' typo');
    for (let i = 0; i < 8 && (await bodyText(a)).includes('typo'); i++) await tool(a, 'Undo').click();
    expect(await bodyText(a)).not.toContain('typo');
    expect(await bodyText(a)).toContain('Book a session');
    expect(await tool(a, 'Redo').isEnabled()).toBe(true);
    await waitForConnectionState(a, 'synced');

    // The mentee, on a phone, sees the same structure; ticking a task on one side ticks it on the other.
    const menteeDevice = await suite.device({ mobile: true });
    const b = await menteeDevice.newPage();
    watchErrors(b, 'mentee', errors);
    await login(b, 'mentee@example.org');
    await b.goto(notePath);
    await noteBody(b).locator('a[href="https://example.org/guide"]').waitFor({ timeout: 20_000 });
    expect(await noteBody(b).locator('h2').textContent()).toBe('Plan');
    expect(await noteBody(b).locator('strong').textContent()).toBe('Key point');
    await a.getByRole('checkbox', { name: 'Done: Read the guide' }).check();
    await expect.poll(() => b.getByRole('checkbox', { name: 'Done: Read the guide' }).isChecked()).toBe(true);
    expect(await b.getByRole('checkbox', { name: 'Done: Book a session' }).isChecked()).toBe(false);

    // The mentor's caret sits at the right edge of the mentee's first line of a long word: its name label must not
    // make the phone's page wider than the screen.
    await noteBody(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    const word = 'Longwordwithoutanyspaceatalltofillthewholelineofaphonescreenandmore';
    await a.keyboard.type(word);
    await expect.poll(() => bodyText(b), { timeout: 20_000 }).toContain(word);
    // How many letters fit on the phone's first line of that paragraph.
    const fit = await b.evaluate((text) => {
      const paragraph = [...document.querySelectorAll('[data-testid="note-body"] p')].find((p) =>
        p.textContent?.includes(text)
      );
      const node = paragraph?.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) return 0;
      const range = document.createRange();
      let top = -1;
      for (let i = 0; i < (node.textContent ?? '').length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (top < 0) top = rect.top;
        else if (rect.top > top + 2) return i;
      }
      return 0;
    }, word);
    expect(fit).toBeGreaterThan(5);
    await a.keyboard.press('Home');
    for (let i = 0; i < fit - 1; i++) await a.keyboard.press('ArrowRight');
    const label = b.locator('.collaboration-carets__label', { hasText: 'Marta' });
    await label.waitFor({ timeout: 10_000 });
    await b.waitForTimeout(300);
    expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await b.screenshot({ path: `${SHOTS}/note-editor-390.png`, fullPage: true });
    await a.screenshot({ path: `${SHOTS}/note-editor-1280.png`, fullPage: true });

    // The offline copy renders the task list and the link too.
    await waitForServiceWorker(b);
    await waitForConnectionState(b, 'synced');
    await menteeDevice.setOffline(true);
    await b.reload();
    await waitForConnectionState(b, 'offline');
    await noteBody(b).locator('a[href="https://example.org/guide"]').waitFor({ timeout: 20_000 });
    expect(await b.getByRole('checkbox', { name: 'Done: Read the guide' }).isChecked()).toBe(true);
    await menteeDevice.setOffline(false);

    expect(errors).toEqual([]);
  });
});
