import { describe, expect, it } from 'vitest';
import { isSafeLinkHref, normaliseLinkHref } from './links';

describe('note links', () => {
  it('keeps http(s) and mailto links as typed', () => {
    expect(normaliseLinkHref('https://example.org/a?b=1#c')).toBe('https://example.org/a?b=1#c');
    expect(normaliseLinkHref('  http://example.org ')).toBe('http://example.org');
    expect(normaliseLinkHref('mailto:ada@example.org')).toBe('mailto:ada@example.org');
  });

  it('completes a bare domain or e-mail address', () => {
    expect(normaliseLinkHref('example.org/guide')).toBe('https://example.org/guide');
    expect(normaliseLinkHref('localhost.dev:8080/x')).toBe('https://localhost.dev:8080/x');
    expect(normaliseLinkHref('ada@example.org')).toBe('mailto:ada@example.org');
  });

  it('refuses other schemes and text that is not a link', () => {
    for (const input of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://example.org',
      'vbscript:msgbox',
      'https://',
      'mailto:nobody',
      'just words',
      'https://exa mple.org',
      ''
    ]) {
      expect(normaliseLinkHref(input), input).toBeNull();
    }
  });

  it('checks hrefs that arrive by paste or from the other member', () => {
    expect(isSafeLinkHref('https://example.org')).toBe(true);
    expect(isSafeLinkHref('mailto:a@b.org')).toBe(true);
    expect(isSafeLinkHref('javascript:alert(1)')).toBe(false);
    expect(isSafeLinkHref('/relative')).toBe(false);
  });
});
