import type { OutgoingMail } from '../module.ts';

const ROLE_WORDS: Record<string, Record<string, string>> = {
  en: { coordinator: 'coordinator', mentor: 'mentor', mentee: 'mentee' },
  it: { coordinator: 'coordinatore/coordinatrice', mentor: 'mentor', mentee: 'mentee' },
  es: { coordinator: 'coordinador/a', mentor: 'mentor/a', mentee: 'mentee' }
};

const TEXTS = {
  en: {
    subject: (p: string) => `You are invited to ${p}`,
    body: (name: string, programme: string, org: string, role: string, link: string, days: number) =>
      `Hello ${name},\n\nyou are invited to join "${programme}"${org ? ` (${org})` : ''} as ${role}.\n\n` +
      `Open this link to accept and choose your password:\n${link}\n\nThe link works once and expires in ${days} days.`
  },
  it: {
    subject: (p: string) => `Sei invitato/a a ${p}`,
    body: (name: string, programme: string, org: string, role: string, link: string, days: number) =>
      `Ciao ${name},\n\nsei invitato/a a partecipare a "${programme}"${org ? ` (${org})` : ''} come ${role}.\n\n` +
      `Apri questo link per accettare e scegliere la password:\n${link}\n\nIl link funziona una sola volta e scade tra ${days} giorni.`
  },
  es: {
    subject: (p: string) => `Te invitan a ${p}`,
    body: (name: string, programme: string, org: string, role: string, link: string, days: number) =>
      `Hola ${name}:\n\nte invitan a unirte a "${programme}"${org ? ` (${org})` : ''} como ${role}.\n\n` +
      `Abre este enlace para aceptar y elegir tu contraseña:\n${link}\n\nEl enlace funciona una sola vez y caduca en ${days} días.`
  }
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/**
 * The invitation e-mail in the invitee's language (English when none was given), with a plain-text and a simple HTML
 * part, signed with the platform's name.
 */
export function invitationMail(input: {
  to: string;
  name: string;
  language: string | null;
  role: string;
  programmeName: string;
  organisationName: string | null;
  platformName: string;
  link: string;
  validDays: number;
}): OutgoingMail {
  const lang = input.language === 'it' || input.language === 'es' ? input.language : 'en';
  const texts = TEXTS[lang];
  const role = ROLE_WORDS[lang]?.[input.role] ?? input.role;
  const text =
    texts.body(input.name, input.programmeName, input.organisationName ?? '', role, input.link, input.validDays) +
    `\n\n— ${input.platformName}\n`;
  const html = `<p>${escapeHtml(text.replace(input.link, '\u0000'))
    .replace(/\n\n/g, '</p><p>')
    .replace(/\n/g, '<br>')
    .replace('\u0000', `<a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a>`)}</p>`;
  return { to: input.to, subject: texts.subject(input.programmeName), text, html, category: 'invitation' };
}
