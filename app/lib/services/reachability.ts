/**
 * Whether the server can be reached. The browser's `navigator.onLine` only says that a network is there: a workshop's
 * Wi-Fi with no uplink, or a server being restarted, reports "online" too. A request that never reached the server
 * (`noteUnreachable`) is checked with a probe of `/api/health`; while the probes fail the server counts as out of
 * reach and the app works from the device, until a probe or any request is answered, or the browser reports a new
 * connection (`noteNewConnection`). Plain TypeScript (the API client uses it); `network.svelte.ts` makes it state.
 */

/** Probe delays while the server stays out of reach: at once (to confirm), then less and less often. */
export const PROBE_DELAYS_MS = [0, 5_000, 10_000, 20_000, 40_000, 60_000] as const;
const PROBE_TIMEOUT_MS = 8_000;

let reachable = true;
let probing: { timer: ReturnType<typeof setTimeout> | null; attempt: number } | null = null;
const listeners = new Set<(reachable: boolean) => void>();

/** Whether the server answered the last time it was asked. */
export function serverReachable(): boolean {
  return reachable;
}

/** Runs `listener` each time the reachability changes; returns the unsubscribe. */
export function onReachabilityChange(listener: (reachable: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(value: boolean): void {
  if (value && probing) {
    if (probing.timer !== null) clearTimeout(probing.timer);
    probing = null;
  }
  if (value === reachable) return;
  reachable = value;
  for (const listener of listeners) listener(value);
}

/** True when the server answered `/api/health` (any HTTP answer means it is there). */
async function probe(): Promise<boolean> {
  try {
    await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

function scheduleProbe(current: NonNullable<typeof probing>): void {
  const delay = PROBE_DELAYS_MS[Math.min(current.attempt, PROBE_DELAYS_MS.length - 1)]!;
  current.timer = setTimeout(() => {
    current.timer = null;
    void probe().then((answered) => {
      if (probing !== current) return;
      if (answered) return set(true);
      current.attempt += 1;
      // The first probe confirms the failed request (one lost answer is not an outage); from then on, unreachable.
      set(false);
      scheduleProbe(current);
    });
  }, delay);
}

/** A request that never reached the server while the browser reports a network: probes until the server answers. */
export function noteUnreachable(): void {
  if (probing || typeof navigator === 'undefined' || !navigator.onLine) return;
  probing = { timer: null, attempt: 0 };
  scheduleProbe(probing);
}

/** A request the server answered, whatever the status: the server is there. */
export function noteReachable(): void {
  set(true);
}

/** The browser reports a (new) connection: worth trying at once; probing starts again only if a request fails. */
export function noteNewConnection(): void {
  set(true);
}
