import {
  agenda,
  getAvailability,
  listSessions,
  listGoals,
  listMessages,
  listPins,
  listReflections,
  notesMap,
  listStepTicks,
  readMarker,
  summariseProgress,
  unreadCount,
  WORKSPACE_KEYS,
  type Goal,
  type Message,
  type PairMembers,
  type Pin,
  type ProgressSummary,
  type Reflection,
  type SessionView,
  type WeeklyAvailability
} from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { DocMirror, type Projection } from '$lib/state/doc-mirror.svelte';

/**
 * Rune state mirroring the workspace part of a pair's document (sessions, availability, messages, goals, steps,
 * reflections, pins and the progress summary). It waits until the document was loaded from IndexedDB, then
 * recomputes a projection only when a top-level type it reads changed: a new message does not re-read the sessions.
 * All reading goes through the `@mop/shared` functions.
 */
export class WorkspaceState extends DocMirror {
  upcoming = $state.raw<SessionView[]>([]);
  past = $state.raw<SessionView[]>([]);
  /** Sessions neither upcoming nor held: declined, cancelled, or offers whose slots all passed. */
  closed = $state.raw<SessionView[]>([]);
  myAvailability = $state.raw<WeeklyAvailability | null>(null);
  theirAvailability = $state.raw<WeeklyAvailability | null>(null);
  messages = $state.raw<Message[]>([]);
  unread = $state(0);
  /** How many of the other member's messages this user had read when the conversation was opened. */
  readCount = $state(0);
  goals = $state.raw<Goal[]>([]);
  doneSteps = $state.raw<Set<string>>(new Set());
  reflections = $state.raw<Reflection[]>([]);
  pins = $state.raw<Pin[]>([]);
  progress = $state.raw<ProgressSummary | null>(null);

  constructor(
    handle: DocHandle,
    readonly pair: PairMembers,
    readonly userId: string
  ) {
    super(handle);
  }

  /** The other member's id. */
  get otherId(): string {
    return this.userId === this.pair.mentorId ? this.pair.menteeId : this.pair.mentorId;
  }

  /** Recomputes everything, e.g. when time moved an accepted session from upcoming to past. */
  refresh(now = new Date()): void {
    for (const projection of this.projections(now)) projection.refresh();
  }

  protected projections(now?: Date): Projection[] {
    const doc = this.handle.doc;
    const at = () => now ?? new Date();
    const sessions = doc.getMap(WORKSPACE_KEYS.sessions);
    const messages = doc.getArray(WORKSPACE_KEYS.messages);
    const lastRead = doc.getMap(WORKSPACE_KEYS.lastRead);
    const steps = doc.getMap(WORKSPACE_KEYS.steps);
    const goals = doc.getMap(WORKSPACE_KEYS.goals);
    const reflections = doc.getMap(WORKSPACE_KEYS.reflections);
    const pins = doc.getMap(WORKSPACE_KEYS.pins);
    return [
      { sources: () => [sessions], refresh: () => this.#readSessions(at()) },
      {
        sources: () => [doc.getMap(WORKSPACE_KEYS.availability)],
        refresh: () => {
          this.myAvailability = getAvailability(doc, this.userId);
          this.theirAvailability = getAvailability(doc, this.otherId);
        }
      },
      {
        sources: () => [messages, lastRead],
        refresh: () => {
          this.messages = listMessages(doc);
          this.unread = unreadCount(doc, this.userId);
          this.readCount = readMarker(doc, this.userId).count;
        }
      },
      { sources: () => [goals], refresh: () => (this.goals = listGoals(doc)) },
      {
        sources: () => [steps],
        refresh: () => {
          this.doneSteps = new Set(
            listStepTicks(doc)
              .filter((tick) => tick.done)
              .map((tick) => tick.stepId)
          );
        }
      },
      { sources: () => [reflections], refresh: () => (this.reflections = listReflections(doc)) },
      { sources: () => [pins], refresh: () => (this.pins = listPins(doc)) },
      // The summary reads every part of the pair's life, notes included (their dates count as activity).
      {
        sources: () => [steps, goals, sessions, notesMap(doc), reflections, pins, messages],
        refresh: () => (this.progress = summariseProgress(doc, this.pair, at()))
      }
    ];
  }

  #readSessions(now: Date): void {
    const doc = this.handle.doc;
    const { upcoming, past } = agenda(doc, this.pair, now);
    this.upcoming = upcoming;
    this.past = past;
    const shown = new Set([...upcoming, ...past].map((s) => s.id));
    const closed: SessionView[] = [];
    // `agenda` leaves out finished offers and final sessions; list them apart so nothing silently disappears.
    for (const session of listSessions(doc, this.pair)) if (!shown.has(session.id)) closed.push(session);
    this.closed = closed.reverse();
  }
}
