import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal of the matching workflow that becomes a 4xx `{ error: { code, message } }` answer. */
export class MatchingRefusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'MatchingRefusal';
  }
}
