import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LearningModuleSchema, gradeQuiz } from '@mop/shared';
import { getModuleProgress } from './modules.service';
import { QuizAttempt } from './quiz-attempt.svelte';

const question = (id: string, answer: number) => ({
  id,
  prompt: `Question ${id}?`,
  options: ['A', 'B', 'C'],
  answer,
  explanation: 'Because.'
});

let count = 0;
/** A fresh module per test, so that the progress kept in (in-memory) IndexedDB never leaks between tests. */
const newModule = () =>
  v.parse(LearningModuleSchema, {
    id: `module-${++count}`,
    title: 'Listening',
    summary: 'S',
    audience: ['mentor'],
    language: 'en',
    estimatedMinutes: 10,
    version: 1,
    updatedAt: '2025-01-01',
    lessons: [{ id: 'l', title: 'L', body: 'Text' }],
    quiz: [question('q1', 0), question('q2', 1), question('q3', 2), question('q4', 0), question('q5', 1)]
  });

const blank = { answers: {}, grade: null, certificate: null };

describe('QuizAttempt', () => {
  it('names the unanswered questions, in order, and forgets one once answered', async () => {
    const attempt = new QuizAttempt(newModule(), blank);
    await attempt.choose('q1', 0);
    await attempt.choose('q3', 2);
    expect(attempt.answeredCount).toBe(2);
    expect(await attempt.check()).toEqual({ kind: 'unanswered', firstId: 'q2' });
    expect([...attempt.missing]).toEqual(['q2', 'q4', 'q5']);
    expect(attempt.error).toMatch(/2, 4, 5/);
    await attempt.choose('q4', 0);
    expect([...attempt.missing]).toEqual(['q2', 'q5']);
    expect(attempt.error).toBeNull();
    expect(attempt.grade).toBeNull();
  });

  it('says so when nothing is ticked, and marks every question', async () => {
    const attempt = new QuizAttempt(newModule(), blank);
    expect(await attempt.check()).toEqual({ kind: 'unanswered', firstId: 'q1' });
    expect(attempt.missing.size).toBe(5);
    expect(attempt.error).toMatch(/not ticked any answer/);
    expect(attempt.grade).toBeNull();
  });

  it('keeps the draft on this device after every choice', async () => {
    const module = newModule();
    const attempt = new QuizAttempt(module, blank);
    await attempt.choose('q1', 2);
    await attempt.choose('q1', 0);
    expect((await getModuleProgress(module.id))?.draftAnswers).toEqual({ q1: 0 });
  });

  it('grades a complete attempt, records it and clears the draft; answers are frozen until "try again"', async () => {
    const module = newModule();
    const attempt = new QuizAttempt(module, blank);
    for (const [id, option] of [
      ['q1', 0],
      ['q2', 1],
      ['q3', 2],
      ['q4', 0],
      ['q5', 0]
    ] as const)
      await attempt.choose(id, option);
    expect(await attempt.check()).toEqual({ kind: 'graded' });
    expect(attempt.grade).toMatchObject({ correct: 4, total: 5, passed: true });
    const progress = await getModuleProgress(module.id);
    expect(progress?.attempts).toHaveLength(1);
    expect(progress?.draftAnswers).toEqual({});
    await attempt.choose('q5', 1);
    expect(attempt.answers.q5).toBe(0);
    attempt.tryAgain();
    expect(attempt.grade).toBeNull();
    expect(attempt.answers).toEqual({});
    expect(attempt.missing.size).toBe(0);
  });

  it('starts from a restored pass with its certificate', () => {
    const module = newModule();
    const answers = { q1: 0, q2: 1, q3: 2, q4: 0, q5: 1 };
    const attempt = new QuizAttempt(module, { answers, grade: gradeQuiz(module, answers), certificate: null });
    expect(attempt.grade?.passed).toBe(true);
    expect(attempt.questionNumber('q3')).toBe(3);
  });
});
