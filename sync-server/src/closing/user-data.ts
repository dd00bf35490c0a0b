import { PairUsage } from '../mentorships/pair-usage.ts';
import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';
import type { ClosingStore } from './store.ts';

/** The closing feedback the person gave, and the pairs they ended (with their reason and note). */
export function exportClosing(closing: ClosingStore, userId: string): UserDataFile[] {
  const feedback = closing.feedbackBy(userId).map((f) => ({
    mentorshipId: f.mentorshipId,
    relationshipRating: f.relationshipRating,
    programmeRating: f.programmeRating,
    helped: f.helped,
    improve: f.improve,
    answers: f.answers,
    shareIndividually: f.shareIndividually,
    submittedAt: f.submittedAt
  }));
  const endings = closing
    .endingsBy(userId)
    .map((p) => ({ mentorshipId: p.id, reason: p.endReason, note: p.endNote ?? '', endedAt: p.closedAt }));
  return [jsonFile('closing-feedback.json', feedback), jsonFile('mentorships-ended.json', endings)];
}

/** Deletes the person's feedback and removes their name and note from the endings they made. */
export function eraseClosing(ctx: ModuleContext, closing: ClosingStore, userId: string): void {
  ctx.transaction(() => {
    closing.eraseFeedbackAndEndings(userId);
    new PairUsage(ctx.db).forgetWithdrawn(userId);
  });
}
