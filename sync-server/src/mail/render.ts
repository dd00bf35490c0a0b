import type { AccountLanguage } from '@mop/shared';
import type { OutgoingMail } from '../module.ts';
import type { MailEnvironment, MailTemplate } from './template.ts';

export type { MailEnvironment, MailTemplate } from './template.ts';

/** Words of the layout itself. */
const LAYOUT: Record<
  AccountLanguage,
  { automatic: (platform: string) => string; unsubscribe: string; settings: string }
> = {
  en: {
    automatic: (platform) => `This message was sent automatically by ${platform}.`,
    unsubscribe: 'Stop e-mails like this',
    settings: 'Choose which e-mails you get in your account settings'
  },
  it: {
    automatic: (platform) => `Questo messaggio è stato inviato automaticamente da ${platform}.`,
    unsubscribe: 'Non ricevere più e-mail come questa',
    settings: 'Scegli quali e-mail ricevere nelle impostazioni del tuo account'
  },
  es: {
    automatic: (platform) => `Este mensaje lo ha enviado automáticamente ${platform}.`,
    unsubscribe: 'No recibir más correos como este',
    settings: 'Elige qué correos recibes en los ajustes de tu cuenta'
  }
};

/** Links at the foot of a notification: stop this category in one click, or choose in the settings. */
interface MailFooter {
  unsubscribeUrl: string;
  settingsUrl: string;
}

/** A link into the app: `path` (starting with `/`) on the public URL, with an optional `#fragment`. */
export function appLink(env: MailEnvironment, path: string, fragment?: Record<string, string>): string {
  const hash = fragment ? `#${new URLSearchParams(fragment).toString()}` : '';
  return `${env.publicUrl}${path}${hash}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The language to write to a person in: theirs, else English. */
export function mailLanguage(language: string | null | undefined): AccountLanguage {
  return language === 'it' || language === 'es' ? language : 'en';
}

/**
 * Renders a template for one recipient: a plain-text part and a simple HTML part (inline styles only, no images or
 * remote resources), both carrying the platform's name. The result goes to `ctx.mail.enqueue`.
 */
export function renderMail<P>(
  template: MailTemplate<P>,
  recipient: { to: string; language?: string | null | undefined },
  params: P,
  env: MailEnvironment,
  footer?: MailFooter
): OutgoingMail {
  const language = mailLanguage(recipient.language);
  const content = template.text[language](params, env);
  const layout = LAYOUT[language];
  const signature = layout.automatic(env.platformName);

  const text = [
    content.greeting,
    ...content.paragraphs,
    ...(content.facts && content.facts.length > 0 ? [content.facts.map((fact) => `• ${fact}`).join('\n')] : []),
    ...(content.items ?? []).map((item) => `• ${item.label}\n  ${item.url}`),
    ...(content.closing ?? []),
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.notes ?? []),
    `— ${env.platformName}\n${env.publicUrl}`,
    ...(footer ? [`${layout.unsubscribe}:\n${footer.unsubscribeUrl}\n${layout.settings}:\n${footer.settingsUrl}`] : [])
  ].join('\n\n');

  const p = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`;
  const small = (line: string) => `<p style="margin:0 0 12px;color:#5b6570;font-size:13px">${escapeHtml(line)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d5f8a;color:#ffffff;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>` +
      small(content.action.url)
    : '';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:12px 8px;background:#f4f6f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2a30;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:20px">
<p style="margin:0 0 20px;font-weight:800;color:#1d5f8a;letter-spacing:0.04em">${escapeHtml(env.platformName)}</p>
${p(content.greeting)}
${content.paragraphs.map(p).join('\n')}
${
  content.facts && content.facts.length > 0
    ? `<ul style="margin:0 0 16px;padding-left:20px">${content.facts.map((fact) => `<li style="margin:0 0 6px">${escapeHtml(fact)}</li>`).join('')}</ul>`
    : ''
}
${
  content.items
    ? `<ul style="margin:0 0 16px;padding:0;list-style:none">${content.items
        .map(
          (item) =>
            `<li style="margin:0 0 8px;padding:12px;border:1px solid #dde3e7;border-radius:8px"><a href="${escapeHtml(item.url)}" style="color:#1d5f8a;font-weight:600;text-decoration:none">${escapeHtml(item.label)}</a></li>`
        )
        .join('')}</ul>`
    : ''
}
${(content.closing ?? []).map(p).join('\n')}
${button}
${(content.notes ?? []).map(small).join('\n')}
${small(signature)}
${
  footer
    ? `<p style="margin:0;color:#5b6570;font-size:13px"><a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:#5b6570">${escapeHtml(layout.unsubscribe)}</a> · <a href="${escapeHtml(footer.settingsUrl)}" style="color:#5b6570">${escapeHtml(layout.settings)}</a></p>`
    : ''
}
</div>
</body></html>`;

  return { to: recipient.to, subject: content.subject, text, html, category: template.category };
}
