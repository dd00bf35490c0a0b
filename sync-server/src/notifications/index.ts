import type { ModuleContext, ServerModule } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';
import { createNotifier } from './notifier.ts';
import { NotificationScheduler } from './scheduler.ts';
import { observePairDocument } from './sessions.ts';
import { NotificationStore } from './store.ts';
import { notificationRoutes } from './routes.ts';

export { peopleNotices, type PeopleNotices } from './events.ts';

/** The notifications module as tests reach it: its scheduler, to run due jobs at a clock they set. */
export interface NotificationsModule extends ServerModule {
  readonly name: 'notifications';
  /** Runs the reminders and digests due at `ctx.now()`; returns how many finished. */
  runDue(): number;
}

/** Whether a module is the notifications module (for tests and tools). */
export function isNotificationsModule(module: ServerModule): module is NotificationsModule {
  return module.name === 'notifications';
}

/**
 * E-mail notifications (docs/notifications.md): provides `ctx.notify` (each person's choice per category, one-click
 * unsubscribe), watches pair documents for session changes and unread messages, and runs the scheduler of reminders
 * and digests. Its tables come with migration 013.
 */
export function createNotificationsModule(ctx: ModuleContext): NotificationsModule {
  const store = new NotificationStore(ctx.db);
  const scheduler = new NotificationScheduler(ctx, store);
  const notifier = createNotifier(ctx, store, (userId) => scheduler.scheduleDigest(userId));
  return {
    name: 'notifications',
    provides: { notify: notifier },
    routes: () => notificationRoutes(ctx, store),
    onDocumentStored: (event) =>
      observePairDocument(ctx, store, event, (userId) => ctx.transaction(() => scheduler.scheduleDigest(userId))),
    start: () => scheduler.start(),
    close: () => scheduler.stop(),
    runDue: () => scheduler.runDue(),
    exportUserData: (userId) => [jsonFile('notifications.json', store.exportFor(userId))],
    eraseUserData: (userId) => ctx.transaction(() => store.erase(userId))
  };
}
