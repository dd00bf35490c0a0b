import {
  CCI_SECTORS,
  MATCHING_LANGUAGES,
  MATCHING_SKILLS,
  vocabularyLabel,
  type AccountLanguage,
  type VocabularyItem
} from '@mop/shared';
import type { MailTemplate } from '../mail/index.ts';

/**
 * The notification e-mails in the three languages. They say what happened and link to it: no message body, note
 * text, agenda or reason of a pair ever goes in them (docs/notifications.md).
 */

const LOCALES: Record<AccountLanguage, string> = { en: 'en-GB', it: 'it-IT', es: 'es-ES' };

/** "Monday 30 March 2026, 10:00 (Europe/Rome)" in the recipient's language and zone. */
function formatWhen(instant: string, language: AccountLanguage, timeZone: string): string {
  const text = new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone
  }).format(new Date(instant));
  return `${text} (${timeZone})`;
}

/** A date and time shown to one person: the instant, formatted for each language in their zone. */
type When = Record<AccountLanguage, string>;

/** Every language's rendering of `instant` in `timeZone`. */
export function whenIn(instant: string, timeZone: string): When {
  return {
    en: formatWhen(instant, 'en', timeZone),
    it: formatWhen(instant, 'it', timeZone),
    es: formatWhen(instant, 'es', timeZone)
  };
}

/** Why two people were matched, as short phrases (vocabulary labels and figures, never free text). */
interface MatchReasons {
  sectors: string[];
  skills: string[];
  languages: string[];
  overlapHoursPerWeek: number;
  rank: number | null;
}

/** Language names in the reader's language ("inglese, spagnolo"), from the runtime's ICU data. */
function languageNames(ids: string[], language: AccountLanguage): string {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return ids
    .slice(0, 4)
    .map((id) => names.of(id) ?? vocabularyLabel(MATCHING_LANGUAGES, id))
    .join(', ');
}

function reasonLines(reasons: MatchReasons, language: AccountLanguage): string[] {
  // The questionnaire's labels, as the app shows them (ids are for machines: "performing-arts").
  const list = (ids: string[], vocabulary: readonly VocabularyItem[]) =>
    ids
      .slice(0, 4)
      .map((id) => vocabularyLabel(vocabulary, id))
      .join(', ');
  const words = {
    en: [
      'Sectors you share',
      'Skills that match',
      'Languages you share',
      'Hours a week you are both free',
      'Place of the mentor in the mentee’s ranking'
    ],
    it: [
      'Settori in comune',
      'Competenze che corrispondono',
      'Lingue in comune',
      'Ore a settimana in cui siete entrambi liberi',
      'Posizione del mentor nella classifica del mentee'
    ],
    es: [
      'Sectores en común',
      'Competencias que encajan',
      'Idiomas en común',
      'Horas por semana en que ambos estáis libres',
      'Posición del mentor en la clasificación del mentee'
    ]
  }[language];
  const lines: string[] = [];
  if (reasons.sectors.length > 0) lines.push(`${words[0]}: ${list(reasons.sectors, CCI_SECTORS)}.`);
  if (reasons.skills.length > 0) lines.push(`${words[1]}: ${list(reasons.skills, MATCHING_SKILLS)}.`);
  if (reasons.languages.length > 0) lines.push(`${words[2]}: ${languageNames(reasons.languages, language)}.`);
  if (reasons.overlapHoursPerWeek > 0) lines.push(`${words[3]}: ${reasons.overlapHoursPerWeek}.`);
  if (reasons.rank !== null) lines.push(`${words[4]}: ${reasons.rank}.`);
  return lines;
}

