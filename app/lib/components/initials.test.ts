import { describe, expect, it } from 'vitest';
import { avatarHue, initialsOf } from './initials';

describe('initialsOf', () => {
  it('takes the first and last word of the name before a comma', () => {
    expect(initialsOf('Marta Rossi, illustrator')).toBe('MR');
    expect(initialsOf('Aoife Mary Byrne')).toBe('AB');
  });
  it('handles one word, accents, lower case and an empty name', () => {
    expect(initialsOf('ada')).toBe('A');
    expect(initialsOf('ágata núñez')).toBe('ÁN');
    expect(initialsOf('  ')).toBe('?');
  });
});

describe('avatarHue', () => {
  it('is stable for an id and spreads ids over the six hues', () => {
    expect(avatarHue('demo-mentor-1')).toBe(avatarHue('demo-mentor-1'));
    const hues = new Set(Array.from({ length: 40 }, (_, i) => avatarHue(`user-${i}`)));
    expect(hues.size).toBe(6);
  });
});
