import type { MailTemplate } from '../render.ts';

/** "60 minutes", "24 hours" in each language. */
const duration = {
  en: (minutes: number) =>
    minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`,
  it: (minutes: number) =>
    minutes % 60 === 0 ? `${minutes / 60} ${minutes === 60 ? 'ora' : 'ore'}` : `${minutes} minuti`,
  es: (minutes: number) =>
    minutes % 60 === 0 ? `${minutes / 60} ${minutes === 60 ? 'hora' : 'horas'}` : `${minutes} minutos`
};

/** A password-reset link (asked by the person, or sent by an admin). */
export const passwordResetMail: MailTemplate<{ name: string; url: string; validMinutes: number }> = {
  category: 'password-reset',
  text: {
    en: ({ name, url, validMinutes }, { platformName }) => ({
      subject: `Reset your ${platformName} password`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `Someone asked to reset the password of your ${platformName} account. To choose a new one, open this link:`
      ],
      action: { label: 'Choose a new password', url },
      notes: [
        `The link works once, within ${duration.en(validMinutes)}.`,
        'If you did not ask for this, ignore this message: your password stays as it is.'
      ]
    }),
    it: ({ name, url, validMinutes }, { platformName }) => ({
      subject: `Reimposta la password di ${platformName}`,
      greeting: `Ciao ${name},`,
      paragraphs: [
        `È stato chiesto di reimpostare la password del tuo account ${platformName}. Per sceglierne una nuova, apri questo link:`
      ],
      action: { label: 'Scegli una nuova password', url },
      notes: [
        `Il link funziona una sola volta, entro ${duration.it(validMinutes)}.`,
        'Se non lo hai chiesto tu, ignora questo messaggio: la tua password resta quella di prima.'
      ]
    }),
    es: ({ name, url, validMinutes }, { platformName }) => ({
      subject: `Restablece tu contraseña de ${platformName}`,
      greeting: `Hola, ${name}:`,
      paragraphs: [
        `Alguien ha pedido restablecer la contraseña de tu cuenta de ${platformName}. Para elegir una nueva, abre este enlace:`
      ],
      action: { label: 'Elegir una contraseña nueva', url },
      notes: [
        `El enlace funciona una sola vez, durante ${duration.es(validMinutes)}.`,
        'Si no lo has pedido tú, ignora este mensaje: tu contraseña sigue siendo la misma.'
      ]
    })
  }
};

/** Sent to the new address of an e-mail change; the change happens when the link is opened. */
export const emailChangeMail: MailTemplate<{ name: string; url: string; newEmail: string; validMinutes: number }> = {
  category: 'email-change',
  text: {
    en: ({ name, url, newEmail, validMinutes }, { platformName }) => ({
      subject: `Confirm your new e-mail address for ${platformName}`,
      greeting: `Hello ${name},`,
      paragraphs: [`To use ${newEmail} for your ${platformName} account from now on, confirm it with this link:`],
      action: { label: 'Confirm this address', url },
      notes: [
        `The link works once, within ${duration.en(validMinutes)}. Until then you sign in with your old address.`,
        'If you did not ask for this, ignore this message: nothing changes.'
      ]
    }),
    it: ({ name, url, newEmail, validMinutes }, { platformName }) => ({
      subject: `Conferma il nuovo indirizzo e-mail per ${platformName}`,
      greeting: `Ciao ${name},`,
      paragraphs: [
        `Per usare d'ora in poi ${newEmail} per il tuo account ${platformName}, confermalo con questo link:`
      ],
      action: { label: 'Conferma questo indirizzo', url },
      notes: [
        `Il link funziona una sola volta, entro ${duration.it(validMinutes)}. Fino ad allora accedi con il vecchio indirizzo.`,
        'Se non lo hai chiesto tu, ignora questo messaggio: non cambia nulla.'
      ]
    }),
    es: ({ name, url, newEmail, validMinutes }, { platformName }) => ({
      subject: `Confirma tu nueva dirección de correo para ${platformName}`,
      greeting: `Hola, ${name}:`,
      paragraphs: [
        `Para usar a partir de ahora ${newEmail} en tu cuenta de ${platformName}, confírmala con este enlace:`
      ],
      action: { label: 'Confirmar esta dirección', url },
      notes: [
        `El enlace funciona una sola vez, durante ${duration.es(validMinutes)}. Hasta entonces inicias sesión con tu dirección anterior.`,
        'Si no lo has pedido tú, ignora este mensaje: no cambia nada.'
      ]
    })
  }
};