/** A new match was published (by the coordinator, or a mentor accepted a request). */
export const matchMail: MailTemplate<{
  name: string;
  otherName: string;
  otherRole: 'mentor' | 'mentee';
  programmeName: string;
  reasons: MatchReasons;
  url: string;
}> = {
  category: 'matches',
  text: {
    en: (p) => ({
      subject: `You have a new ${p.otherRole}: ${p.otherName}`,
      greeting: `Hello ${p.name},`,
      paragraphs: [
        `In ${p.programmeName} you are now paired with ${p.otherName} as your ${p.otherRole}. Why you were matched:`
      ],
      facts: reasonLines(p.reasons, 'en'),
      closing: ['First step: open your shared space, say hello and propose a first session.'],
      action: { label: 'Open your mentorship', url: p.url }
    }),
    it: (p) => ({
      subject: `Hai un nuovo ${p.otherRole}: ${p.otherName}`,
      greeting: `Ciao ${p.name},`,
      paragraphs: [
        `In ${p.programmeName} ora sei in coppia con ${p.otherName}, il tuo ${p.otherRole}. Ecco perché siete in coppia:`
      ],
      facts: reasonLines(p.reasons, 'it'),
      closing: ['Primo passo: apri il vostro spazio condiviso, presentati e proponi un primo incontro.'],
      action: { label: 'Apri il tuo mentoring', url: p.url }
    }),
    es: (p) => ({
      subject: `Tienes un nuevo ${p.otherRole}: ${p.otherName}`,
      greeting: `Hola, ${p.name}:`,
      paragraphs: [
        `En ${p.programmeName} ahora formas pareja con ${p.otherName}, tu ${p.otherRole}. Por qué os hemos emparejado:`
      ],
      facts: reasonLines(p.reasons, 'es'),
      closing: ['Primer paso: abre vuestro espacio compartido, saluda y propón una primera sesión.'],
      action: { label: 'Abrir tu mentoría', url: p.url }
    })
  }
};

/** What happened to a session, as the other member is told. */
export type SessionChangeKind =
  'proposed' | 'counter' | 'move-requested' | 'accepted' | 'moved' | 'declined' | 'cancelled';

interface SessionParams {
  name: string;
  otherName: string;
  kind: SessionChangeKind;
  /** The accepted time, or the first time offered. */
  when: When;
  url: string;
}

const SESSION_WORDS: Record<
  AccountLanguage,
  {
    subject: Record<SessionChangeKind, (other: string) => string>;
    body: Record<SessionChangeKind, (other: string, when: string) => string>;
    open: string;
    calendar: string;
  }
> = {
  en: {
    subject: {
      proposed: (o) => `${o} proposes a mentoring session`,
      counter: (o) => `${o} proposes other times for your session`,
      'move-requested': (o) => `${o} asks to move your session`,
      accepted: (o) => `Session confirmed with ${o}`,
      moved: (o) => `Your session with ${o} has moved`,
      declined: (o) => `${o} declined the session`,
      cancelled: (o) => `Session with ${o} cancelled`
    },
    body: {
      proposed: (o, w) => `${o} proposed a session; the first time offered is ${w}. Choose a time that suits you.`,
      counter: (o, w) => `${o} proposed other times; the first is ${w}.`,
      'move-requested': (o, w) => `${o} can no longer make the agreed time and offers new times; the first is ${w}.`,
      accepted: (o, w) => `Your session with ${o} is confirmed for ${w}.`,
      moved: (o, w) => `Your session with ${o} now takes place on ${w}.`,
      declined: (o, w) => `${o} declined the session proposed for ${w}.`,
      cancelled: (o, w) => `${o} cancelled the session of ${w}.`
    },
    open: 'Open the session',
    calendar: 'The attached calendar file updates the entry in your calendar.'
  },
  it: {
    subject: {
      proposed: (o) => `${o} propone un incontro di mentoring`,
      counter: (o) => `${o} propone altri orari per il vostro incontro`,
      'move-requested': (o) => `${o} chiede di spostare il vostro incontro`,
      accepted: (o) => `Incontro confermato con ${o}`,
      moved: (o) => `Il tuo incontro con ${o} è stato spostato`,
      declined: (o) => `${o} ha rifiutato l'incontro`,
      cancelled: (o) => `Incontro con ${o} annullato`
    },
    body: {
      proposed: (o, w) =>
        `${o} ha proposto un incontro; il primo orario proposto è ${w}. Scegli l'orario che preferisci.`,
      counter: (o, w) => `${o} ha proposto altri orari; il primo è ${w}.`,
      'move-requested': (o, w) => `${o} non può più all'orario concordato e propone nuovi orari; il primo è ${w}.`,
      accepted: (o, w) => `Il tuo incontro con ${o} è confermato per ${w}.`,
      moved: (o, w) => `Il tuo incontro con ${o} ora si tiene ${w}.`,
      declined: (o, w) => `${o} ha rifiutato l'incontro proposto per ${w}.`,
      cancelled: (o, w) => `${o} ha annullato l'incontro di ${w}.`
    },
    open: "Apri l'incontro",
    calendar: "Il file di calendario allegato aggiorna l'evento nel tuo calendario."
  },
  es: {
    subject: {
      proposed: (o) => `${o} propone una sesión de mentoría`,
      counter: (o) => `${o} propone otros horarios para vuestra sesión`,
      'move-requested': (o) => `${o} pide cambiar vuestra sesión`,
      accepted: (o) => `Sesión confirmada con ${o}`,
      moved: (o) => `Tu sesión con ${o} ha cambiado de fecha`,
      declined: (o) => `${o} ha rechazado la sesión`,
      cancelled: (o) => `Sesión con ${o} cancelada`
    },
    body: {
      proposed: (o, w) =>
        `${o} ha propuesto una sesión; el primer horario ofrecido es ${w}. Elige el que te venga bien.`,
      counter: (o, w) => `${o} ha propuesto otros horarios; el primero es ${w}.`,
      'move-requested': (o, w) => `${o} ya no puede a la hora acordada y ofrece nuevos horarios; el primero es ${w}.`,
      accepted: (o, w) => `Tu sesión con ${o} está confirmada para el ${w}.`,
      moved: (o, w) => `Tu sesión con ${o} ahora es el ${w}.`,
      declined: (o, w) => `${o} ha rechazado la sesión propuesta para el ${w}.`,
      cancelled: (o, w) => `${o} ha cancelado la sesión del ${w}.`
    },
    open: 'Abrir la sesión',
    calendar: 'El archivo de calendario adjunto actualiza la cita en tu calendario.'
  }
};

