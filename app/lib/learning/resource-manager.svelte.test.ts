import { describe, expect, it } from 'vitest';
import type { Resource } from '@mop/shared';
import { ResourceManager } from './resource-manager.svelte';

// There is no MOP server behind `/api` in this test process: every call fails as it does when the server cannot be
// reached, which is the case the forms must survive without losing what was typed.
describe('ResourceManager', () => {
  it('keeps a typed page and says why when it cannot be created', async () => {
    let reloads = 0;
    const manager = new ResourceManager(async () => void reloads++);
    manager.page.title = 'Warm-up games';
    manager.page.audience = ['mentor'];
    expect(await manager.createPage('framework')).toBe(false);
    expect(manager.error).toMatch(/could not be reached|offline/);
    expect(manager.notice).toBeNull();
    expect(manager.busy).toBe(false);
    expect(manager.page.title).toBe('Warm-up games');
    expect(manager.page.audience).toEqual(['mentor']);
    expect(reloads).toBe(0);
  });

  it('edits one resource at a time and keeps the edit open when saving fails', async () => {
    const manager = new ResourceManager(async () => {});
    expect(await manager.saveEdit()).toBe(false);
    manager.startEdit({ id: 'guide', title: 'Guide', summary: 'S', body: undefined } as unknown as Resource);
    expect(manager.editing).toEqual({ id: 'guide', title: 'Guide', summary: 'S', body: '' });
    manager.editing!.title = 'Better guide';
    expect(await manager.saveEdit()).toBe(false);
    expect(manager.editing?.title).toBe('Better guide');
    manager.cancelEdit();
    expect(manager.editing).toBeNull();
  });

  it('clears its message before the next action and reloads after one that worked', async () => {
    let reloads = 0;
    const manager = new ResourceManager(async () => void reloads++);
    expect(await manager.act(async () => {}, 'Saved.')).toBe(true);
    expect(manager.notice).toBe('Saved.');
    expect(reloads).toBe(1);
    expect(await manager.act(() => Promise.reject(new Error('boom')), 'Saved.')).toBe(false);
    expect(manager.notice).toBeNull();
    expect(manager.error).toBe('Something went wrong: boom');
    expect(await manager.uploadFile('guide')).toBe(false);
  });
});
