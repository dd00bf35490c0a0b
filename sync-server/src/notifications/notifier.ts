import { apiPaths, isValidTimeZone, type NotificationDelivery } from '@mop/shared';
import type { ModuleContext, Notice, Notifier } from '../module.ts';
import { mailLanguage, personLanguage, platformName, renderMail, type MailEnvironment } from '../mail/index.ts';
import type { NotificationStore } from './store.ts';
import { unsubscribeToken } from './tokens.ts';
import { readStoredProfile } from '../matching/profiles.ts';

/** The environment every notification template is rendered in. */
function mailEnvironment(ctx: ModuleContext): MailEnvironment {
  return { platformName: platformName(ctx), publicUrl: ctx.publicUrl };
}

/** Who a notice goes to, as the users table holds them (null for an erased or deactivated account). */
export function recipient(
  ctx: ModuleContext,
  userId: string
): { email: string; name: string; language: string | null; timeZone: string } | null {
  const row = ctx.db
    .prepare(
      'SELECT email, name, language, time_zone AS timeZone FROM users WHERE id = ? AND erased_at IS NULL AND deactivated_at IS NULL'
    )
    .get(userId) as { email: string; name: string; language: string | null; timeZone: string | null } | undefined;
  if (!row) return null;
  return {
    ...row,
    language: personLanguage(ctx.db, userId),
    timeZone: row.timeZone ?? questionnaireTimeZone(ctx, userId) ?? 'UTC'
  };
}

/**
 * The time zone the person gave in the matching questionnaire, when their account names none: most people answer the
 * questionnaire and never open the account page, and a session e-mail in UTC would send them to a meeting at the
 * wrong hour. Null when there is none or it is not a zone this server knows.
 */
function questionnaireTimeZone(ctx: ModuleContext, userId: string): string | null {
  const zone = readStoredProfile(ctx.store, (docName) => ctx.docs.liveDoc(docName), userId).timeZone.trim();
  return isValidTimeZone(zone) ? zone : null;
}

/**
 * The notifier every module reaches as `ctx.notify`: it reads the recipient's choice for the category and sends
 * the e-mail now (with RFC 8058 one-click unsubscribe headers for that category), keeps a line for the daily
 * digest, or does nothing (the app shows it in-app). Synchronous, so it joins the caller's transaction.
 */
export function createNotifier(
  ctx: ModuleContext,
  store: NotificationStore,
  onDigestItem: (userId: string) => void
): Notifier {
  return {
    notify(notice) {
      const person = recipient(ctx, notice.userId);
      if (!person) return 'off';
      const delivery: NotificationDelivery = store.preferences(notice.userId)[notice.category];
      const env = mailEnvironment(ctx);
      if (delivery === 'off') return 'off';
      if (delivery === 'digest') {
        const language = mailLanguage(person.language);
        const content = notice.template.text[language](notice.params, env);
        store.addDigestItem(notice.userId, {
          category: notice.category,
          line: content.subject,
          url: notice.url,
          createdAt: ctx.now().toISOString()
        });
        onDigestItem(notice.userId);
        return 'digest';
      }
      ctx.mail.enqueue(notificationMail(ctx, store, notice, person));
      return 'email';
    }
  };
}

/** One notice rendered for its recipient, with the footer and headers of its category's unsubscribe link. */
export function notificationMail<P>(
  ctx: ModuleContext,
  store: NotificationStore,
  notice: Notice<P>,
  person: { email: string; language: string | null }
): ReturnType<typeof renderMail> {
  const env = mailEnvironment(ctx);
  const token = unsubscribeToken(store.signingKey(), notice.userId, notice.category);
  const oneClick = `${env.publicUrl}${apiPaths.unsubscribe(token)}`;
  const mail = renderMail(notice.template, { to: person.email, language: person.language }, notice.params, env, {
    unsubscribeUrl: `${env.publicUrl}/unsubscribe#token=${token}`,
    settingsUrl: `${env.publicUrl}/account#notifications`
  });
  return {
    ...mail,
    category: notice.category,
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    ...(notice.attachments ? { attachments: notice.attachments } : {})
  };
}
