import { describe, expect, it } from 'vitest';
import { formatInZone } from '@mop/shared';
import { describeInstant } from './instant';

describe('describeInstant', () => {
  it('gives the local 24-hour clock luxon gives, across zones and DST changes', () => {
    const instants = ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-10-25T00:59:00Z', '2026-07-01T23:05:00Z'];
    for (const zone of ['Europe/Rome', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      for (const iso of instants) {
        const luxon = formatInZone(iso, zone);
        const own = describeInstant(iso, zone);
        expect(own.clock, `${iso} in ${zone}`).toBe(luxon.time);
      }
    }
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(describeInstant('2026-01-12T00:00:00Z', 'UTC').clock).toBe('00:00');
  });
});
