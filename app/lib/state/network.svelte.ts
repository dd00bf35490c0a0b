import { noteNewConnection, onReachabilityChange, serverReachable } from '$lib/services/reachability';

/**
 * Whether the app is online: the browser has a network (`navigator.onLine`, kept current by events) and the server
 * answered the last time it was asked (`reachability.ts`: a Wi-Fi with no uplink reports "online" too).
 */
class NetworkState {
  browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  serverReachable = $state(serverReachable());
  online = $derived(this.browserOnline && this.serverReachable);
}

export const network = new NetworkState();

const listeners = new Set<(online: boolean) => void>();
/** Only `network.online` follows the events (a Set member, so calling again adds nothing). */
const followOnly = () => undefined;
let following = false;
/** What the listeners were last told. */
let announced = network.online;

function announce(): void {
  if (network.online === announced) return;
  announced = network.online;
  for (const listener of listeners) listener(announced);
}

/**
 * Follows the browser's `online`/`offline` events and the server's reachability: `network.online` changes with
 * them, then each `onChange` runs. The root layout starts it for everyone; the auth service adds its own reaction
 * when someone is signed in.
 */
export function watchNetwork(onChange: (online: boolean) => void = followOnly): void {
  if (typeof window === 'undefined') return;
  if (!following) {
    following = true;
    const update = () => {
      network.browserOnline = navigator.onLine;
      if (network.browserOnline) noteNewConnection();
      announce();
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    onReachabilityChange((reachable) => {
      network.serverReachable = reachable;
      announce();
      // The server is back on a network the browser never lost: the same event a browser sends on a new connection,
      // so that what waits for one (a pack download, a certificate, a page read offline) goes on now too.
      if (reachable && navigator.onLine) window.dispatchEvent(new Event('online'));
    });
  }
  listeners.add(onChange);
}
