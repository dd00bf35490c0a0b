import type { User } from '@mop/shared';
import type { NotificationsState } from './notifications.svelte';

/**
 * The root layout's handle on the notifications. Their state reads the pairs' Yjs documents and renders message
 * Markdown, so it is loaded the first time someone is signed in: a visitor's page downloads none of it.
 */
class NotificationsLoader {
  #state = $state.raw<NotificationsState | null>(null);
  #user: User | null = null;
  #requested = false;

  /** Notifications that are new since the user last opened the list (0 until they are loaded). */
  get newCount(): number {
    return this.#state?.newCount ?? 0;
  }

  /** Follows whoever is signed in (see `NotificationsState.follow`). */
  follow(user: User | null): void {
    this.#user = user;
    if (this.#state) return this.#state.follow(user);
    if (!user || this.#requested) return;
    this.#requested = true;
    void import('./notifications.svelte').then(
      ({ notifications }) => {
        this.#state = notifications;
        notifications.follow(this.#user);
      },
      (error: unknown) => {
        this.#requested = false;
        console.error('MOP: could not load the notifications', error);
      }
    );
  }
}

export const notificationsLoader = new NotificationsLoader();
