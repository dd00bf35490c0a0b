import type { ErasableRecordKind } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { eraseRecord } from '$lib/services/privacy.service';

/**
 * "Delete for good" of a pair's record (a message, a note in the bin): the first click asks, the second deletes on
 * the server, which removes the record from the document and its history; the change then arrives by sync.
 */
export class RecordEraser {
  /** The id of the record whose confirmation is showing. */
  confirming = $state<string | null>(null);
  busy = $state<string | null>(null);
  error = $state<{ id: string; message: string } | null>(null);

  constructor(
    private readonly mentorshipId: string,
    private readonly kind: ErasableRecordKind
  ) {}

  ask(id: string | null) {
    this.confirming = id;
    this.error = null;
  }

  async erase(id: string) {
    if (this.busy) return;
    this.busy = id;
    this.error = null;
    try {
      await eraseRecord(this.mentorshipId, this.kind, id);
      this.confirming = null;
    } catch (error) {
      this.error = { id, message: messageFor(error) };
    } finally {
      this.busy = null;
    }
  }
}
