import { messageFor } from '$lib/services/errors';

/** A name being changed in place (the platform, an organisation): the field, whether it is open, saving, the outcome. */
export class RenameForm {
  editing = $state(false);
  value = $state('');
  busy = $state(false);
  error = $state<string | null>(null);
  /** Said once the new name is saved. */
  saved = $state<string | null>(null);

  constructor(
    private readonly save: (name: string) => Promise<unknown>,
    private readonly savedMessage: (name: string) => string = () => ''
  ) {}

  open(current: string): void {
    this.value = current;
    this.editing = true;
    this.error = null;
    this.saved = null;
  }

  cancel(): void {
    this.editing = false;
    this.error = null;
  }

  /** Saves the trimmed name; false (with the server's reason in `error`) when it was refused or could not be sent. */
  async submit(): Promise<boolean> {
    const name = this.value.trim();
    if (!name || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await this.save(name);
      this.editing = false;
      this.saved = this.savedMessage(name) || null;
      return true;
    } catch (error) {
      this.error = messageFor(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
