import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { LoginRequestSchema, describeIssues } from './api.ts';

describe('describeIssues', () => {
  it('names a missing field as required and keeps other messages', () => {
    const missing = v.safeParse(LoginRequestSchema, { email: 'a@b.org' });
    expect(missing.success).toBe(false);
    expect(describeIssues(missing.issues ?? [])).toBe('password is required');
    const wrongType = v.safeParse(LoginRequestSchema, { email: 1, password: 'x' });
    expect(describeIssues(wrongType.issues ?? [])).toBe('email: email must be a string');
  });

  it('names a missing field of a strict object as required, and an unknown one as unknown', () => {
    const strict = v.strictObject({ title: v.string(), body: v.optional(v.string()) }, 'is not a known field');
    expect(describeIssues(v.safeParse(strict, {}).issues ?? [])).toBe('title is required');
    expect(describeIssues(v.safeParse(strict, { title: 't', extra: 1 }).issues ?? [])).toBe(
      'extra: is not a known field'
    );
  });
});
