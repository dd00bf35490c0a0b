/** Why a workspace change was refused: the UI shows `message`; `code` is stable for tests and translations. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'invalid_state' | 'invalid_input',
    message: string
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
