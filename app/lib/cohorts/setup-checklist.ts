import { m } from '$lib/paraglide/messages.js';
import type { PrivacyNotice } from '@mop/shared';

/** One step an admin takes before inviting people, with whether the server says it is done. */
export interface ChecklistItem {
  id: 'name' | 'notice' | 'imprint' | 'mail';
  done: boolean;
  label: string;
  /** What is missing, or what was found. */
  detail: string;
  href: string;
}

export interface ChecklistFacts {
  platformName: string;
  privacy: Pick<PrivacyNotice, 'noticeCompleted' | 'imprintCompleted'>;
  /** The outbox: whether a mail server is configured, how many messages left and how many failed. */
  mail: { smtpConfigured: boolean; sent: number; failed: number };
}

/**
 * The Admin home's "Before you invite people" list, from the real settings: people acknowledge the privacy notice
 * when they sign up, read the imprint, and get their invitation by e-mail.
 */
export function setupChecklist({ platformName, privacy, mail }: ChecklistFacts): ChecklistItem[] {
  let mailDetail: string;
  if (!mail.smtpConfigured) mailDetail = m.checklist_mail_no_smtp();
  else if (mail.sent === 0 && mail.failed > 0) mailDetail = m.checklist_mail_failed({ count: mail.failed });
  else if (mail.sent === 0) mailDetail = m.checklist_mail_none_sent();
  else mailDetail = m.checklist_mail_sent({ count: mail.sent });
  return [
    {
      id: 'name',
      done: platformName.trim() !== '',
      label: m.checklist_name(),
      detail: m.checklist_name_detail({ name: platformName }),
      href: '#platform'
    },
    {
      id: 'notice',
      done: privacy.noticeCompleted,
      label: m.checklist_notice(),
      detail: privacy.noticeCompleted ? m.checklist_notice_done() : m.checklist_notice_todo(),
      href: '/admin/privacy'
    },
    {
      id: 'imprint',
      done: privacy.imprintCompleted,
      label: m.checklist_imprint(),
      detail: privacy.imprintCompleted ? m.checklist_imprint_done() : m.checklist_imprint_todo(),
      href: '/admin/privacy'
    },
    {
      id: 'mail',
      done: mail.smtpConfigured && mail.sent > 0,
      label: m.checklist_mail(),
      detail: mailDetail,
      href: '/admin/outbox'
    }
  ];
}
