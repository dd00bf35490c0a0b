import type * as Y from 'yjs';
import type { DocHandle } from '$lib/services/docs.service';
import { messageFor } from '$lib/services/errors';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** A top-level Yjs type (`Y.Map`, `Y.Array`, `Y.Text`, `Y.XmlFragment`), seen only as something to observe. */
interface ObservedType {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

/**
 * One piece of rune state computed from a Yjs document, and the top-level types it reads. It is recomputed only
 * when one of those types (or anything nested in them) changed, once per transaction.
 */
export interface Projection {
  /** The top-level types (`doc.getMap(…)`, `doc.getArray(…)`) the projection reads. */
  sources(doc: Y.Doc): ObservedType[];
  /** Recomputes the rune fields from the document. */
  refresh(): void;
}

/**
 * Runs every projection once, then again whenever a transaction changed one of its sources. Each top-level type is
 * observed separately (deeply, so a nested record counts); a projection whose sources changed is refreshed once
 * after the transaction's observers, even when several of its sources changed together. Returns the unsubscribe.
 */
export function followProjections(doc: Y.Doc, projections: Projection[]): () => void {
  const dirty = new Set<Projection>();
  const readers = new Map<ObservedType, Projection[]>();
  for (const projection of projections) {
    for (const type of projection.sources(doc)) readers.set(type, [...(readers.get(type) ?? []), projection]);
  }
  const stops: (() => void)[] = [];
  for (const [type, projectionsOfType] of readers) {
    const mark = () => {
      for (const projection of projectionsOfType) dirty.add(projection);
    };
    type.observeDeep(mark);
    stops.push(() => type.unobserveDeep(mark));
  }
  // Yjs emits `afterTransaction` after the type observers of the same transaction.
  const flush = () => {
    if (dirty.size === 0) return;
    const due = projections.filter((projection) => dirty.has(projection));
    dirty.clear();
    for (const projection of due) projection.refresh();
  };
  doc.on('afterTransaction', flush);
  stops.push(() => doc.off('afterTransaction', flush));
  for (const projection of projections) projection.refresh();
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Base of rune state that mirrors a Yjs document (the workspace, the notes, the matching profile). It waits until the
 * document was loaded from IndexedDB (nothing is shown or edited before), then follows every change, local or
 * remote, through the subclass's projections. A failed load becomes `status = 'error'` with a translated `error`.
 * Call `dispose()` when the page goes away.
 */
export abstract class DocMirror {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  #stop: (() => void) | null = null;
  #disposed = false;

  constructor(readonly handle: DocHandle) {
    // `then` runs after the subclass constructor, so its fields exist when `projections()` is called.
    handle.ready.then(
      () => {
        if (this.#disposed) return;
        this.#stop = followProjections(handle.doc, this.projections());
        this.status = 'ready';
      },
      (error: unknown) => {
        if (this.#disposed) return;
        this.error = messageFor(error);
        this.status = 'error';
      }
    );
  }

  /** What this mirror computes and from which top-level types. */
  protected abstract projections(): Projection[];

  dispose(): void {
    this.#disposed = true;
    this.#stop?.();
    this.#stop = null;
  }
}
