/**
 * The one error type the engine throws for bad input. Its message names the offending field or id, e.g.
 * `locked pair references unknown mentor "m-99"`, so the CLI and the server can show it to a person as is.
 */
export class MatchingInputError extends Error {
  override readonly name = 'MatchingInputError';
  /** Where in the cohort the problem is, as a dot path (`mentors.3.capacity`), when known. */
  readonly path: string | undefined;

  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }
}