/** Told to the old address once an e-mail change is confirmed, so a hijacked account does not change silently. */
export const emailChangedNoticeMail: MailTemplate<{ name: string; newEmail: string }> = {
  category: 'email-changed',
  text: {
    en: ({ name, newEmail }, { platformName }) => ({
      subject: `Your ${platformName} e-mail address was changed`,
      greeting: `Hello ${name},`,
      paragraphs: [`Your ${platformName} account now uses ${newEmail}. Messages will go there from now on.`],
      notes: ['If you did not make this change, tell your programme coordinator or the platform admin at once.']
    }),
    it: ({ name, newEmail }, { platformName }) => ({
      subject: `L'indirizzo e-mail del tuo account ${platformName} è cambiato`,
      greeting: `Ciao ${name},`,
      paragraphs: [`Il tuo account ${platformName} ora usa ${newEmail}. D'ora in poi i messaggi arriveranno lì.`],
      notes: [
        'Se la modifica non l’hai fatta tu, avvisa subito chi coordina il programma o chi amministra la piattaforma.'
      ]
    }),
    es: ({ name, newEmail }, { platformName }) => ({
      subject: `Ha cambiado la dirección de correo de tu cuenta de ${platformName}`,
      greeting: `Hola, ${name}:`,
      paragraphs: [`Tu cuenta de ${platformName} usa ahora ${newEmail}. A partir de ahora los mensajes llegarán allí.`],
      notes: [
        'Si no has hecho tú este cambio, avisa enseguida a la coordinación del programa o a la administración de la plataforma.'
      ]
    })
  }
};

/** A new account made through a join link: confirm the address typed at sign-up (the link opens `/confirm-email`). */
export const confirmAddressMail: MailTemplate<{ name: string; programmeName: string; url: string }> = {
  category: 'email-confirm',
  text: {
    en: ({ name, programmeName, url }, { platformName }) => ({
      subject: `Confirm your e-mail address for ${platformName}`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `You signed up for ${programmeName} on ${platformName} with this address. Please confirm it is yours: your coordinator approves your place once it is confirmed.`
      ],
      action: { label: 'Confirm my address', url },
      notes: ['If you did not sign up, ignore this message: nothing will be sent to this address again.']
    }),
    it: ({ name, programmeName, url }, { platformName }) => ({
      subject: `Conferma il tuo indirizzo e-mail per ${platformName}`,
      greeting: `Ciao ${name},`,
      paragraphs: [
        `Con questo indirizzo è stata fatta un’iscrizione a ${programmeName} su ${platformName}. Conferma che è tuo: chi coordina il programma approva la tua iscrizione dopo la conferma.`
      ],
      action: { label: 'Conferma il mio indirizzo', url },
      notes: ['Se l’iscrizione non l’hai fatta tu, ignora questo messaggio: non riceverai altro a questo indirizzo.']
    }),
    es: ({ name, programmeName, url }, { platformName }) => ({
      subject: `Confirma tu dirección de correo para ${platformName}`,
      greeting: `Hola, ${name}:`,
      paragraphs: [
        `Te has inscrito en ${programmeName} en ${platformName} con esta dirección. Confirma que es tuya: la coordinación aprueba tu plaza una vez confirmada.`
      ],
      action: { label: 'Confirmar mi dirección', url },
      notes: ['Si no te has inscrito tú, ignora este mensaje: no se enviará nada más a esta dirección.']
    })
  }
};

/** A coordinator approved someone who joined through a link. */
export const joinApprovedMail: MailTemplate<{ name: string; programmeName: string; url: string }> = {
  category: 'join-approved',
  text: {
    en: ({ name, programmeName, url }) => ({
      subject: `You are in: ${programmeName}`,
      greeting: `Hello ${name},`,
      paragraphs: [
        `The coordinator approved your place in ${programmeName}. If you have not yet, answer the matching questionnaire so you can be matched.`
      ],
      action: { label: 'Open the questionnaire', url }
    }),
    it: ({ name, programmeName, url }) => ({
      subject: `Sei dentro: ${programmeName}`,
      greeting: `Ciao ${name},`,
      paragraphs: [
        `Chi coordina ha approvato la tua partecipazione a ${programmeName}. Se non l’hai ancora fatto, rispondi al questionario per l’abbinamento.`
      ],
      action: { label: 'Apri il questionario', url }
    }),
    es: ({ name, programmeName, url }) => ({
      subject: `Ya estás dentro: ${programmeName}`,
      greeting: `Hola, ${name}:`,
      paragraphs: [
        `La coordinación ha aprobado tu plaza en ${programmeName}. Si aún no lo has hecho, responde al cuestionario para que podamos emparejarte.`
      ],
      action: { label: 'Abrir el cuestionario', url }
    })
  }
};
