import { describe, expect, it } from 'vitest';
import { availabilityFromQuestionnaire } from './questionnaire-availability';

describe('the pair’s availability from the matching questionnaire', () => {
  it('takes the questionnaire’s blocks and zone, joining blocks that touch', () => {
    expect(
      availabilityFromQuestionnaire(
        {
          timeZone: 'Europe/Rome',
          availability: [
            { day: 4, start: '12:00', end: '13:00' },
            { day: 1, start: '08:00', end: '12:00' },
            { day: 1, start: '12:00', end: '17:00' },
            { day: 1, start: '16:00', end: '18:30' },
            { day: 2, start: '09:00', end: '09:00' }
          ]
        },
        'UTC'
      )
    ).toEqual({
      timeZone: 'Europe/Rome',
      slots: [
        { day: 1, start: '08:00', end: '18:30' },
        { day: 4, start: '12:00', end: '13:00' }
      ]
    });
  });

  it('uses the device’s zone when the questionnaire has none, and keeps at most 50 blocks', () => {
    const hourly = Array.from({ length: 7 * 12 }, (_, i) => ({
      day: Math.floor(i / 12),
      start: `${String((i % 12) * 2).padStart(2, '0')}:00`,
      end: `${String((i % 12) * 2).padStart(2, '0')}:30`
    }));
    const result = availabilityFromQuestionnaire({ timeZone: '', availability: hourly }, 'America/Bogota');
    expect(result?.timeZone).toBe('America/Bogota');
    expect(result?.slots).toHaveLength(50);
  });

  it('gives nothing to prefill when the questionnaire has no blocks', () => {
    expect(availabilityFromQuestionnaire({ timeZone: 'Europe/Rome', availability: [] }, 'UTC')).toBeNull();
    expect(availabilityFromQuestionnaire(null, 'UTC')).toBeNull();
  });
});
