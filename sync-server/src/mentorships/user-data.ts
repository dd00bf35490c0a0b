import { bumpDocEpoch, eraseMemberFromPairDoc, mentorshipDocName, profileDocName, readProfile } from '@mop/shared';
import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile, readDoc } from '../storage/read-doc.ts';
import { partnerDeletedMail } from '../notifications/templates.ts';

/** A mentorship row as the export and the erasure read it. */
export interface PairRow {
  id: string;
  programme_id: string;
  programme_name: string;
  mentor_id: string;
  mentee_id: string;
  status: string;
  created_at: string;
}

/** The pairs `userId` is a member of (mentor or mentee), oldest first. */
export function pairsOf(ctx: ModuleContext, userId: string): PairRow[] {
  return ctx.db
    .prepare(
      `SELECT m.id, m.programme_id, p.name AS programme_name, m.mentor_id, m.mentee_id, m.status, m.created_at
       FROM mentorships m JOIN programmes p ON p.id = m.programme_id
       WHERE m.mentor_id = ? OR m.mentee_id = ? ORDER BY m.created_at, m.id`
    )
    .all(userId, userId) as PairRow[];
}

/** The person's pairs (who with, in which programme, why matched) and their matching profile. */
export function exportMentorships(ctx: ModuleContext, userId: string): UserDataFile[] {
  const explanation = ctx.db.prepare('SELECT explanation FROM mentorship_matches WHERE mentorship_id = ?');
  const pairs = pairsOf(ctx, userId).map((pair) => {
    const row = explanation.get(pair.id) as { explanation: string } | undefined;
    return {
      id: pair.id,
      programme: pair.programme_name,
      role: pair.mentor_id === userId ? 'mentor' : 'mentee',
      with: ctx.store.findUserById(pair.mentor_id === userId ? pair.mentee_id : pair.mentor_id)?.name ?? null,
      status: pair.status,
      createdAt: pair.created_at,
      whyMatched: row ? (JSON.parse(row.explanation) as unknown) : null
    };
  });
  const profileName = profileDocName(userId);
  const stored = ctx.store.loadDocUpdates(profileName).length > 0 || ctx.docs.liveDoc(profileName) !== undefined;
  const files = [jsonFile('pairs.json', pairs)];
  if (stored) {
    files.push(
      jsonFile(
        'matching-profile.json',
        readDoc(ctx.store, ctx.docs.liveDoc, profileName, (doc) => readProfile(doc))
      )
    );
  }
  return files;
}

/**
 * Erases the person from every pair's document by the rule of `eraseMemberFromPairDoc` (re-encoding each document
 * and bumping its epoch), closes their active pairs, and deletes their matching profile document.
 */
export function eraseMentorships(ctx: ModuleContext, userId: string): void {
  const pairs = pairsOf(ctx, userId);
  for (const pair of pairs) {
    ctx.docs.rewrite(mentorshipDocName(pair.id), (doc) => {
      eraseMemberFromPairDoc(doc, userId);
      bumpDocEpoch(doc, ctx.now());
    });
  }
  ctx.transaction(() => {
    // An active pair ends as "left the programme", by nobody named: the remaining member's app shows the ending
    // like any other (the notifications page, the pair's ending panel) without anything of the erased person.
    ctx.db
      .prepare(
        `UPDATE mentorships SET end_reason = 'left', ended_by = NULL, end_note = ''
         WHERE (mentor_id = @id OR mentee_id = @id) AND status <> 'closed'`
      )
      .run({ id: userId });
    ctx.db
      .prepare(
        `UPDATE mentorships SET status = 'closed', closed_at = coalesce(closed_at, @now)
         WHERE mentor_id = @id OR mentee_id = @id`
      )
      .run({ id: userId, now: ctx.now().toISOString() });
    for (const pair of pairs) if (pair.status !== 'closed') tellRemainingMember(ctx, pair, userId);
  });
  ctx.docs.drop(profileDocName(userId));
}

/** E-mails the other member of a pair that ended because `erasedId` deleted their account, in their language. */
function tellRemainingMember(ctx: ModuleContext, pair: PairRow, erasedId: string): void {
  const isMentor = pair.mentor_id === erasedId;
  const userId = isMentor ? pair.mentee_id : pair.mentor_id;
  const person = ctx.store.findUserById(userId);
  if (!person) return;
  const url = `${ctx.publicUrl}/mentoring/${encodeURIComponent(pair.id)}/feedback`;
  ctx.notify.notify({
    userId,
    category: 'mentorship',
    template: partnerDeletedMail,
    params: { name: person.name, otherRole: isMentor ? 'mentor' : 'mentee', programmeName: pair.programme_name, url },
    url
  });
}
