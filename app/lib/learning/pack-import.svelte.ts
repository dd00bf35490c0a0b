import { m } from '$lib/paraglide/messages.js';
import { importPackZip } from './pack-import.service';
import { messageFor } from '$lib/services/errors';

/** The state of the "Import a pack (.zip)" control, shared by the packs page and the offline library. */
export class PackImportState {
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);

  /** Imports the chosen zip; `done` runs after a successful import (e.g. to reload the page's data). */
  async run(file: File, done: () => Promise<void> | void): Promise<void> {
    this.busy = true;
    this.message = null;
    this.error = null;
    try {
      const record = await importPackZip(file);
      this.message = m.learn_import_done({ title: record.pack.title });
      await done();
    } catch (error) {
      this.error = m.learn_import_error({ message: messageFor(error) });
    } finally {
      this.busy = false;
    }
  }
}