const GREETING: Record<AccountLanguage, (name: string) => string> = {
  en: (name) => `Hello ${name},`,
  it: (name) => `Ciao ${name},`,
  es: (name) => `Hola, ${name}:`
};

const withCalendar = (kind: SessionChangeKind) => kind === 'accepted' || kind === 'moved' || kind === 'cancelled';

function sessionText(language: AccountLanguage) {
  return (p: SessionParams) => {
    const words = SESSION_WORDS[language];
    return {
      subject: words.subject[p.kind](p.otherName),
      greeting: GREETING[language](p.name),
      paragraphs: [words.body[p.kind](p.otherName, p.when[language])],
      action: { label: words.open, url: p.url },
      ...(withCalendar(p.kind) ? { notes: [words.calendar] } : {})
    };
  };
}

/** A session was proposed, answered, moved or cancelled. */
export const sessionMail: MailTemplate<SessionParams> = {
  category: 'sessions',
  text: { en: sessionText('en'), it: sessionText('it'), es: sessionText('es') }
};

/** The reminder before an accepted session. `late`: the server was down when it was due. */
export const reminderMail: MailTemplate<{ name: string; otherName: string; when: When; url: string; late: boolean }> = {
  category: 'reminders',
  text: {
    en: (p) => ({
      subject: `Reminder: session with ${p.otherName}, ${p.when.en}`,
      greeting: GREETING.en(p.name),
      paragraphs: [
        `Your mentoring session with ${p.otherName} is on ${p.when.en}.`,
        ...(p.late ? ['This reminder comes later than planned: the platform was unavailable when it was due.'] : [])
      ],
      action: { label: 'Open the session', url: p.url }
    }),
    it: (p) => ({
      subject: `Promemoria: incontro con ${p.otherName}, ${p.when.it}`,
      greeting: GREETING.it(p.name),
      paragraphs: [
        `Il tuo incontro di mentoring con ${p.otherName} è ${p.when.it}.`,
        ...(p.late ? ['Questo promemoria arriva più tardi del previsto: la piattaforma non era disponibile.'] : [])
      ],
      action: { label: "Apri l'incontro", url: p.url }
    }),
    es: (p) => ({
      subject: `Recordatorio: sesión con ${p.otherName}, ${p.when.es}`,
      greeting: GREETING.es(p.name),
      paragraphs: [
        `Tu sesión de mentoría con ${p.otherName} es el ${p.when.es}.`,
        ...(p.late ? ['Este recordatorio llega más tarde de lo previsto: la plataforma no estaba disponible.'] : [])
      ],
      action: { label: 'Abrir la sesión', url: p.url }
    })
  }
};

