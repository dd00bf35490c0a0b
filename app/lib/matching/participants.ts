import type { Participant } from '@mop/shared';

export type ParticipantFilter = 'all' | 'complete' | 'incomplete' | 'matched';

/** Counts for the participants summary. */
export function participantCounts(participants: readonly Participant[]) {
  const mentors = participants.filter((p) => p.role === 'mentor');
  const mentees = participants.filter((p) => p.role === 'mentee');
  return {
    mentors: mentors.length,
    mentees: mentees.length,
    complete: participants.filter((p) => p.profileComplete).length,
    incomplete: participants.filter((p) => !p.profileComplete).length,
    matched: participants.filter((p) => p.activeMentorships > 0).length,
    freeSlots: mentors.filter((p) => p.profileComplete).reduce((sum, p) => sum + Math.max(0, p.freeCapacity), 0),
    unmatchedMentees: mentees.filter((p) => p.activeMentorships === 0).length
  };
}

/** The participants a filter keeps, mentors first, then by name. */
export function filterParticipants(participants: readonly Participant[], filter: ParticipantFilter): Participant[] {
  const kept = participants.filter((p) => {
    if (filter === 'complete') return p.profileComplete;
    if (filter === 'incomplete') return !p.profileComplete;
    if (filter === 'matched') return p.activeMentorships > 0;
    return true;
  });
  return kept.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'mentor' ? -1 : 1));
}
