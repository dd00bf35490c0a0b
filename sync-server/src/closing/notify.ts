import type { EndReason } from '@mop/shared';
import type { ModuleContext } from '../module.ts';
import type { MailTemplate } from '../mail/index.ts';
import { pairEndedMail } from '../notifications/templates.ts';

/** A pair has ended: who ended it, and whom to tell. */
export interface MentorshipEndedEvent {
  mentorshipId: string;
  programmeId: string;
  reason: EndReason;
  /** Who ended it (a member, a coordinator or an admin). */
  endedBy: string;
  /** The pair's members other than `endedBy`: both of them when a coordinator ended the pair. */
  recipients: string[];
}

/**
 * The one place that tells people a pair ended, called inside the ending's transaction. In the app the news is
 * the ending itself: the mentorship list carries it (`Mentorship.ending`) and the notifications page derives "X
 * ended your mentorship" from it, offline too. By e-mail (or the daily digest, as each person chose for the
 * `mentorship` category) through `ctx.notify`, queued in the same transaction as the ending. The e-mail names the
 * reason, never the end note: that stays in the app like the pair's other texts.
 */
export function tellOtherMembers(ctx: ModuleContext, event: MentorshipEndedEvent): void {
  const enderName = ctx.store.findUserById(event.endedBy)?.name ?? '';
  // The button says "Give your feedback": it opens the feedback form, one link away from the archive.
  const url = `${ctx.publicUrl}/mentoring/${encodeURIComponent(event.mentorshipId)}/feedback`;
  for (const userId of event.recipients) {
    const person = ctx.store.findUserById(userId);
    if (!person) continue;
    ctx.notify.notify({
      userId,
      category: 'mentorship',
      template: pairEndedMail,
      params: { name: person.name, enderName, reason: event.reason, url },
      url
    });
  }
  ctx.logger.info('mentorship ended', {
    mentorshipId: event.mentorshipId,
    reason: event.reason,
    recipients: event.recipients.length
  });
}

/** A coordinator withdrew a match before either member opened the pair: who the other member was, and the programme. */
const matchWithdrawnMail: MailTemplate<{ name: string; otherName: string; programmeName: string; url: string }> = {
  category: 'matches',
  text: {
    en: (p) => ({
      subject: `Your match with ${p.otherName} was withdrawn`,
      greeting: `Hello ${p.name},`,
      paragraphs: [
        `In ${p.programmeName}, your coordinator withdrew your match with ${p.otherName} before either of you opened it. Nothing you wrote is lost: the pair had not been used.`,
        'The link in the earlier "you were matched" e-mail no longer opens a pair. Your coordinator will match you again or contact you.'
      ],
      action: { label: 'Your mentorships', url: p.url }
    }),
    it: (p) => ({
      subject: `Il tuo abbinamento con ${p.otherName} è stato ritirato`,
      greeting: `Ciao ${p.name},`,
      paragraphs: [
        `In ${p.programmeName}, la persona che coordina il programma ha ritirato il tuo abbinamento con ${p.otherName} prima che uno di voi lo aprisse. Non hai perso nulla: la coppia non era ancora stata usata.`,
        'Il link dell’e-mail precedente sull’abbinamento non apre più la coppia. Chi coordina ti abbinerà di nuovo o ti contatterà.'
      ],
      action: { label: 'I tuoi mentoring', url: p.url }
    }),
    es: (p) => ({
      subject: `Se ha retirado tu emparejamiento con ${p.otherName}`,
      greeting: `Hola, ${p.name}:`,
      paragraphs: [
        `En ${p.programmeName}, la coordinación del programa ha retirado tu emparejamiento con ${p.otherName} antes de que ninguno de los dos lo abriera. No has perdido nada: la pareja aún no se había usado.`,
        'El enlace del correo anterior sobre el emparejamiento ya no abre la pareja. La coordinación volverá a emparejarte o se pondrá en contacto contigo.'
      ],
      action: { label: 'Tus mentorías', url: p.url }
    })
  }
};

/**
 * A coordinator unpublished a pair neither member had opened: both members are told (category `matches`, as they
 * chose), since the "you were matched" e-mail they received now leads to a pair that is gone. Called inside the
 * unpublishing's transaction.
 */
export function tellMatchWithdrawn(
  ctx: ModuleContext,
  pair: { mentorId: string; menteeId: string },
  programmeName: string
): void {
  const url = `${ctx.publicUrl}/mentoring`;
  for (const [userId, otherId] of [
    [pair.mentorId, pair.menteeId],
    [pair.menteeId, pair.mentorId]
  ] as const) {
    const person = ctx.store.findUserById(userId);
    if (!person) continue;
    const otherName = ctx.store.findUserById(otherId)?.name ?? '';
    ctx.notify.notify({
      userId,
      category: 'matches',
      template: matchWithdrawnMail,
      params: { name: person.name, otherName, programmeName, url },
      url
    });
  }
}
