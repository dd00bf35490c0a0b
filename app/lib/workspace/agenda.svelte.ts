import { agenda, WORKSPACE_KEYS, type Mentorship, type SessionView, type User } from '@mop/shared';
import { openDoc, type DocHandle } from '$lib/services/docs.service';
import { DocMirror, type Projection } from '$lib/state/doc-mirror.svelte';

/** One session of the personal agenda, with the pair it belongs to. */
export interface AgendaEntry {
  mentorship: Mentorship;
  session: SessionView;
}

/** One pair's upcoming sessions, mirrored from its document (re-read only when its sessions changed). */
class PairSessions extends DocMirror {
  upcoming = $state.raw<SessionView[]>([]);

  constructor(
    handle: DocHandle,
    readonly mentorship: Mentorship
  ) {
    super(handle);
  }

  protected projections(): Projection[] {
    const doc = this.handle.doc;
    const pair = { mentorId: this.mentorship.mentor.id, menteeId: this.mentorship.mentee.id };
    return [
      {
        sources: () => [doc.getMap(WORKSPACE_KEYS.sessions)],
        refresh: () => (this.upcoming = agenda(doc, pair).upcoming)
      }
    ];
  }
}

/** When an agenda entry starts: the accepted time, else the earliest slot offered. */
const startOf = (entry: AgendaEntry) => entry.session.accepted?.start ?? [...entry.session.offer.slots].sort()[0] ?? '';

/**
 * The user's upcoming sessions across all their pairs, from the pairs' documents (offline too). Each pair is a
 * `DocMirror`; a pair whose document cannot be read is reported in `error` while the others are still listed.
 */
export class AgendaState {
  readonly #pairs: PairSessions[];

  /** True until every pair's document was loaded (or failed to load). */
  loading = $derived.by(() => this.#pairs.some((pair) => pair.status === 'loading'));
  /** The first failure to read a pair's document, in words; the other pairs' sessions are still in `entries`. */
  error = $derived.by(() => this.#pairs.find((pair) => pair.status === 'error')?.error ?? null);
  entries = $derived.by(() =>
    this.#pairs
      .flatMap((pair) => pair.upcoming.map((session) => ({ mentorship: pair.mentorship, session })))
      .sort((a, b) => startOf(a).localeCompare(startOf(b)))
  );

  /** `open` is how a pair's document is opened (`openDoc`; tests hand over documents of their own). */
  constructor(mentorships: Mentorship[], user: User, open: (docName: string) => DocHandle = openDoc) {
    this.#pairs = mentorships
      .filter((m) => m.mentor.id === user.id || m.mentee.id === user.id)
      .map((mentorship) => new PairSessions(open(mentorship.docName), mentorship));
  }

  dispose(): void {
    for (const pair of this.#pairs) pair.dispose();
  }
}
