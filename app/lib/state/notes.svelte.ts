import { getNote, listNotes, notesMap, type NoteMeta } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';

type LoadStatus = 'loading' | 'ready' | 'error';

/**
 * Base for rune state that mirrors part of a mentorship document. It waits until the document was loaded from
 * IndexedDB (nothing is shown or edited before), then follows every change, local or remote.
 */
abstract class DocMirror {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  #unobserve: (() => void) | null = null;
  #disposed = false;

  constructor(protected readonly handle: DocHandle) {
    handle.ready.then(
      () => {
        if (this.#disposed) return;
        const notes = notesMap(handle.doc);
        const onChange = () => this.refresh();
        notes.observeDeep(onChange);
        this.#unobserve = () => notes.unobserveDeep(onChange);
        this.refresh();
        this.status = 'ready';
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.status = 'error';
      }
    );
  }

  protected abstract refresh(): void;

  dispose(): void {
    this.#disposed = true;
    this.#unobserve?.();
  }
}

/** The notes of a pair's workspace, and the bin. */
export class NotesListState extends DocMirror {
  notes = $state.raw<NoteMeta[]>([]);
  binned = $state.raw<NoteMeta[]>([]);

  protected refresh(): void {
    const all = listNotes(this.handle.doc, { includeDeleted: true });
    this.notes = all.filter((note) => note.deletedAt === null);
    this.binned = all.filter((note) => note.deletedAt !== null);
  }
}

/** One note's title, date and state. */
export class NoteState extends DocMirror {
  meta = $state.raw<NoteMeta | null>(null);

  constructor(
    handle: DocHandle,
    readonly noteId: string
  ) {
    super(handle);
  }

  protected refresh(): void {
    this.meta = getNote(this.handle.doc, this.noteId);
  }
}
