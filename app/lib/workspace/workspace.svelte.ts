import {
  agenda,
  getAvailability,
  listSessions,
  listGoals,
  listMessages,
  listPins,
  listReflections,
  listStepTicks,
  readMarker,
  summariseProgress,
  unreadCount,
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

type LoadStatus = 'loading' | 'ready' | 'error';

/**
 * Rune state mirroring the workspace part of a pair's document (sessions, availability, messages, goals, steps,
 * reflections, pins and the progress summary). It waits until the document was loaded from IndexedDB, then
 * recomputes after every change, local or remote. All reading goes through the `@mop/shared` functions.
 */
export class WorkspaceState {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
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

  #disposed = false;
  #unobserve: (() => void) | null = null;

  constructor(
    readonly handle: DocHandle,
    readonly pair: PairMembers,
    readonly userId: string
  ) {
    handle.ready.then(
      () => {
        if (this.#disposed) return;
        const onUpdate = () => this.refresh();
        handle.doc.on('update', onUpdate);
        this.#unobserve = () => handle.doc.off('update', onUpdate);
        this.refresh();
        this.status = 'ready';
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.status = 'error';
      }
    );
  }

  /** The other member's id. */
  get otherId(): string {
    return this.userId === this.pair.mentorId ? this.pair.menteeId : this.pair.mentorId;
  }

  refresh(now = new Date()): void {
    const doc = this.handle.doc;
    const { upcoming, past } = agenda(doc, this.pair, now);
    this.upcoming = upcoming;
    this.past = past;
    const shown = new Set([...upcoming, ...past].map((s) => s.id));
    const closed: SessionView[] = [];
    // `agenda` leaves out finished offers and final sessions; list them apart so nothing silently disappears.
    for (const session of listSessions(doc, this.pair)) if (!shown.has(session.id)) closed.push(session);
    this.closed = closed.reverse();
    this.myAvailability = getAvailability(doc, this.userId);
    this.theirAvailability = getAvailability(doc, this.otherId);
    this.messages = listMessages(doc);
    this.unread = unreadCount(doc, this.userId);
    this.readCount = readMarker(doc, this.userId).count;
    this.goals = listGoals(doc);
    this.doneSteps = new Set(
      listStepTicks(doc)
        .filter((tick) => tick.done)
        .map((tick) => tick.stepId)
    );
    this.reflections = listReflections(doc);
    this.pins = listPins(doc);
    this.progress = summariseProgress(doc, this.pair, now);
  }

  dispose(): void {
    this.#disposed = true;
    this.#unobserve?.();
  }
}
