import type { MailTemplate } from '../mail/render.ts';

const ROLE_WORDS = {
  en: { coordinator: 'coordinator', mentor: 'mentor', mentee: 'mentee' },
  it: { coordinator: 'coordinatore/coordinatrice', mentor: 'mentor', mentee: 'mentee' },
  es: { coordinator: 'coordinador/a', mentor: 'mentor/a', mentee: 'mentee' }
} as const;

type Role = keyof (typeof ROLE_WORDS)['en'];

/** An invitation to a programme, in the invitee's language (the outbox's layout adds the platform's name). */
export const invitationMail: MailTemplate<{
  name: string;
  role: Role;
  programmeName: string;
  organisationName: string | null;
  url: string;
  validDays: number;
}> = {
  category: 'invitation',
  text: {
    en: ({ name, role, programmeName, organisationName, url, validDays }) => ({
      subject: `You are invited to ${programmeName}`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `you are invited to join "${programmeName}"${organisationName ? ` (${organisationName})` : ''} as ${ROLE_WORDS.en[role]}.`,
        'Open the link to accept and choose your password.'
      ],
      action: { label: 'Accept the invitation', url },
      notes: [`The link works once and expires in ${validDays} days.`]
    }),
    it: ({ name, role, programmeName, organisationName, url, validDays }) => ({
      subject: `Un invito per te: ${programmeName}`,
      greeting: `Ciao ${name},`,
      paragraphs: [
        `hai ricevuto un invito a partecipare a "${programmeName}"${organisationName ? ` (${organisationName})` : ''} come ${ROLE_WORDS.it[role]}.`,
        'Apri il link per accettare e scegliere la password.'
      ],
      action: { label: "Accetta l'invito", url },
      notes: [`Il link funziona una sola volta e scade tra ${validDays} giorni.`]
    }),
    es: ({ name, role, programmeName, organisationName, url, validDays }) => ({
      subject: `Te invitan a ${programmeName}`,
      greeting: `Hola ${name}:`,
      paragraphs: [
        `te invitan a unirte a "${programmeName}"${organisationName ? ` (${organisationName})` : ''} como ${ROLE_WORDS.es[role]}.`,
        'Abre el enlace para aceptar y elegir tu contraseña.'
      ],
      action: { label: 'Aceptar la invitación', url },
      notes: [`El enlace funciona una sola vez y caduca en ${validDays} días.`]
    })
  }
};
