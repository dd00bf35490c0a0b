import * as v from 'valibot';
import {
  AccountLanguageSchema,
  AccountSchema,
  AccountSessionListSchema,
  ConfirmEmailResponseSchema,
  OutboxListSchema,
  OutboxMessageSchema,
  SignOutOthersResponseSchema,
  type Account,
  type AccountLanguage,
  type AccountSession,
  type AccountUpdate,
  type ConfirmEmailResponse,
  type OutboxList,
  type OutboxMessage,
  type OutboxStatus,
  type User
} from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { session } from '$lib/state/session.svelte';
import { network } from '$lib/state/network.svelte';
import { ApiRequestError, NetworkError, apiRequest } from './api';
import { saveStoredUser } from './storage.service';
import { setPreferredZone } from '$lib/format';
import { forgetUnsavedLanguage, rememberUnsavedLanguage, unsavedLanguage } from '$lib/cohorts/link-language';

/** Answers with no body (204) are read as `null`. */
const NoContentSchema = v.null();

/** Asks for a reset link; the server answers the same whether or not the address has an account. */
export async function requestPasswordReset(email: string, language: AccountLanguage): Promise<void> {
  await apiRequest('/api/auth/forgot-password', NoContentSchema, { method: 'POST', body: { email, language } });
}

/** Sets a new password with the token of an e-mailed link. */
/** Whether a password-reset link can still be used (throws `invalid_token` when it expired or was used). */
export async function checkResetToken(token: string): Promise<void> {
  await apiRequest('/api/auth/reset-password/check', NoContentSchema, { method: 'POST', body: { token } });
}

export async function resetPassword(token: string, password: string): Promise<void> {
  await apiRequest('/api/auth/reset-password', NoContentSchema, { method: 'POST', body: { token, password } });
}

/**
 * Confirms an address with the token of the link sent to it (an e-mail change, or a join-link sign-up's first
 * confirmation); returns the address and whether it changed.
 */
export function confirmEmailChange(token: string): Promise<ConfirmEmailResponse> {
  return apiRequest('/api/auth/confirm-email', ConfirmEmailResponseSchema, { method: 'POST', body: { token } });
}

/** The account; times on this device follow its chosen zone from now on. */
export async function loadAccount(fetcher?: typeof fetch): Promise<Account> {
  const account = await apiRequest('/api/account', AccountSchema, fetcher ? { fetch: fetcher } : {});
  setPreferredZone(account.timeZone);
  return account;
}

/** Saves name, language or time zone; the identity kept on this device follows a new name. */
export async function updateAccount(change: AccountUpdate): Promise<Account> {
  const account = await apiRequest('/api/account', AccountSchema, { method: 'PATCH', body: change });
  await followAccount(account);
  return account;
}

/**
 * The person picked a language in the app (the footer's switcher): a signed-in account keeps it too, so their e-mails
 * and their next sign-in on another device use it. Offline (or when the request cannot reach the server) the device
 * keeps it for the account, which gets it when the session is next confirmed online (`saveUnsavedLanguageChoice`).
 */
export async function saveLanguageChoice(language: AccountLanguage): Promise<void> {
  const user = session.user;
  if (!user) return;
  if (!network.online) {
    rememberUnsavedLanguage(user.id, language);
    return;
  }
  try {
    await updateAccount({ language });
    forgetUnsavedLanguage();
  } catch (error) {
    if (error instanceof NetworkError) rememberUnsavedLanguage(user.id, language);
    else console.warn('MOP: could not keep the chosen language on the account', error);
  }
}

/** A language `user` picked while offline on this device goes to their account (auth.service, once confirmed online). */
export async function saveUnsavedLanguageChoice(user: User): Promise<void> {
  const language = unsavedLanguage(user.id);
  if (!language) return;
  if (language === user.language || !v.is(AccountLanguageSchema, language)) {
    forgetUnsavedLanguage();
    return;
  }
  await saveLanguageChoice(language);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiRequest('/api/account/password', NoContentSchema, {
    method: 'POST',
    body: { currentPassword, newPassword }
  });
}

/** Sends a confirmation link to the new address; the account shows it as pending until it is opened. */
export function requestEmailChange(newEmail: string, currentPassword: string): Promise<Account> {
  return apiRequest('/api/account/email', AccountSchema, { method: 'POST', body: { newEmail, currentPassword } });
}

export function cancelEmailChange(): Promise<Account> {
  return apiRequest('/api/account/email', AccountSchema, { method: 'DELETE' });
}

export async function loadSessions(fetcher?: typeof fetch): Promise<AccountSession[]> {
  return (await apiRequest('/api/account/sessions', AccountSessionListSchema, fetcher ? { fetch: fetcher } : {}))
    .sessions;
}

/** Ends every session of this person except this device's; returns how many ended. */
export async function signOutOtherSessions(): Promise<number> {
  return (await apiRequest('/api/account/sessions/sign-out-others', SignOutOthersResponseSchema, { method: 'POST' }))
    .ended;
}

export function loadOutbox(status: OutboxStatus | null, fetcher?: typeof fetch): Promise<OutboxList> {
  const query = status ? `?status=${status}` : '';
  return apiRequest(`/api/admin/outbox${query}`, OutboxListSchema, fetcher ? { fetch: fetcher } : {});
}

export function loadOutboxMessage(id: string, fetcher?: typeof fetch): Promise<OutboxMessage> {
  return apiRequest(
    `/api/admin/outbox/${encodeURIComponent(id)}`,
    OutboxMessageSchema,
    fetcher ? { fetch: fetcher } : {}
  );
}

export async function retryOutboxMessage(id: string): Promise<void> {
  await apiRequest(`/api/admin/outbox/${encodeURIComponent(id)}/retry`, NoContentSchema, { method: 'POST' });
}

/** The signed-in identity shown in the app follows changes made on the account page. */
async function followAccount(account: Account): Promise<void> {
  setPreferredZone(account.timeZone);
  if (!session.user || session.user.id !== account.id) return;
  const user = {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    language: account.language
  };
  session.user = user;
  await saveStoredUser(user).catch((error: unknown) => console.warn('MOP: could not keep the new name', error));
}

/**
 * One sentence for a failed account action, in the reader's language. The server's `code` is the contract; its
 * English `message` is shown only for codes this page does not know.
 */
export function accountErrorMessage(error: unknown): string {
  if (error instanceof NetworkError) return network.online ? m.account_network_error() : m.account_offline();
  if (error instanceof ApiRequestError) {
    switch (error.code) {
      case 'wrong_password':
        return m.account_wrong_password();
      case 'invalid_token':
        return m.account_invalid_link();
      case 'email_taken':
        return m.account_email_taken();
      case 'same_email':
        return m.account_email_same();
      case 'too_many_attempts':
        return m.account_too_many();
      case 'unauthenticated':
        return m.session_expired_banner();
      case 'forbidden':
        return m.outbox_forbidden();
      case 'invalid_request':
        return m.account_invalid_request();
    }
    return error.status < 500 ? error.message : m.account_unexpected_error({ status: error.status });
  }
  return m.account_unexpected_error({ status: '?' });
}
