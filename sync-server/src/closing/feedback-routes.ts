import { Hono } from 'hono';
import {
  FeedbackAnswerSchema,
  FeedbackQuestionsSchema,
  type MyFeedback,
  type ProgrammeFeedback,
  type ProgrammeFeedbackQuestions
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import { coordinatedProgramme, pairOr404 } from './access.ts';
import type { ClosingStore, FeedbackRecord } from './store.ts';

/** The mean of some ratings to two decimals, or null for none. */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** A stored feedback as its author reads it back. */
function ownAnswer(record: FeedbackRecord): NonNullable<MyFeedback['mine']> {
  return {
    relationshipRating: record.relationshipRating,
    programmeRating: record.programmeRating,
    helped: record.helped,
    improve: record.improve,
    answers: record.answers,
    shareIndividually: record.shareIndividually,
    submittedAt: record.submittedAt
  };
}

/** How many gave each rating 1..5. */
const distribution = (values: readonly number[]) => [1, 2, 3, 4, 5].map((r) => values.filter((x) => x === r).length);

/**
 * Closing feedback. A member reads and writes only their own (the other member never sees it, not even whether it
 * was given); the coordinator reads totals, and a respondent's answers only when they agreed (`shareIndividually`).
 */
export function feedbackRoutes(ctx: ModuleContext, closing: ClosingStore): Hono {
  const app = new Hono();

  /** The pair of `:id` for one of its two members; coordinators and admins are refused: this is the member's own. */
  const ownPair = (id: string, userId: string) => {
    const pair = pairOr404(closing, id);
    if (pair.mentorId !== userId && pair.menteeId !== userId)
      throw new ApiRefusal(403, 'forbidden', 'Only the two members of a pair give its closing feedback');
    return pair;
  };

  app.get(
    '/mentorships/:id/feedback',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const pair = ownPair(c.req.param('id') ?? '', user.id);
      const mine = closing.feedbackOf(pair.id, user.id);
      const body: MyFeedback = {
        mentorshipId: pair.id,
        questions: closing.questions(pair.programmeId),
        open: pair.status === 'closed',
        mine: mine ? ownAnswer(mine) : null
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    })
  );

  app.put(
    '/mentorships/:id/feedback',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const pair = ownPair(c.req.param('id') ?? '', user.id);
      const answer = await readBody(c, FeedbackAnswerSchema);
      if (pair.status !== 'closed')
        throw new ApiRefusal(409, 'mentorship_active', 'Closing feedback opens once the mentorship has ended');
      const questions = closing.questions(pair.programmeId);
      if (answer.answers.length > questions.length)
        throw new ApiRefusal(400, 'invalid_request', `answers: this programme asks ${questions.length} question(s)`);
      const record: FeedbackRecord = {
        ...answer,
        answers: questions.map((_, index) => answer.answers[index] ?? ''),
        mentorshipId: pair.id,
        userId: user.id,
        submittedAt: ctx.now().toISOString()
      };
      closing.saveFeedback(record);
      const body: MyFeedback = {
        mentorshipId: pair.id,
        questions,
        open: true,
        mine: ownAnswer(record)
      };
      return c.json(body);
    })
  );

  app.get(
    '/programmes/:id/feedback-questions',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(ctx, closing, user, c.req.param('id') ?? '');
      const body: ProgrammeFeedbackQuestions = {
        programmeId: programme.id,
        questions: closing.questions(programme.id)
      };
      return c.json(body);
    })
  );

  app.put(
    '/programmes/:id/feedback-questions',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(ctx, closing, user, c.req.param('id') ?? '');
      const { questions } = await readBody(c, FeedbackQuestionsSchema);
      if (programme.archivedAt)
        throw new ApiRefusal(409, 'programme_archived', 'This programme is archived and read-only');
      ctx.transaction(() => {
        closing.saveQuestions(programme.id, questions, ctx.now().toISOString());
        ctx.audit.record(user, {
          action: 'programme.feedback-questions',
          programmeId: programme.id,
          targetLabel: programme.name,
          details: { questions: questions.length }
        });
      });
      const body: ProgrammeFeedbackQuestions = { programmeId: programme.id, questions };
      return c.json(body);
    })
  );

  app.get(
    '/programmes/:id/feedback',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(ctx, closing, user, c.req.param('id') ?? '');
      const all = closing.programmeFeedback(programme.id);
      const pairs = new Map(closing.listPairs(programme.id).map((pair) => [pair.id, pair]));
      const shared = all.filter((f) => f.shareIndividually);
      if (shared.length > 0)
        ctx.access.record(user, {
          subjectUserIds: shared.map((f) => f.userId),
          programmeId: programme.id,
          what: 'feedback'
        });
      const relationship = all.map((f) => f.relationshipRating);
      const overall = all.map((f) => f.programmeRating);
      const body: ProgrammeFeedback = {
        programmeId: programme.id,
        questions: closing.questions(programme.id),
        responses: all.length,
        relationshipAverage: average(relationship),
        programmeAverage: average(overall),
        relationshipDistribution: distribution(relationship),
        programmeDistribution: distribution(overall),
        shared: shared.map((f) => {
          const pair = pairs.get(f.mentorshipId);
          return {
            mentorshipId: f.mentorshipId,
            respondent: { id: f.userId, name: ctx.store.findUserById(f.userId)?.name ?? '' },
            role: pair?.mentorId === f.userId ? ('mentor' as const) : ('mentee' as const),
            relationshipRating: f.relationshipRating,
            programmeRating: f.programmeRating,
            helped: f.helped,
            improve: f.improve,
            answers: f.answers,
            submittedAt: f.submittedAt
          };
        })
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    })
  );

  return app;
}
