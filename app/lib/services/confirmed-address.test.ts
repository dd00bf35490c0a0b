import { describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime.js';
import { confirmedAddressMessage } from './confirmed-address';

describe('the /confirm-email page once the link worked', () => {
  it('speaks of a new address only after an e-mail change', () => {
    setLocale('en', { reload: false });
    expect(confirmedAddressMessage({ email: 'ana@example.org', changed: true })).toBe(
      'Done: your account now uses ana@example.org. Sign in with it from now on.'
    );
    const first = confirmedAddressMessage({ email: 'ana@example.org', changed: false });
    expect(first).toBe('Done: your e-mail address ana@example.org is confirmed.');
    expect(first).not.toMatch(/now uses|from now on/);
  });

  it('reads an older server, which does not say, as a change', () => {
    setLocale('en', { reload: false });
    expect(confirmedAddressMessage({ email: 'ana@example.org' })).toContain('now uses');
  });
});
