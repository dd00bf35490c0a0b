import type { User } from '@mop/shared';

/** Who is signed in on this device, and how sure we are of it. */
class SessionState {
  /** The signed-in user, restored from this device first and then confirmed by the server when online. */
  user = $state<User | null>(null);
  /** True once the identity saved on this device has been read. */
  restored = $state(false);
  /** True once the server confirmed the session during this visit. */
  verified = $state(false);
  /** True when the server said the session ended (401) while local data stays on the device. */
  expired = $state(false);
  /** A message to show after sign-out, e.g. that unsynced changes were kept. */
  notice = $state<string | null>(null);
}

export const session = new SessionState();
