import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';

describe('the admin reports totals', () => {
  it.each(locales)('read right with one of each in %s (no "1 programmes in 1 organisations")', (locale) => {
    const one = m.report_admin_totals(
      { programmes: 1, organisations: 1, joined: 1, active: 1, sessions: 1 },
      { locale }
    );
    expect(one).not.toMatch(/\b1 (programmes|organisations|programmi|organizzazioni|programas|organizaciones)\b/i);
    expect(one.match(/\b1\b/g)).toHaveLength(5);
  });
});
