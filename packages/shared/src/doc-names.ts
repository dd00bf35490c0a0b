/**
 * Document names as they travel on the wire (`/sync/<docName>`) and as they are stored.
 *
 * A name is `<kind>:<id>`. Only the kinds listed here exist; the server refuses every other name at the
 * WebSocket upgrade. Ids are the server's record ids (lower-case letters, digits and dashes).
 */
export const DOC_KINDS = ['mentorship', 'profile'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface ParsedDocName {
  kind: DocKind;
  id: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The name of a mentoring pair's private document (session notes and, later, the pair's workspace). */
export function mentorshipDocName(mentorshipId: string): string {
  if (!ID_PATTERN.test(mentorshipId)) throw new Error(`Invalid mentorship id: ${JSON.stringify(mentorshipId)}`);
  return `mentorship:${mentorshipId}`;
}

/**
 * The name of a person's matching profile document (`profile:<userId>`, shape in `profile-doc.ts`): written by that
 * person only, read by the coordinators of their programmes and by admins.
 */
export function profileDocName(userId: string): string {
  if (!ID_PATTERN.test(userId)) throw new Error(`Invalid user id: ${JSON.stringify(userId)}`);
  return `profile:${userId}`;
}

/** Parses and validates a document name; returns null for anything that is not a known kind with a valid id. */
export function parseDocName(name: string): ParsedDocName | null {
  if (typeof name !== 'string' || name.length > 100) return null;
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!(DOC_KINDS as readonly string[]).includes(kind)) return null;
  if (!ID_PATTERN.test(id)) return null;
  return { kind: kind as DocKind, id };
}

/** Whether a string is a valid record id (users, programmes, mentorships, notes). */
export function isValidId(id: string): boolean {
  return typeof id === 'string' && ID_PATTERN.test(id);
}
