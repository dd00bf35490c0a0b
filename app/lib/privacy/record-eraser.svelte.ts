import { messageFor } from '$lib/services/errors';

/**
 * "Delete for good" of a pair's record (a message, a note in the bin, an uploaded file): the first click asks, the
 * second deletes on the server, which removes it from the document and its history; the change arrives by sync.
 */
export class RecordEraser {
  /** The id of the record whose confirmation is showing. */
  confirming = $state<string | null>(null);
  busy = $state<string | null>(null);
  error = $state<{ id: string; message: string } | null>(null);

  /** `remove` is the service call that deletes one record by id. */
  constructor(private readonly remove: (id: string) => Promise<void>) {}

  ask(id: string | null) {
    this.confirming = id;
    this.error = null;
  }

  async erase(id: string) {
    if (this.busy) return;
    this.busy = id;
    this.error = null;
    try {
      await this.remove(id);
      this.confirming = null;
    } catch (error) {
      this.error = { id, message: messageFor(error) };
    } finally {
      this.busy = null;
    }
  }
}