/** A mentee asked this mentor to mentor them. */
export const requestReceivedMail: MailTemplate<{ name: string; menteeName: string; url: string }> = {
  category: 'requests',
  text: {
    en: (p) => ({
      subject: `${p.menteeName} asks you to be their mentor`,
      greeting: GREETING.en(p.name),
      paragraphs: [`${p.menteeName} would like you as their mentor. Read their request and accept or decline it.`],
      action: { label: 'Answer the request', url: p.url }
    }),
    it: (p) => ({
      subject: `${p.menteeName} ti chiede di essere il suo mentor`,
      greeting: GREETING.it(p.name),
      paragraphs: [`${p.menteeName} vorrebbe te come mentor. Leggi la richiesta e accettala o rifiutala.`],
      action: { label: 'Rispondi alla richiesta', url: p.url }
    }),
    es: (p) => ({
      subject: `${p.menteeName} te pide que seas su mentor`,
      greeting: GREETING.es(p.name),
      paragraphs: [`A ${p.menteeName} le gustaría que fueras su mentor. Lee su solicitud y acéptala o recházala.`],
      action: { label: 'Responder a la solicitud', url: p.url }
    })
  }
};

/** The mentor answered a mentee's request. */
export const requestAnsweredMail: MailTemplate<{ name: string; mentorName: string; accepted: boolean; url: string }> = {
  category: 'requests',
  text: {
    en: (p) => ({
      subject: p.accepted ? `${p.mentorName} accepted your request` : `${p.mentorName} declined your request`,
      greeting: GREETING.en(p.name),
      paragraphs: [
        p.accepted
          ? `${p.mentorName} is now your mentor. Open your shared space and propose a first session.`
          : `${p.mentorName} cannot mentor you at the moment. You can ask another mentor.`
      ],
      action: p.accepted ? { label: 'Open your mentorship', url: p.url } : { label: 'Find a mentor', url: p.url }
    }),
    it: (p) => ({
      subject: p.accepted
        ? `${p.mentorName} ha accettato la tua richiesta`
        : `${p.mentorName} ha rifiutato la tua richiesta`,
      greeting: GREETING.it(p.name),
      paragraphs: [
        p.accepted
          ? `${p.mentorName} ora è il tuo mentor. Apri il vostro spazio condiviso e proponi un primo incontro.`
          : `${p.mentorName} al momento non può farti da mentor. Puoi chiederlo a un altro mentor.`
      ],
      action: p.accepted ? { label: 'Apri il tuo mentoring', url: p.url } : { label: 'Trova un mentor', url: p.url }
    }),
    es: (p) => ({
      subject: p.accepted ? `${p.mentorName} ha aceptado tu solicitud` : `${p.mentorName} ha rechazado tu solicitud`,
      greeting: GREETING.es(p.name),
      paragraphs: [
        p.accepted
          ? `${p.mentorName} ya es tu mentor. Abre vuestro espacio compartido y propón una primera sesión.`
          : `${p.mentorName} no puede ser tu mentor por ahora. Puedes pedírselo a otro mentor.`
      ],
      action: p.accepted ? { label: 'Abrir tu mentoría', url: p.url } : { label: 'Buscar un mentor', url: p.url }
    })
  }
};

/**
 * A pair ended: who ended it and why (one of the fixed reasons, never the note), with a link to the archive where the
 * closing feedback waits.
 */
export const pairEndedMail: MailTemplate<{
  name: string;
  enderName: string;
  reason: 'completed' | 'not-a-fit' | 'left' | 'other';
  url: string;
}> = {
  category: 'mentorship',
  text: {
    en: (p) => ({
      subject: `${p.enderName} ended your mentorship`,
      greeting: GREETING.en(p.name),
      paragraphs: [
        `${p.enderName} ended your mentorship. Reason: ${
          { completed: 'completed', 'not-a-fit': 'no longer a good fit', left: 'left the programme', other: 'other' }[
            p.reason
          ]
        }.`,
        'Your shared space stays readable as an archive. Please take two minutes to give your feedback: your answers are not shown to the other member.'
      ],
      action: { label: 'Give your feedback', url: p.url }
    }),
    it: (p) => ({
      subject: `${p.enderName} ha concluso il vostro mentoring`,
      greeting: GREETING.it(p.name),
      paragraphs: [
        `${p.enderName} ha concluso il vostro mentoring. Motivo: ${
          { completed: 'completato', 'not-a-fit': 'non più adatto', left: 'ha lasciato il programma', other: 'altro' }[
            p.reason
          ]
        }.`,
        'Il vostro spazio condiviso resta leggibile come archivio. Prenditi due minuti per il tuo feedback: le tue risposte non sono mostrate all’altra persona.'
      ],
      action: { label: 'Dai il tuo feedback', url: p.url }
    }),
    es: (p) => ({
      subject: `${p.enderName} ha terminado vuestra mentoría`,
      greeting: GREETING.es(p.name),
      paragraphs: [
        `${p.enderName} ha terminado vuestra mentoría. Motivo: ${
          { completed: 'completada', 'not-a-fit': 'ya no encaja', left: 'dejó el programa', other: 'otro' }[p.reason]
        }.`,
        'Vuestro espacio compartido sigue disponible para leer como archivo. Dedica dos minutos a tu opinión: tus respuestas no se muestran a la otra persona.'
      ],
      action: { label: 'Dar tu opinión', url: p.url }
    })
  }
};

