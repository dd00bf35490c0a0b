import { agenda, type Mentorship, type SessionView, type User } from '@mop/shared';
import { openDoc } from '$lib/services/docs.service';

/** One session of the personal agenda, with the pair it belongs to. */
export interface AgendaEntry {
  mentorship: Mentorship;
  session: SessionView;
}

/** The user's upcoming sessions across all their pairs, from the pairs' documents (offline too). */
export class AgendaState {
  entries = $state.raw<AgendaEntry[]>([]);
  loading = $state(true);
  #cleanups: (() => void)[] = [];

  constructor(mentorships: Mentorship[], user: User) {
    const own = mentorships.filter((m) => m.mentor.id === user.id || m.mentee.id === user.id);
    const handles = own.map((mentorship) => ({ mentorship, handle: openDoc(mentorship.docName) }));
    const refresh = () => {
      const all: AgendaEntry[] = [];
      for (const { mentorship, handle } of handles) {
        for (const session of agenda(handle.doc, { mentorId: mentorship.mentor.id, menteeId: mentorship.mentee.id })
          .upcoming) {
          all.push({ mentorship, session });
        }
      }
      const start = (e: AgendaEntry) => e.session.accepted?.start ?? [...e.session.offer.slots].sort()[0] ?? '';
      this.entries = all.sort((a, b) => start(a).localeCompare(start(b)));
    };
    for (const { handle } of handles) {
      handle.doc.on('update', refresh);
      this.#cleanups.push(() => handle.doc.off('update', refresh));
    }
    void Promise.all(handles.map(({ handle }) => handle.ready)).then(() => {
      refresh();
      this.loading = false;
    });
  }

  dispose(): void {
    for (const cleanup of this.#cleanups) cleanup();
  }
}
