import * as v from 'valibot';

/**
 * E-mail notifications: what a person is told by e-mail, and how (docs/notifications.md). Shared by the settings page
 * and the server's notifications module.
 */

/**
 * The kinds of e-mail a person can choose about. `mentorship` is for changes to the pair itself (a pair ended, the
 * other member left), sent by other modules through `ctx.notify`.
 */
export const NOTIFICATION_CATEGORIES = [
  'matches',
  'sessions',
  'reminders',
  'requests',
  'community',
  'messages',
  'mentorship'
] as const;
export const NotificationCategorySchema = v.picklist(
  NOTIFICATION_CATEGORIES,
  'category is not a notification category'
);
export type NotificationCategory = v.InferOutput<typeof NotificationCategorySchema>;

/** `email`: an e-mail at once; `digest`: a line in the daily digest; `off`: in the app only. */
export const NOTIFICATION_DELIVERIES = ['email', 'digest', 'off'] as const;
export const NotificationDeliverySchema = v.picklist(NOTIFICATION_DELIVERIES, 'delivery must be email, digest or off');
export type NotificationDelivery = v.InferOutput<typeof NotificationDeliverySchema>;

/**
 * What each category offers. Unread messages only ever come as the digest (at most daily), never one e-mail per
 * message; reminders are useless a day late, so they have no digest.
 */
export const DELIVERIES_OF: Readonly<Record<NotificationCategory, readonly NotificationDelivery[]>> = {
  matches: ['email', 'digest', 'off'],
  sessions: ['email', 'digest', 'off'],
  reminders: ['email', 'off'],
  requests: ['email', 'digest', 'off'],
  community: ['email', 'digest', 'off'],
  messages: ['digest', 'off'],
  mentorship: ['email', 'digest', 'off']
};

/** What a person gets before they choose. */
export const DEFAULT_DELIVERY: Readonly<Record<NotificationCategory, NotificationDelivery>> = {
  matches: 'email',
  sessions: 'email',
  reminders: 'email',
  requests: 'email',
  community: 'digest',
  messages: 'digest',
  mentorship: 'email'
};

/** How long before an accepted session its reminder goes out, by default (the same local time the day before). */
export const DEFAULT_REMINDER_HOURS = 24;

/** `GET /api/account/notifications`: every category with the person's choice. */
export const NotificationPreferencesSchema = v.object({
  preferences: v.array(v.object({ category: NotificationCategorySchema, delivery: NotificationDeliverySchema }))
});
export type NotificationPreferences = v.InferOutput<typeof NotificationPreferencesSchema>;

/** `PUT /api/account/notifications`: one category's new choice (it must be one the category offers). */
export const NotificationPreferenceUpdateSchema = v.pipe(
  v.object({ category: NotificationCategorySchema, delivery: NotificationDeliverySchema }),
  v.check(
    (input) => DELIVERIES_OF[input.category].includes(input.delivery),
    'delivery: this category does not offer that delivery'
  )
);

/** `POST /api/notifications/unsubscribe` (from the confirmation page): the token of the e-mail's link. */
export const UnsubscribeRequestSchema = v.object({
  token: v.pipe(v.string('token must be a string'), v.regex(/^[A-Za-z0-9_.-]{20,400}$/, 'token is malformed'))
});

/** What the unsubscribe endpoints answer: the category that is now in-app only. */
export const UnsubscribeResultSchema = v.object({ category: NotificationCategorySchema });
export type UnsubscribeResult = v.InferOutput<typeof UnsubscribeResultSchema>;
