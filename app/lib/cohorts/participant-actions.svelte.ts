import type { Participant } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import { programmeRoleLabel } from '$lib/matching/labels';
import { changeParticipant, removeParticipant } from './cohorts.service';

/** What the coordinator is about to do to the chosen person, waiting for "Yes, do it". */
type PendingAction =
  | { kind: 'remove' }
  | { kind: 'role'; role: 'mentor' | 'mentee' }
  | { kind: 'move'; programmeId: string; programmeName: string };

/** A programme a person can be moved to. */
interface MoveTarget {
  id: string;
  name: string;
}

/**
 * The participants page's actions on one person at a time: choose the person, choose an action, confirm it. A
 * person in a pair is changed with `endPairs` only after the confirmation that says the pair ends.
 */
export class ParticipantActions {
  /** The person the dialog is open for. */
  person = $state<Participant | null>(null);
  pending = $state<PendingAction | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** The last result, as a sentence for the page's status line. */
  done = $state<string | null>(null);

  programmeId = $state('');
  programmeName = $state('');
  /** Other open programmes of this coordinator. */
  moveTargets = $state<readonly MoveTarget[]>([]);

  constructor(
    /** Reloads the participants after a change. */
    private readonly reload: () => Promise<void>
  ) {}

  /** Takes the programme as (re)loaded by the page. */
  show(programmeId: string, programmeName: string, moveTargets: readonly MoveTarget[]): void {
    this.programmeId = programmeId;
    this.programmeName = programmeName;
    this.moveTargets = moveTargets;
  }

  open(person: Participant): void {
    this.person = person;
    this.pending = null;
    this.error = null;
  }

  close(): void {
    this.person = null;
    this.pending = null;
    this.error = null;
  }

  /** Whether the chosen person is in an active pair (the confirmation then says the pair ends). */
  get inPair(): boolean {
    return (this.person?.activeMentorships ?? 0) > 0;
  }

  ask(action: PendingAction): void {
    this.pending = action;
    this.error = null;
  }

  /** The confirmation question for the pending action. */
  get question(): string {
    const person = this.person;
    const action = this.pending;
    if (!person || !action) return '';
    const name = person.name;
    if (action.kind === 'remove') return m.cohort_participant_confirm_remove({ name, programme: this.programmeName });
    if (action.kind === 'role')
      return m.cohort_participant_confirm_role({
        name,
        role: programmeRoleLabel(action.role),
        programme: this.programmeName
      });
    return m.cohort_participant_confirm_move({ name, programme: this.programmeName, target: action.programmeName });
  }

  /** Carries out the confirmed action; closes the dialog and reloads the list when it worked. */
  async confirm(): Promise<void> {
    const person = this.person;
    const action = this.pending;
    if (!person || !action || this.busy) return;
    this.busy = true;
    this.error = null;
    const endPairs = this.inPair;
    try {
      let sentence: string;
      if (action.kind === 'remove') {
        const result = await removeParticipant(this.programmeId, person.userId, endPairs);
        sentence = m.cohort_participant_removed({ name: person.name }) + this.endedNote(result.endedPairs);
      } else if (action.kind === 'role') {
        const result = await changeParticipant(this.programmeId, person.userId, { role: action.role, endPairs });
        sentence =
          m.cohort_participant_role_changed({ name: person.name, role: programmeRoleLabel(action.role) }) +
          this.endedNote(result.endedPairs);
      } else {
        const result = await changeParticipant(this.programmeId, person.userId, {
          moveToProgrammeId: action.programmeId,
          endPairs
        });
        sentence =
          m.cohort_participant_moved({ name: person.name, target: action.programmeName }) +
          this.endedNote(result.endedPairs);
      }
      this.done = sentence;
      this.close();
      await this.reload();
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.busy = false;
    }
  }

  private endedNote(count: number): string {
    return count > 0 ? ` ${m.cohort_participant_pairs_ended({ count })}` : '';
  }
}
