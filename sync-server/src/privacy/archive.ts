import { zipSync, strToU8, type Zippable } from 'fflate';
import type { UserDataFile } from '../module.ts';

/** What each module's folder holds, for the README inside the archive. Modules not listed are described generically. */
const FOLDER_NOTES: Record<string, string> = {
  mail: 'mails-to-you.json: the e-mails the platform sent (or was about to send) to your address, with their text.',
  accounts:
    'account.json: your account (name, e-mail, role, language, time zone). sessions.json: the devices signed in.',
  mentorships:
    'pairs.json: your mentoring pairs (programme, the other member, status, why you were matched). ' +
    'matching-profile.json: your matching questionnaire.',
  matching:
    'match-requests.json: requests you sent or received. matching-runs.json: from each matching run that considered ' +
    'you, the pairs proposed with you (with score and reasons) or why you were left out.',
  workspace:
    "pair-<id>/: each pair's shared workspace: notes/*.md (session notes as Markdown), messages.json, sessions.ics " +
    '(open it in any calendar) and sessions.json, goals.json, reflections.json, steps.json (MENTRA steps), ' +
    'pins.json, availability.json. uploads/: the files you uploaded, as they were uploaded (uploaded-files.json ' +
    'lists them). community-posts.json: what you posted in programme discussions. calendar-feed.json: whether you ' +
    'have a private calendar feed.',
  cohorts:
    'memberships.json: your programmes and roles. invitations.json: invitations to your address. ' +
    'join-requests.json: requests waiting for approval. audit-entries.json: admin and coordinator actions about you ' +
    '(or done by you).',
  'learning-modules':
    'certificates.json: certificates you earned while signed in. module-progress.json: your progress through the ' +
    'self-learning modules.',
  closing:
    'closing-feedback.json: the closing feedback you gave (ratings, answers, whether the coordinator may read it with ' +
    'your name). mentorships-ended.json: the pairs you ended, with the reason and your note.',
  privacy:
    'access-log.json: when coordinators and admins looked at your personal data. acknowledgements.json: when you ' +
    'acknowledged the privacy notice.'
};

/** One module's files. */
export interface ArchivePart {
  module: string;
  files: UserDataFile[];
}

/** The README at the root of the archive: who, when, and what each file is. */
export function archiveReadme(
  person: { name: string; email: string },
  at: Date,
  parts: ArchivePart[],
  /** The install's own privacy page (`<public URL>/privacy`). */
  privacyUrl: string
): string {
  const sections = parts
    .filter((part) => part.files.length > 0)
    .map((part) => {
      const list = part.files.map((file) => `  - ${part.module}/${file.path}`).join('\n');
      return `## ${part.module}/\n\n${FOLDER_NOTES[part.module] ?? 'Files of this part of MOP.'}\n\n${list}`;
    });
  return [
    '# Your data in MOP',
    '',
    `This archive holds everything the MOP platform stores about ${person.name} <${person.email}>, as of ` +
      `${at.toISOString()}. It was made from every part of the platform, each in its own folder. Files are open ` +
      'formats: JSON (any text editor), Markdown (.md, plain text), iCalendar (.ics) and your uploads as they were.',
    '',
    "Your pairs' workspaces are shared with the other member of the pair: their folders hold the whole conversation " +
      'and the notes of that pair, since they are your record too, but nothing of any other pair.',
    '',
    'What the platform does with this data, how long it keeps it and how to have it erased: read the privacy notice ' +
      `on the platform itself, ${privacyUrl}. You can also download this archive again, correct your data or delete ` +
      'your account there, in your account settings.',
    '',
    ...sections.flatMap((section) => [section, ''])
  ].join('\n');
}

/** Packs the parts into one zip: `README.md` and one folder per module. */
export function buildArchive(readme: string, parts: ArchivePart[], at: Date): Uint8Array {
  const entries: Zippable = { 'README.md': [strToU8(readme), { mtime: at }] };
  for (const part of parts) {
    for (const file of part.files) {
      const bytes = typeof file.content === 'string' ? strToU8(file.content) : file.content;
      entries[`${part.module}/${file.path}`] = [bytes, { mtime: at }];
    }
  }
  return zipSync(entries, { level: 6 });
}
