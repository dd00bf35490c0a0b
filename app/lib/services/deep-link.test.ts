import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './deep-link';

describe('deep links through sign-in', () => {
  it('remembers the page and its query', () => {
    const path = loginPath(new URL('http://127.0.0.1:3000/mentoring/m-1/messages?x=1'));
    expect(path).toBe('/login?next=%2Fmentoring%2Fm-1%2Fmessages%3Fx%3D1');
    const next = new URL(path, 'http://127.0.0.1:3000').searchParams.get('next');
    expect(safeNextPath(next)).toBe('/mentoring/m-1/messages?x=1');
  });

  it('sends the home page and the login page itself to plain /login', () => {
    expect(loginPath(new URL('http://h/'))).toBe('/login');
    expect(loginPath(new URL('http://h/login?next=%2Fx'))).toBe('/login');
    expect(loginPath(null)).toBe('/login');
  });

  it('follows only paths of this app', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'mentoring',
      '/login',
      '/login?next=/x',
      '/ok\nSet-Cookie: x',
      '',
      null,
      undefined,
      `/${'a'.repeat(2001)}`
    ])
      expect([bad, safeNextPath(bad)]).toEqual([bad, null]);
    expect(safeNextPath('/mentoring/a/../b')).toBe('/mentoring/b');
    expect(safeNextPath('/programmes?tab=1')).toBe('/programmes?tab=1');
  });
});
