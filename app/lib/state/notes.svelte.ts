import { getNote, listNotes, noteBodyText, notesMap, type NoteMeta } from '@mop/shared';
import type { DocHandle } from '$lib/services/docs.service';
import { DocMirror, type Projection } from './doc-mirror.svelte';

/** How much of a note's text its row in the list shows. */
const PREVIEW_CHARS = 140;

/** The first line of a note's text, shortened: what tells notes with the same title and date apart. */
function previewOf(text: string): string {
  const line =
    text
      .split('\n')
      .find((candidate) => candidate.trim() !== '')
      ?.trim() ?? '';
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : line;
}

/** The notes of a pair's workspace, and the bin. */
export class NotesListState extends DocMirror {
  notes = $state.raw<NoteMeta[]>([]);
  binned = $state.raw<NoteMeta[]>([]);
  /** Each listed note's first line of text, by id (empty for a note with no text yet). */
  previews = $state.raw<Record<string, string>>({});

  protected projections(): Projection[] {
    return [
      {
        sources: (doc) => [notesMap(doc)],
        refresh: () => {
          const all = listNotes(this.handle.doc, { includeDeleted: true });
          this.notes = all.filter((note) => note.deletedAt === null);
          this.binned = all.filter((note) => note.deletedAt !== null);
          this.previews = Object.fromEntries(
            this.notes.map((note) => [note.id, previewOf(noteBodyText(this.handle.doc, note.id))])
          );
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
