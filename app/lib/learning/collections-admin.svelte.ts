import type { CollectionAdmin, CollectionKind, StarterLibraryStatus } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import {
  createCollection,
  orderCollections,
  setCollectionRetired,
  setStarterLibraryInstalled,
  updateCollection
} from './collections.service';

/** The kinds of collection, with their labels, in the order the form offers them. */
export const COLLECTION_KIND_LABELS: Record<CollectionKind, () => string> = {
  framework: m.libadmin_kind_framework,
  'mentee-tools': m.libadmin_kind_mentee_tools,
  training: m.libadmin_kind_training,
  complementary: m.libadmin_kind_complementary
};

const blankDraft = () => ({ title: '', summary: '', kind: 'training' as CollectionKind });

/**
 * The learning library's administration page: collections (new, edit, order, retire, restore) and, for admins, the
 * starter library. One action at a time; a refused one keeps what was typed and says why; every change reloads.
 */
export class CollectionsAdmin {
  collections = $state<CollectionAdmin[]>([]);
  starter = $state<StarterLibraryStatus | null>(null);
  draft = $state(blankDraft());
  editing = $state<{ id: string; title: string; summary: string; kind: CollectionKind } | null>(null);
  confirmingRemoval = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  constructor(private readonly reload: () => Promise<void>) {}

  /** Takes the lists as (re)loaded by the page. */
  show(collections: CollectionAdmin[], starter: StarterLibraryStatus | null): void {
    this.collections = collections;
    this.starter = starter;
  }

  private async act(work: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      this.notice = await work();
      await this.reload();
      return true;
    } catch (failure) {
      this.error = messageFor(failure);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async create(): Promise<void> {
    const { title, summary, kind } = this.draft;
    if (!title.trim()) return;
    const done = await this.act(async () => {
      const created = await createCollection({ title: title.trim(), summary: summary.trim(), kind });
      return m.libadmin_created({ title: created.title });
    });
    if (done) this.draft = blankDraft();
  }

  startEdit(collection: CollectionAdmin): void {
    this.editing = { id: collection.id, title: collection.title, summary: collection.summary, kind: collection.kind };
  }

  async saveEdit(): Promise<void> {
    const editing = this.editing;
    if (!editing) return;
    const done = await this.act(async () => {
      const saved = await updateCollection(editing.id, {
        title: editing.title.trim(),
        summary: editing.summary.trim(),
        kind: editing.kind
      });
      return m.libadmin_saved({ title: saved.title });
    });
    if (done) this.editing = null;
  }

  /** Moves a collection one place up (-1) or down (+1). */
  async move(id: string, step: -1 | 1): Promise<void> {
    const ids = this.collections.map((c) => c.id);
    const from = ids.indexOf(id);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
    await this.act(async () => {
      this.collections = (await orderCollections(ids)).collections;
      return m.libadmin_order_saved();
    });
  }

  async setRetired(collection: CollectionAdmin, retired: boolean): Promise<void> {
    await this.act(async () => {
      await setCollectionRetired(collection.id, retired);
      return retired
        ? m.libadmin_retired({ title: collection.title })
        : m.libadmin_restored({ title: collection.title });
    });
  }

  async setStarterInstalled(installed: boolean): Promise<void> {
    const done = await this.act(async () => {
      this.starter = await setStarterLibraryInstalled(installed);
      return installed ? m.libadmin_starter_installed() : m.libadmin_starter_removed();
    });
    if (done) this.confirmingRemoval = false;
  }
}