/**
 * The other member deleted their account, which ended the pair. Says nothing of them but the role the recipient
 * knew (not even the name: the outbox keeps the message after the account is gone).
 */
export const partnerDeletedMail: MailTemplate<{
  name: string;
  otherRole: 'mentor' | 'mentee';
  programmeName: string;
  url: string;
}> = {
  category: 'mentorship',
  text: {
    en: (p) => ({
      subject: `Your ${p.otherRole} has left ${p.programmeName}`,
      greeting: GREETING.en(p.name),
      paragraphs: [
        `Your ${p.otherRole} in ${p.programmeName} has deleted their account, so your mentorship has ended.`,
        'Your shared space stays readable as an archive; what they wrote there has been removed. Your coordinator can match you again. Please take two minutes to give your feedback.'
      ],
      action: { label: 'Give your feedback', url: p.url }
    }),
    it: (p) => ({
      subject: `${p.otherRole === 'mentor' ? 'Il tuo mentor' : 'Il tuo mentee'} ha lasciato ${p.programmeName}`,
      greeting: GREETING.it(p.name),
      paragraphs: [
        `${p.otherRole === 'mentor' ? 'Il tuo mentor' : 'Il tuo mentee'} in ${p.programmeName} ha eliminato il proprio account, quindi il vostro mentoring è concluso.`,
        'Il vostro spazio condiviso resta leggibile come archivio; ciò che aveva scritto è stato rimosso. Chi coordina può abbinarti di nuovo. Prenditi due minuti per il tuo feedback.'
      ],
      action: { label: 'Dai il tuo feedback', url: p.url }
    }),
    es: (p) => ({
      subject: `${p.otherRole === 'mentor' ? 'Tu mentor' : 'Tu mentee'} ha dejado ${p.programmeName}`,
      greeting: GREETING.es(p.name),
      paragraphs: [
        `${p.otherRole === 'mentor' ? 'Tu mentor' : 'Tu mentee'} en ${p.programmeName} ha eliminado su cuenta, así que vuestra mentoría ha terminado.`,
        'Vuestro espacio compartido sigue disponible para leer como archivo; lo que escribió se ha eliminado. La coordinación puede emparejarte de nuevo. Dedica dos minutos a tu opinión.'
      ],
      action: { label: 'Dar tu opinión', url: p.url }
    })
  }
};

/** Someone joined a programme through a join link: its coordinators are told (and asked to approve when needed). */
export const joinSignUpMail: MailTemplate<{
  name: string;
  personName: string;
  role: 'mentor' | 'mentee';
  programmeName: string;
  waiting: boolean;
  url: string;
}> = {
  category: 'requests',
  text: {
    en: (p) => ({
      subject: p.waiting
        ? `${p.personName} waits for your approval in ${p.programmeName}`
        : `${p.personName} joined ${p.programmeName}`,
      greeting: GREETING.en(p.name),
      paragraphs: [
        `${p.personName} signed up as a ${p.role} in ${p.programmeName} through a join link.`,
        p.waiting
          ? 'They were sent a link to confirm their e-mail address; you can approve them once it is confirmed.'
          : 'They were sent a link to confirm their e-mail address.'
      ],
      action: { label: p.waiting ? 'Review sign-ups' : 'Open the programme', url: p.url }
    }),
    it: (p) => ({
      subject: p.waiting
        ? `${p.personName} attende la tua approvazione in ${p.programmeName}`
        : `Nuova iscrizione a ${p.programmeName}: ${p.personName}`,
      greeting: GREETING.it(p.name),
      paragraphs: [
        `${p.personName} ha completato l'iscrizione a ${p.programmeName} come ${p.role} tramite un link di iscrizione.`,
        p.waiting
          ? 'Ha ricevuto un link per confermare il proprio indirizzo e-mail; puoi approvare l’iscrizione dopo la conferma.'
          : 'Ha ricevuto un link per confermare il proprio indirizzo e-mail.'
      ],
      action: { label: p.waiting ? 'Rivedi le iscrizioni' : 'Apri il programma', url: p.url }
    }),
    es: (p) => ({
      subject: p.waiting
        ? `${p.personName} espera tu aprobación en ${p.programmeName}`
        : `${p.personName} se ha unido a ${p.programmeName}`,
      greeting: GREETING.es(p.name),
      paragraphs: [
        `${p.personName} se ha inscrito como ${p.role} en ${p.programmeName} mediante un enlace de inscripción.`,
        p.waiting
          ? 'Ha recibido un enlace para confirmar su dirección de correo; puedes aprobar la inscripción cuando la haya confirmado.'
          : 'Ha recibido un enlace para confirmar su dirección de correo.'
      ],
      action: { label: p.waiting ? 'Revisar inscripciones' : 'Abrir el programa', url: p.url }
    })
  }
};

