import {
  NotificationPreferencesSchema,
  UnsubscribeResultSchema,
  apiPaths,
  type NotificationCategory,
  type NotificationDelivery,
  type NotificationPreferences,
  type UnsubscribeResult
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';

/** The signed-in person's e-mail choices, per category. */
export function loadEmailPreferences(fetcher: typeof fetch = fetch): Promise<NotificationPreferences> {
  return apiRequest(apiPaths.notificationPreferences(), NotificationPreferencesSchema, { fetch: fetcher });
}

/** Saves one category's choice; answers every category as saved. */
export function saveEmailPreference(
  category: NotificationCategory,
  delivery: NotificationDelivery
): Promise<NotificationPreferences> {
  return apiRequest(apiPaths.notificationPreferences(), NotificationPreferencesSchema, {
    method: 'PUT',
    body: { category, delivery }
  });
}

/** Turns off the category of an e-mail's unsubscribe link (no session needed: the token is signed). */
export function unsubscribeWithToken(token: string): Promise<UnsubscribeResult> {
  return apiRequest(apiPaths.unsubscribe(), UnsubscribeResultSchema, { method: 'POST', body: { token } });
}
