import { getContext, setContext } from 'svelte';
import type { WorkspaceState } from './workspace.svelte';

const KEY = Symbol('mop-workspace');

/** Shares the pair's workspace state with the pages under `/mentoring/[id]` (set by its layout). */
export function provideWorkspace(get: () => WorkspaceState | null): void {
  setContext(KEY, get);
}

/** The pair's workspace state, or null while the layout has not created it yet. */
export function useWorkspace(): () => WorkspaceState | null {
  return getContext<() => WorkspaceState | null>(KEY) ?? (() => null);
}