/** Someone replied in a community topic the person started or replied to. */
export const communityReplyMail: MailTemplate<{ name: string; authorName: string; topicTitle: string; url: string }> = {
  category: 'community',
  text: {
    en: (p) => ({
      subject: `New reply in “${p.topicTitle}”`,
      greeting: GREETING.en(p.name),
      paragraphs: [`${p.authorName} replied in “${p.topicTitle}”, a topic you took part in.`],
      action: { label: 'Read the reply', url: p.url }
    }),
    it: (p) => ({
      subject: `Nuova risposta in «${p.topicTitle}»`,
      greeting: GREETING.it(p.name),
      paragraphs: [`${p.authorName} ha risposto in «${p.topicTitle}», una discussione a cui hai partecipato.`],
      action: { label: 'Leggi la risposta', url: p.url }
    }),
    es: (p) => ({
      subject: `Nueva respuesta en «${p.topicTitle}»`,
      greeting: GREETING.es(p.name),
      paragraphs: [`${p.authorName} ha respondido en «${p.topicTitle}», un tema en el que has participado.`],
      action: { label: 'Leer la respuesta', url: p.url }
    })
  }
};

/** Unread messages in one pair, for the digest. */
export interface UnreadPair {
  otherName: string;
  count: number;
  url: string;
}

const DIGEST_WORDS: Record<
  AccountLanguage,
  { subject: string; intro: string; unread: (count: number, other: string) => string; other: string; open: string }
> = {
  en: {
    subject: 'Your daily summary',
    intro: 'Here is what happened since your last summary.',
    unread: (n, o) => `${n} unread message${n === 1 ? '' : 's'} from ${o}`,
    other: 'Also:',
    open: 'Open the platform'
  },
  it: {
    subject: 'Il tuo riepilogo del giorno',
    intro: "Ecco cos'è successo dall'ultimo riepilogo.",
    unread: (n, o) => `${n} ${n === 1 ? 'messaggio non letto' : 'messaggi non letti'} da ${o}`,
    other: 'Inoltre:',
    open: 'Apri la piattaforma'
  },
  es: {
    subject: 'Tu resumen del día',
    intro: 'Esto es lo que ha pasado desde tu último resumen.',
    unread: (n, o) => `${n} ${n === 1 ? 'mensaje sin leer' : 'mensajes sin leer'} de ${o}`,
    other: 'Además:',
    open: 'Abrir la plataforma'
  }
};

function digestText(language: AccountLanguage) {
  return (p: { name: string; unread: UnreadPair[]; lines: { label: string; url: string }[]; url: string }) => {
    const words = DIGEST_WORDS[language];
    return {
      subject: words.subject,
      greeting: GREETING[language](p.name),
      paragraphs: [words.intro],
      items: [...p.unread.map((u) => ({ label: words.unread(u.count, u.otherName), url: u.url })), ...p.lines],
      action: { label: words.open, url: p.url }
    };
  };
}

/** The daily digest: unread messages per pair, and the notices of categories set to "daily digest". */
export const digestMail: MailTemplate<{
  name: string;
  unread: UnreadPair[];
  lines: { label: string; url: string }[];
  url: string;
}> = {
  category: 'messages',
  text: { en: digestText('en'), it: digestText('it'), es: digestText('es') }
};
