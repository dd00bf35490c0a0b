/**
 * An error in the library's sources, naming the file and, where it can, the field, so an editor can fix it without
 * reading code: `library/resources/mentra/goal-setting.md: audience[1]: audience must be one of: mentor, …`.
 */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';

  constructor(
    /** The source file, relative to the library folder. */
    readonly file: string,
    /** The front-matter field or JSON path at fault, if any. */
    readonly field: string | undefined,
    readonly detail: string
  ) {
    super(field === undefined ? `${file}: ${detail}` : `${file}: ${field}: ${detail}`);
  }
}
