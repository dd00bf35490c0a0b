import * as Y from 'yjs';
import { CLOSE_UPDATE_REFUSED, CLOSE_UPDATE_TOO_LARGE, MAX_UPDATE_BYTES, parseDocName } from '@mop/shared';
import type { MopStore } from '../storage/index.ts';
import { mentorshipRules } from '../mentorships/document-rules.ts';
import { profileRules } from '../profiles/document-rules.ts';
import { readUpdateChanges, type DocumentRules, type NewContent } from './update-places.ts';

export type { DocumentRules } from './update-places.ts';

export interface DocumentRefusal {
  /** `CLOSE_UPDATE_REFUSED` (content) or `CLOSE_UPDATE_TOO_LARGE` (size). */
  code: number;
  /** For the log and the close frame: short and fixed in form, whatever the update holds. */
  reason: string;
}

/** Nested types deeper than this are refused: a note's rich text nests lists a few levels, nothing needs more. */
const MAX_DEPTH = 32;
/** A plain value (JSON) of any field, in characters of its JSON: records have tighter caps of their own. */
const MAX_VALUE_CHARS = 32_000;

/** The rules of a document, by its kind (`mentorship:…`, `profile:…`); null for a name that is not a document. */
export function rulesFor(store: MopStore, docName: string): DocumentRules | null {
  const parsed = parseDocName(docName);
  if (!parsed) return null;
  switch (parsed.kind) {
    case 'mentorship': {
      const pair = store.getMentorship(parsed.id);
      return pair ? mentorshipRules({ mentorId: pair.mentorId, menteeId: pair.menteeId }) : null;
    }
    case 'profile':
      return profileRules(parsed.id);
  }
}

function valueProblem(content: NewContent): string | null {
  if (content.content instanceof Y.ContentDoc) return 'subdocuments are not accepted';
  if (content.path.length > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  for (const value of content.values) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    if (json !== undefined && json.length > MAX_VALUE_CHARS) return `a value over ${MAX_VALUE_CHARS} characters`;
  }
  return null;
}

/**
 * Checks an update that integrates completely (`checkUpdate` passed) against the document's rules: its size, the
 * size the document would reach, and every piece of content it adds or deletes. `docBytes` gives the document's
 * current encoded size; it is only asked for when the update adds content.
 */
export function checkDocumentUpdate(
  rules: DocumentRules,
  doc: Y.Doc,
  update: Uint8Array,
  userId: string,
  docBytes: () => number
): DocumentRefusal | null {
  if (update.byteLength > MAX_UPDATE_BYTES) {
    return { code: CLOSE_UPDATE_TOO_LARGE, reason: `update over ${MAX_UPDATE_BYTES} bytes` };
  }
  let changes;
  try {
    changes = readUpdateChanges(doc, update);
  } catch {
    // `checkUpdate` read it already; Yjs reading it differently would be a bug, and refusing is the safe answer.
    return { code: CLOSE_UPDATE_REFUSED, reason: 'unreadable update' };
  }
  if (changes.added.length > 0 && docBytes() + update.byteLength > rules.maxDocBytes) {
    return { code: CLOSE_UPDATE_TOO_LARGE, reason: `document over ${rules.maxDocBytes} bytes` };
  }
  for (const content of changes.added) {
    const problem = valueProblem(content) ?? rules.checkAdded(content, userId, doc);
    if (problem) return { code: CLOSE_UPDATE_REFUSED, reason: `${content.path.slice(0, 1).join('')}: ${problem}` };
  }
  if (rules.checkDeleted) {
    for (const content of changes.deleted) {
      const problem = rules.checkDeleted(content, userId);
      if (problem) return { code: CLOSE_UPDATE_REFUSED, reason: `${content.path.slice(0, 1).join('')}: ${problem}` };
    }
  }
  return null;
}
