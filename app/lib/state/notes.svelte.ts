import { getNote, listNotes, notesMap, type NoteMeta } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { DocMirror, type Projection } from './doc-mirror.svelte';

/** The notes of a pair's workspace, and the bin. */
export class NotesListState extends DocMirror {
  notes = $state.raw<NoteMeta[]>([]);
  binned = $state.raw<NoteMeta[]>([]);

  protected projections(): Projection[] {
    return [
      {
        sources: (doc) => [notesMap(doc)],
        refresh: () => {
          const all = listNotes(this.handle.doc, { includeDeleted: true });
          this.notes = all.filter((note) => note.deletedAt === null);
          this.binned = all.filter((note) => note.deletedAt !== null);
        }
      }
    ];
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

  protected projections(): Projection[] {
    return [{ sources: (doc) => [notesMap(doc)], refresh: () => (this.meta = getNote(this.handle.doc, this.noteId)) }];
  }
}
