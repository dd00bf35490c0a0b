/** Whether the browser believes it has a network connection (`navigator.onLine`), kept current by events. */
class NetworkState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
}

export const network = new NetworkState();

let listening = false;

/** Starts following the browser's `online`/`offline` events; `onChange` runs after each change. */
export function watchNetwork(onChange: (online: boolean) => void): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const update = () => {
    network.online = navigator.onLine;
    onChange(network.online);
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}
