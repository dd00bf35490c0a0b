import type { Audience, Resource } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import {
  createPack,
  createResource,
  patchResource,
  publishPack,
  retireResource,
  uploadResourceFile
} from './manage.service';

const blankPage = () => ({
  title: '',
  summary: '',
  language: 'en',
  collection: '',
  topics: '',
  body: '',
  audience: [] as Audience[]
});
const blankPack = () => ({ title: '', purpose: '', language: 'en', resourceIds: [] as string[] });

/**
 * The coordinator's resource management forms: edit a resource, create a Markdown page, upload a file with progress,
 * create and publish a pack, retire a resource. One action runs at a time; a refused action keeps what was typed and
 * says why (translated); a successful one clears its form and reloads the page's data through `reload`.
 */
export class ResourceManager {
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);
  editing = $state<{ id: string; title: string; summary: string; body: string } | null>(null);
  page = $state(blankPage());
  upload = $state<{ resourceId: string; file: File | null; sent: number; total: number }>({
    resourceId: '',
    file: null,
    sent: 0,
    total: 0
  });
  pack = $state(blankPack());

  /** @param reload reloads the page's data after a change (the page passes SvelteKit's `invalidateAll`). */
  constructor(private readonly reload: () => Promise<void>) {}

  /** Runs one action: `notice` says `done` when it worked, `error` says why when it did not. */
  async act(work: () => Promise<void>, done: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      await work();
      this.notice = done;
      await this.reload();
      return true;
    } catch (failure) {
      this.error = messageFor(failure);
      return false;
    } finally {
      this.busy = false;
    }
  }

  startEdit(resource: Resource): void {
    this.editing = { id: resource.id, title: resource.title, summary: resource.summary, body: resource.body ?? '' };
  }

  cancelEdit(): void {
    this.editing = null;
  }

  saveEdit(): Promise<boolean> {
    const editing = this.editing;
    if (!editing) return Promise.resolve(false);
    return this.act(async () => {
      await patchResource(editing.id, {
        title: editing.title,
        summary: editing.summary,
        ...(editing.body.trim() ? { body: editing.body } : {})
      });
      this.editing = null;
    }, m.learn_manage_saved());
  }

  /** Creates the Markdown page; `defaultCollection` is what the collection select shows when nothing was picked. */
  createPage(defaultCollection: string): Promise<boolean> {
    return this.act(async () => {
      const topics = this.page.topics
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean);
      // A select whose bound value matches no option shows its first option; send what the person sees.
      const collection = this.page.collection || defaultCollection;
      await createResource({ ...$state.snapshot(this.page), collection, type: 'page', topics, order: 0 });
      this.page = blankPage();
    }, m.learn_manage_saved());
  }

  /** Uploads the chosen file to the chosen resource (or `defaultResource`, the select's first option). */
  uploadFile(defaultResource: string): Promise<boolean> {
    const file = this.upload.file;
    if (!file) return Promise.resolve(false);
    return this.act(
      async () => {
        await uploadResourceFile(this.upload.resourceId || defaultResource, file, (sent, total) => {
          this.upload.sent = sent;
          this.upload.total = total;
        });
      },
      m.learn_manage_uploaded({ name: file.name })
    );
  }

  createPack(): Promise<boolean> {
    return this.act(async () => {
      await createPack($state.snapshot(this.pack));
      this.pack = blankPack();
    }, m.learn_manage_saved());
  }

  retire(resourceId: string): Promise<boolean> {
    return this.act(() => retireResource(resourceId), m.learn_manage_retired());
  }

  publish(packId: string): Promise<boolean> {
    return this.act(() => publishPack(packId), m.learn_manage_published());
  }
}
