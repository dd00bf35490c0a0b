/** Service worker state the UI shows: whether a new version waits for the user's go-ahead. */
class PwaState {
  updateReady = $state(false);
  updating = $state(false);
}

export const pwa = new PwaState();
