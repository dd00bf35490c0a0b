import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LearningModuleSchema } from '@mop/shared';
import { keptAnswers, lessonPlace, moduleStatus, unansweredQuestions } from './module-progress';
import type { StoredModuleProgress } from './learning-db';

const module = v.parse(LearningModuleSchema, {
  id: 'm',
  title: 'M',
  summary: 'S',
  audience: ['mentee'],
  language: 'en',
  estimatedMinutes: 5,
  version: 1,
  updatedAt: '2025-01-01',
  lessons: [
    { id: 'one', title: 'One', body: 'x' },
    { id: 'two', title: 'Two', body: 'y' }
  ],
  quiz: [
    { id: 'q1', prompt: 'P?', options: ['a', 'b'], answer: 1, explanation: 'E' },
    { id: 'q2', prompt: 'Q?', options: ['a', 'b', 'c'], answer: 2, explanation: 'E' }
  ]
});
const progress = (p: Partial<StoredModuleProgress>): StoredModuleProgress => ({ moduleId: 'm', lessonsDone: [], draftAnswers: {}, attempts: [], updatedAt: '2025-01-01T00:00:00Z', ...p });
const attempt = (percent: number, passed: boolean) => ({ at: '2025-01-02T00:00:00Z', moduleVersion: 1, correct: 0, total: 2, percent, passed, answers: {} });

describe('moduleStatus', () => {
  it('starts at the first lesson with an empty bar', () => {
    expect(moduleStatus(module, undefined)).toEqual({ state: 'not-started', lessonsDone: 0, lessonCount: 2, percent: 0, next: { kind: 'lesson', lessonId: 'one' }, attempts: 0, bestPercent: null });
  });

  it('continues at the first lesson not done, in lesson order, and ignores lessons the module no longer has', () => {
    const status = moduleStatus(module, progress({ lessonsDone: ['two', 'gone'] }));
    expect(status).toMatchObject({ state: 'in-progress', lessonsDone: 1, percent: 33, next: { kind: 'lesson', lessonId: 'one' } });
  });

  it('goes to the quiz once every lesson is done, and is full only when a quiz attempt passed', () => {
    const failed = moduleStatus(module, progress({ lessonsDone: ['one', 'two'], attempts: [attempt(50, false)] }));
    expect(failed).toMatchObject({ state: 'in-progress', percent: 67, next: { kind: 'quiz' }, attempts: 1, bestPercent: 50 });
    const passed = moduleStatus(module, progress({ lessonsDone: ['one', 'two'], attempts: [attempt(50, false), attempt(100, true)] }));
    expect(passed).toMatchObject({ state: 'passed', percent: 100, bestPercent: 100 });
  });

  it('counts a quiz started before the lessons as in progress', () => {
    expect(moduleStatus(module, progress({ draftAnswers: { q1: 0 } })).state).toBe('in-progress');
  });
});

describe('lessons and answers', () => {
  it('places a lesson between its neighbours', () => {
    expect(lessonPlace(module, 'one')).toEqual({ index: 0, previous: null, next: 'two' });
    expect(lessonPlace(module, 'two')).toEqual({ index: 1, previous: 'one', next: null });
    expect(lessonPlace(module, 'nope')).toBeNull();
  });

  it('lists unanswered questions and drops answers the module cannot take', () => {
    expect(unansweredQuestions(module, { q1: 1 }).map((q) => q.id)).toEqual(['q2']);
    expect(unansweredQuestions(module, { q1: 1, q2: 5 }).map((q) => q.id)).toEqual(['q2']);
    expect(keptAnswers(module, { q1: 1, q2: 5, old: 0 })).toEqual({ q1: 1 });
  });
});
