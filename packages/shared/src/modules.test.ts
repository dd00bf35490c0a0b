import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CertificateRequestSchema, LearningModuleSchema, gradeQuiz, normaliseCertificateCode } from './modules.ts';

const question = (id: string, answer: number) => ({
  id,
  prompt: `Question ${id}?`,
  options: ['a', 'b', 'c'],
  answer,
  explanation: 'Because.'
});
const module = v.parse(LearningModuleSchema, {
  id: 'm',
  title: 'M',
  summary: 'S',
  audience: ['mentor'],
  language: 'en',
  estimatedMinutes: 10,
  version: 1,
  updatedAt: '2025-01-01',
  lessons: [{ id: 'l', title: 'L', body: 'Text' }],
  quiz: [question('q1', 0), question('q2', 1), question('q3', 2), question('q4', 0), question('q5', 1)]
});

describe('gradeQuiz', () => {
  it('passes exactly at the pass mark (4 of 5 at 80%) and fails just below it', () => {
    expect(module.passPercent).toBe(80);
    const four = gradeQuiz(module, { q1: 0, q2: 1, q3: 2, q4: 0, q5: 0 });
    expect(four).toMatchObject({ correct: 4, total: 5, percent: 80, passed: true, unanswered: 0 });
    expect(four.right).toEqual([true, true, true, true, false]);
    expect(gradeQuiz(module, { q1: 0, q2: 1, q3: 2, q4: 1, q5: 0 })).toMatchObject({
      correct: 3,
      percent: 60,
      passed: false
    });
  });

  it('counts unanswered questions as wrong, ignores unknown question ids and out-of-range options', () => {
    const grade = gradeQuiz(module, { q1: 0, q2: 9, zz: 1 });
    expect(grade).toMatchObject({ correct: 1, unanswered: 3, passed: false });
  });

  it('rounds the percentage down so a shown percentage never overstates', () => {
    const three = v.parse(LearningModuleSchema, { ...module, passPercent: 66, quiz: module.quiz.slice(0, 3) });
    expect(gradeQuiz(three, { q1: 0, q2: 1 })).toMatchObject({ percent: 66, passed: true });
  });
});

describe('module and certificate schemas', () => {
  it('refuses an answer index outside the options and duplicate question ids', () => {
    expect(v.safeParse(LearningModuleSchema, { ...module, quiz: [question('q1', 3)] }).success).toBe(false);
    expect(v.safeParse(LearningModuleSchema, { ...module, quiz: [question('q1', 0), question('q1', 1)] }).success).toBe(
      false
    );
  });

  it('refuses a certificate request with an empty or control-character name, or unknown fields', () => {
    const ok = {
      requestId: 'a'.repeat(20),
      learnerName: '  Ada Lovelace ',
      answers: { q1: 0 },
      completedAt: '2026-01-01T10:00:00.000Z',
      moduleVersion: 1
    };
    expect(v.parse(CertificateRequestSchema, ok).learnerName).toBe('Ada Lovelace');
    expect(v.safeParse(CertificateRequestSchema, { ...ok, learnerName: '   ' }).success).toBe(false);
    expect(v.safeParse(CertificateRequestSchema, { ...ok, learnerName: 'Ada\u0000' }).success).toBe(false);
    expect(v.safeParse(CertificateRequestSchema, { ...ok, extra: 1 }).success).toBe(false);
    expect(v.safeParse(CertificateRequestSchema, { ...ok, answers: { q1: -1 } }).success).toBe(false);
  });

  it('normalises a typed certificate code', () => {
    expect(normaliseCertificateCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseCertificateCode('ABCD-EFGH-JKM')).toBeNull();
    // 0, O, 1 and I are not in the alphabet.
    expect(normaliseCertificateCode('ABCD-EFGH-JKM0')).toBeNull();
  });
});
