import { Hono, type Context } from 'hono';
import {
  NOTIFICATION_CATEGORIES,
  NotificationPreferenceUpdateSchema,
  UnsubscribeRequestSchema,
  type NotificationPreferences,
  type UnsubscribeResult
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import type { NotificationStore } from './store.ts';
import { readUnsubscribeToken } from './tokens.ts';

function preferencesOf(store: NotificationStore, userId: string): NotificationPreferences {
  const chosen = store.preferences(userId);
  return { preferences: NOTIFICATION_CATEGORIES.map((category) => ({ category, delivery: chosen[category] })) };
}

/**
 * Each person's choices (`/account/notifications`, signed in) and the unsubscribe endpoint of e-mail links, which
 * needs no session: its signed token names the person and the one category it turns off. `POST` with the token in
 * the query is RFC 8058's one-click (mail clients post `List-Unsubscribe=One-Click`); `POST` with a JSON body is the
 * app's confirmation page; `GET` (a person opening the header's link) goes to that page, never unsubscribing by
 * itself, since link scanners open links.
 */
export function notificationRoutes(ctx: ModuleContext, store: NotificationStore): Hono {
  const app = new Hono();

  app.get(
    '/account/notifications',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      return c.json(preferencesOf(store, user.id));
    })
  );

  app.put(
    '/account/notifications',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const { category, delivery } = await readBody(c, NotificationPreferenceUpdateSchema);
      store.setPreference(user.id, category, delivery, ctx.now());
      return c.json(preferencesOf(store, user.id));
    })
  );

  const unsubscribe = (c: Context, token: string): Response => {
    const target = readUnsubscribeToken(store.signingKey(), token);
    if (!target || !ctx.store.findUserById(target.userId))
      throw new ApiRefusal(400, 'invalid_unsubscribe_link', 'This unsubscribe link is not valid');
    store.setPreference(target.userId, target.category, 'off', ctx.now());
    ctx.logger.info(`notifications: ${target.category} e-mails turned off by an unsubscribe link`);
    const body: UnsubscribeResult = { category: target.category };
    return c.json(body);
  };

  app.post(
    '/notifications/unsubscribe',
    guarded(async (c) => {
      const fromQuery = c.req.query('token');
      if (fromQuery !== undefined) return unsubscribe(c, fromQuery);
      const { token } = await readBody(c, UnsubscribeRequestSchema);
      return unsubscribe(c, token);
    })
  );

  app.get(
    '/notifications/unsubscribe',
    guarded((c) => {
      const token = c.req.query('token') ?? '';
      c.header('Cache-Control', 'no-store');
      return c.redirect(`/unsubscribe#token=${encodeURIComponent(token)}`, 303);
    })
  );

  return app;
}
