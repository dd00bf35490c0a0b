import { describe, expect, it } from 'vitest';
import type { UnmatchedPerson } from '@mop/shared';
import { groupLeftOut } from './left-out';

const person = (id: string, role: 'mentor' | 'mentee', reason: string, room?: [number, number]): UnmatchedPerson => ({
  person: { id, name: id },
  role,
  reason,
  ...(room ? { used: room[0], capacity: room[1] } : {})
});

const ids = (people: UnmatchedPerson[]) => people.map((p) => p.person.id);

describe('who a matching run left out', () => {
  it('a mentor with a mentee and room left has free places; only one without any mentee is not matched', () => {
    const groups = groupLeftOut(
      [
        person('mentee-alone', 'mentee', 'no-eligible-mentor'),
        person('mentor-none', 'mentor', 'no-eligible-mentee', [0, 2]),
        person('mentor-one-of-two', 'mentor', 'eligible-mentees-all-matched', [1, 2]),
        person('mentor-full', 'mentor', 'no-free-capacity', [2, 2]),
        person('mentee-paired', 'mentee', 'already-matched'),
        person('mentor-incomplete', 'mentor', 'profile-incomplete')
      ],
      []
    );
    expect(ids(groups.notMatched)).toEqual(['mentee-alone', 'mentor-none', 'mentor-incomplete']);
    expect(ids(groups.freePlaces)).toEqual(['mentor-one-of-two']);
    expect(ids(groups.alreadyPaired)).toEqual(['mentor-full', 'mentee-paired']);
  });

  it('a mentor given a mentee by the run itself has free places, whatever its stored figures say', () => {
    const groups = groupLeftOut(
      [person('mentor-a', 'mentor', 'no-eligible-mentee', [0, 1])],
      [{ mentor: { id: 'mentor-a' } }]
    );
    expect(ids(groups.freePlaces)).toEqual(['mentor-a']);
    expect(groups.notMatched).toEqual([]);
  });
});
