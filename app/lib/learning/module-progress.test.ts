import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LearningModuleSchema } from '@mop/shared';
import {
  keptAnswers,
  learnerNameProblem,
  lessonPlace,
  moduleStatus,
  refusalIsFinal,
  unansweredQuestions
} from './module-progress';
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
const progress = (p: Partial<StoredModuleProgress>): StoredModuleProgress => ({
  moduleId: 'm',
  lessonsDone: [],
  draftAnswers: {},
  attempts: [],
  updatedAt: '2025-01-01T00:00:00Z',
  ...p
});
const attempt = (percent: number, passed: boolean) => ({
  at: '2025-01-02T00:00:00Z',
  moduleVersion: 1,
  correct: 0,
  total: 2,
  percent,
  passed,
  answers: {}
});

describe('moduleStatus', () => {
  it('starts at the first lesson with an empty bar', () => {
    expect(moduleStatus(module, undefined)).toEqual({
      state: 'not-started',
      lessonsDone: 0,
      lessonCount: 2,
      percent: 0,
      next: { kind: 'lesson', lessonId: 'one' },
      attempts: 0,
      bestPercent: null
    });
  });

  it('continues at the first lesson not done, in lesson order, and ignores lessons the module no longer has', () => {
    const status = moduleStatus(module, progress({ lessonsDone: ['two', 'gone'] }));
    expect(status).toMatchObject({
      state: 'in-progress',
      lessonsDone: 1,
      percent: 33,
      next: { kind: 'lesson', lessonId: 'one' }
    });
  });

  it('goes to the quiz once every lesson is done, and is full only when a quiz attempt passed', () => {
    const failed = moduleStatus(module, progress({ lessonsDone: ['one', 'two'], attempts: [attempt(50, false)] }));
    expect(failed).toMatchObject({
      state: 'in-progress',
      percent: 67,
      next: { kind: 'quiz' },
      attempts: 1,
      bestPercent: 50
    });
    const passed = moduleStatus(
      module,
      progress({ lessonsDone: ['one', 'two'], attempts: [attempt(50, false), attempt(100, true)] })
    );
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

describe('certificates', () => {
  it('checks a name as the server will: empty, too long, control or bidi-override characters refused; ZWJ allowed', () => {
    expect(learnerNameProblem('  Ada Lovelace ')).toBeNull();
    expect(learnerNameProblem('   ')).toBe('empty');
    expect(learnerNameProblem('x'.repeat(121))).toBe('too-long');
    expect(learnerNameProblem('Ada\u0007')).toBe('characters');
    expect(learnerNameProblem('Ada\u202Eecalevol')).toBe('characters');
    expect(learnerNameProblem('\u0645\u06cc\u200c\u0631\u0648')).toBeNull();
  });

  it("gives up on a registration only for the server's own refusals of the request", () => {
    expect(refusalIsFinal(422, 'not_passed')).toBe(true);
    expect(refusalIsFinal(409, 'module_updated')).toBe(true);
    expect(refusalIsFinal(400, 'invalid_request')).toBe(true);
    expect(refusalIsFinal(404, 'not_found')).toBe(true);
    // A captive portal's or proxy's page is not the server speaking; rate limits and server errors pass.
    expect(refusalIsFinal(404, 'http_error')).toBe(false);
    expect(refusalIsFinal(403, 'forbidden')).toBe(false);
    expect(refusalIsFinal(429, 'too_many_requests')).toBe(false);
    expect(refusalIsFinal(500, 'internal_error')).toBe(false);
    expect(refusalIsFinal(200, 'bad_response')).toBe(false);
  });

  it('does not take a question id such as constructor for an answer', () => {
    const odd = { ...module, quiz: [{ ...module.quiz[0]!, id: 'constructor' }] };
    expect(unansweredQuestions(odd, {}).map((q) => q.id)).toEqual(['constructor']);
  });
});
