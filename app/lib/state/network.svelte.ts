/** Whether the browser believes it has a network connection (`navigator.onLine`), kept current by events. */
class NetworkState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
}

export const network = new NetworkState();

const listeners = new Set<(online: boolean) => void>();
/** Only `network.online` follows the events (a Set member, so calling again adds nothing). */
const followOnly = () => undefined;

/**
 * Follows the browser's `online`/`offline` events: `network.online` changes with them, then each `onChange` runs.
 * The root layout starts it for everyone; the auth service adds its own reaction when someone is signed in.
 */
export function watchNetwork(onChange: (online: boolean) => void = followOnly): void {
  if (typeof window === 'undefined') return;
  if (listeners.size === 0) {
    const update = () => {
      network.online = navigator.onLine;
      for (const listener of listeners) listener(network.online);
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
  }
  listeners.add(onChange);
}
