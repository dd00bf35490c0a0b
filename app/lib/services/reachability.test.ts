import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module per test (it keeps its state at module level, as the app has one). */
async function load() {
  vi.resetModules();
  return import('./reachability');
}

describe('reachability', () => {
  const probes: string[] = [];
  let serverUp = false;

  beforeEach(() => {
    vi.useFakeTimers();
    probes.length = 0;
    serverUp = false;
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        probes.push(url);
        if (!serverUp) throw new TypeError('Failed to fetch');
        return new Response('{"ok":true}');
      })
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('stays reachable when one answer was lost but the probe gets through', async () => {
    const reachability = await load();
    const changes: boolean[] = [];
    reachability.onReachabilityChange((value) => changes.push(value));
    serverUp = true;
    reachability.noteUnreachable();
    await vi.runOnlyPendingTimersAsync();
    expect(probes).toEqual(['/api/health']);
    expect(reachability.serverReachable()).toBe(true);
    expect(changes).toEqual([]);
  });

  it('counts a Wi-Fi with no uplink as offline, probes less and less often, and is back when the server answers', async () => {
    const reachability = await load();
    const changes: boolean[] = [];
    reachability.onReachabilityChange((value) => changes.push(value));
    reachability.noteUnreachable();
    await vi.advanceTimersByTimeAsync(0);
    expect(reachability.serverReachable()).toBe(false);
    expect(changes).toEqual([false]);

    // A second failed request starts no second probe loop.
    reachability.noteUnreachable();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probes).toHaveLength(3);

    serverUp = true;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(probes).toHaveLength(4);
    expect(reachability.serverReachable()).toBe(true);
    expect(changes).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(probes).toHaveLength(4);
  });

  it('ends the probing when any request is answered, and does not probe when the browser knows it is offline', async () => {
    const reachability = await load();
    reachability.noteUnreachable();
    await vi.advanceTimersByTimeAsync(0);
    expect(reachability.serverReachable()).toBe(false);
    reachability.noteReachable();
    expect(reachability.serverReachable()).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(probes).toHaveLength(1);

    vi.stubGlobal('navigator', { onLine: false });
    reachability.noteUnreachable();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(probes).toHaveLength(1);
    expect(reachability.serverReachable()).toBe(true);
  });
});
