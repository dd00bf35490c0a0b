import type { User } from '@mop/shared';
import type { NotificationCount } from './notification-count.svelte';

/**
 * The root layout's handle on the header's count of new notifications (`NotificationCount`, read from the pairs'
 * summaries on this device), loaded the first time someone is signed in: a visitor's page downloads none of it.
 * The notifications page itself reads the pairs' documents (`NotificationsState`).
 */
class NotificationsLoader {
  #state: NotificationCount | null = null;
  #user: User | null = null;
  #requested = false;

  /** Follows whoever is signed in (see `NotificationCount.follow`). */
  follow(user: User | null): void {
    this.#user = user;
    if (this.#state) return this.#state.follow(user);
    if (!user || this.#requested) return;
    this.#requested = true;
    void import('./notification-count.svelte').then(
      ({ notificationCount }) => {
        this.#state = notificationCount;
        notificationCount.follow(this.#user);
      },
      (error: unknown) => {
        this.#requested = false;
        console.error('MOP: could not load the notifications', error);
      }
    );
  }
}

export const notificationsLoader = new NotificationsLoader();
