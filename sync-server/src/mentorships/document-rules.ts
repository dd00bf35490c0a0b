import * as v from 'valibot';
import * as Y from 'yjs';
import {
  GOAL_STATUSES,
  MAX_COMMENT,
  MAX_GOAL_TITLE,
  MAX_MENTORSHIP_DOC_BYTES,
  MAX_MESSAGE_LENGTH,
  MAX_NOTE_TITLE,
  MAX_PIN_COMMENT,
  MAX_REFLECTION,
  MENTRA_STEP_IDS,
  NOTES_KEY,
  PIN_KINDS,
  SessionEventSchema,
  WORKSPACE_KEYS,
  WeeklyAvailabilitySchema,
  isPinLink,
  readFileRef,
  type PairMembers
} from '@mop/shared';
import type { DeletedContent, DocumentRules, NewContent } from '../sync/update-places.ts';

/**
 * What a pair's document (`mentorship:<id>`, shapes in `packages/shared/src/workspace/shape.ts` and `notes-doc.ts`)
 * accepts from one of its members. The app's own functions (`sendMessage`, `addPin`, …) already keep to these rules;
 * the server checks them so that a member with a hand-made client cannot write in the other's name, plant a
 * `javascript:` link or grow the document without bound. Roots the app does not read are only size-capped.
 */

/** What a field check gets: the writer, whether the record is new in this update, and the record's item. */
interface FieldContext {
  user: string;
  pair: PairMembers;
  fresh: boolean;
  record: Y.Item;
}

type FieldRule = (value: unknown, context: FieldContext) => string | null;

const MAX_ID = 64;
const MAX_STAMP = 40;

const text =
  (max: number): FieldRule =>
  (value) =>
    typeof value === 'string' && value.length <= max ? null : `text of at most ${max} characters expected`;
const id: FieldRule = (value) => (typeof value === 'string' && value.length <= MAX_ID ? null : 'an id expected');
const idOrNull: FieldRule = (value, context) => (value === null ? null : id(value, context));
const stamp: FieldRule = (value) =>
  typeof value === 'string' && value.length <= MAX_STAMP ? null : 'a date or time expected';
const stampOrNull: FieldRule = (value, context) => (value === null ? null : stamp(value, context));
const oneOf =
  (allowed: readonly unknown[]): FieldRule =>
  (value) =>
    allowed.includes(value) ? null : `one of ${allowed.join(', ')} expected`;
/** `createdBy`, `author`, `pinnedBy`: written once, with the record, naming the member who writes it. */
const author: FieldRule = (value, { user, fresh }) => {
  if (!fresh) return 'the author of a record cannot be changed';
  return value === user ? null : 'the author must be the member who writes it';
};
/** A nested type created together with its record (events, comments, a note's body). */
const nested =
  (kind: typeof Y.Array | typeof Y.XmlFragment): FieldRule =>
  (value, { fresh }) =>
    value instanceof kind && fresh ? null : 'a list created with its record expected';

/** Whether the existing record's `author` (or `createdBy`) is the writer. */
function writtenBy(record: Y.Item, field: string, user: string): boolean {
  const type = record.content instanceof Y.ContentType ? record.content.type : null;
  return type instanceof Y.Map && type.get(field) === user;
}

const RECORD_FIELDS: Record<string, Record<string, FieldRule>> = {
  [WORKSPACE_KEYS.sessions]: {
    id,
    createdBy: author,
    createdAt: stamp,
    noteId: idOrNull,
    events: nested(Y.Array)
  },
  [WORKSPACE_KEYS.goals]: {
    id,
    title: text(MAX_GOAL_TITLE),
    targetDate: (value) => (value === null || (typeof value === 'string' && value.length <= 10) ? null : 'a date'),
    status: oneOf(GOAL_STATUSES),
    createdBy: author,
    createdAt: stamp,
    updatedAt: stamp,
    statusChangedAt: stamp
  },
  [WORKSPACE_KEYS.reflections]: {
    id,
    sessionId: idOrNull,
    author: (value, context) =>
      author(value, context) ?? (context.user === context.pair.menteeId ? null : 'reflections are the mentee’s'),
    text: (value, context) =>
      text(MAX_REFLECTION)(value, context) ??
      (context.fresh || writtenBy(context.record, 'author', context.user)
        ? null
        : 'only its author edits a reflection'),
    createdAt: stamp,
    updatedAt: stamp,
    deletedAt: (value, context) =>
      stampOrNull(value, context) ??
      (context.fresh || writtenBy(context.record, 'author', context.user)
        ? null
        : 'only its author deletes a reflection'),
    comments: nested(Y.Array)
  },
  [WORKSPACE_KEYS.pins]: {
    id,
    kind: oneOf(PIN_KINDS),
    resourceId: idOrNull,
    url: (value) =>
      value === null || (typeof value === 'string' && isPinLink(value)) ? null : 'a link must be http(s)',
    file: (value) => (value === null || isFileRef(value) ? null : 'a file reference expected'),
    title: text(200),
    comment: text(MAX_PIN_COMMENT),
    pinnedBy: author,
    pinnedAt: stamp,
    removedAt: stampOrNull,
    removedBy: (value, { user }) =>
      value === null || value === user ? null : 'removedBy must be the member who removes it'
  },
  [NOTES_KEY]: {
    id,
    title: text(MAX_NOTE_TITLE),
    date: (value) => (typeof value === 'string' && value.length <= 10 ? null : 'a date expected'),
    createdBy: author,
    createdAt: stamp,
    updatedAt: stamp,
    deletedAt: stampOrNull,
    body: nested(Y.XmlFragment)
  }
};

/** A file reference as `addPin` stores it (the shared reader), with its strings within bounds. */
function isFileRef(value: unknown): boolean {
  const ref = readFileRef(value);
  return ref !== null && ref.fileId.length <= MAX_ID && ref.name.length <= 200 && ref.mediaType.length <= 200;
}

function messageProblem(value: unknown, user: string): string | null {
  if (typeof value !== 'object' || value === null) return 'a message expected';
  const message = value as Record<string, unknown>;
  if (message.author !== user) return 'the author must be the member who writes it';
  if (typeof message.id !== 'string' || message.id.length > MAX_ID) return 'a message id expected';
  if (typeof message.text !== 'string' || message.text.length > MAX_MESSAGE_LENGTH)
    return `text of at most ${MAX_MESSAGE_LENGTH} characters expected`;
  return typeof message.createdAt === 'string' && message.createdAt.length <= MAX_STAMP ? null : 'a time expected';
}

function noteAuthor(authors: Map<string, unknown>, value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const { id: messageId, author: messageAuthor } = value as Record<string, unknown>;
  if (typeof messageId === 'string' && !authors.has(messageId)) authors.set(messageId, messageAuthor);
}

/** Whether a transaction deleted items of `array` (read-only: no struct is split). */
function deletesFrom(doc: Y.Doc, transaction: Y.Transaction, array: Y.Array<unknown>): boolean {
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const range of ranges) {
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i] as Y.Item | Y.GC;
        if (struct.id.clock >= range.clock + range.len) break;
        if (struct instanceof Y.Item && struct.parent === array) return true;
      }
    }
  }
  return false;
}

/** The values a transaction appended or inserted into `array` (its new structs, not yet merged). */
function addedTo(doc: Y.Doc, transaction: Y.Transaction, array: Y.Array<unknown>): unknown[] {
  const values: unknown[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = doc.store.clients.get(client);
    if (after <= before || !structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item && struct.parent === array && !struct.deleted)
        values.push(...struct.content.getContent());
    }
  }
  return values;
}

/**
 * The authors of the conversation's message ids, read once per document and then kept up to date as messages are
 * appended (a deletion makes it read again), so a message costs the same in a conversation of ten or ten thousand.
 */
function messageAuthorIndex(): (doc: Y.Doc) => Map<string, unknown> {
  let authors: Map<string, unknown> | null = null;
  let watched: Y.Doc | null = null;
  return (doc) => {
    if (watched !== doc) {
      watched = doc;
      authors = null;
      const messages = doc.getArray<unknown>(WORKSPACE_KEYS.messages);
      // `event.changes` walks the whole array; the transaction's new and deleted structs are read instead.
      messages.observe((event) => {
        if (authors && deletesFrom(doc, event.transaction, messages)) authors = null;
        if (authors) for (const value of addedTo(doc, event.transaction, messages)) noteAuthor(authors, value);
      });
    }
    if (!authors) {
      authors = new Map();
      for (const value of doc.getArray<unknown>(WORKSPACE_KEYS.messages).toArray()) noteAuthor(authors, value);
    }
    return authors;
  };
}

const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;

/** Inside a note's rich text: any `href`/`src` (a node attribute or a mark's) must be a web, mail or local link. */
function richTextProblem(content: NewContent): string | null {
  const key = content.path[content.path.length - 1];
  const links: unknown[] = [];
  if ((key === 'href' || key === 'src') && content.values.length > 0) links.push(...content.values);
  if (content.content instanceof Y.ContentFormat && typeof content.content.value === 'object') {
    const attributes = (content.content.value ?? {}) as Record<string, unknown>;
    links.push(attributes.href, attributes.src);
  }
  for (const link of links) {
    if (link !== undefined && link !== null && !(typeof link === 'string' && SAFE_LINK.test(link.trim())))
      return 'a link must be http(s), mailto or local';
  }
  return null;
}

function elementProblem(content: NewContent, user: string, pair: PairMembers): string | null {
  const [root, , field] = content.path;
  if (root === WORKSPACE_KEYS.sessions && field === 'events' && content.path.length === 4) {
    for (const value of content.values) {
      if (!v.is(SessionEventSchema, value)) return 'a session event expected';
      if (value.by !== user) return 'an event must name the member who makes it';
    }
    return content.values.length > 0 ? null : 'a session event expected';
  }
  if (root === WORKSPACE_KEYS.reflections && field === 'comments' && content.path.length === 4) {
    if (user !== pair.mentorId) return 'the mentor comments on reflections';
    for (const value of content.values) {
      const comment = value as Record<string, unknown> | null;
      if (typeof comment !== 'object' || comment === null) return 'a comment expected';
      if (comment.author !== user) return 'a comment must name the member who writes it';
      if (typeof comment.text !== 'string' || comment.text.length > MAX_COMMENT)
        return `text of at most ${MAX_COMMENT} characters expected`;
    }
    return content.values.length > 0 ? null : 'a comment expected';
  }
  if (root === NOTES_KEY && field === 'body') return richTextProblem(content);
  return 'no such field';
}

function recordProblem(content: NewContent, user: string, pair: PairMembers): string | null {
  const [root, key, field] = content.path as [string, string, string | undefined];
  const fields = RECORD_FIELDS[root] as Record<string, FieldRule>;
  const record = content.containers[0];
  if (content.path.length === 2) {
    if (key === '#' || key.length > MAX_ID) return 'records are kept by id';
    const type = content.content instanceof Y.ContentType ? content.content.type : null;
    return type instanceof Y.Map ? null : 'a record expected';
  }
  if (!record) return 'a record expected';
  if (content.path.length > 3) return elementProblem(content, user, pair);
  const rule = field === undefined ? undefined : fields[field];
  // Fields the app does not know yet (a newer app) are only size-capped.
  if (!rule) return null;
  const values = content.content instanceof Y.ContentType ? [content.content.type] : content.values;
  const context: FieldContext = { user, pair, fresh: record.fresh, record: record.item };
  for (const value of values) {
    const problem = rule(value, context);
    if (problem) return `${field}: ${problem}`;
  }
  return null;
}

function plainValue(content: NewContent): boolean {
  return content.content instanceof Y.ContentAny && content.path.length === 2 && content.path[1] !== '#';
}

/** The rules of one pair's document; `pair` names the two members. */
export function mentorshipRules(pair: PairMembers): DocumentRules {
  const messageAuthors = messageAuthorIndex();
  return {
    maxDocBytes: MAX_MENTORSHIP_DOC_BYTES,
    checkAdded(content, user, doc) {
      const [root, key] = content.path;
      switch (root) {
        case WORKSPACE_KEYS.messages: {
          if (content.path.length !== 2 || key !== '#' || !(content.content instanceof Y.ContentAny))
            return 'the conversation holds plain messages';
          const authors = messageAuthors(doc);
          for (const value of content.values) {
            const problem = messageProblem(value, user);
            if (problem) return problem;
            const earlier = authors.get((value as { id: string }).id);
            if (earlier !== undefined && earlier !== user) return 'a message id of the other member';
          }
          return null;
        }
        case WORKSPACE_KEYS.lastRead:
          if (!plainValue(content)) return 'plain values expected';
          return key === user ? null : 'a read marker is written by its own member';
        case WORKSPACE_KEYS.availability:
          if (!plainValue(content)) return 'plain values expected';
          if (key !== user) return 'availability is written by its own member';
          return content.values.every((value) => v.is(WeeklyAvailabilitySchema, value)) ? null : 'a week expected';
        case WORKSPACE_KEYS.steps:
          if (!plainValue(content) || !MENTRA_STEP_IDS.includes(key ?? '')) return 'a known step expected';
          for (const value of content.values) {
            const tick = value as Record<string, unknown> | null;
            if (typeof tick !== 'object' || tick === null || typeof tick.done !== 'boolean') return 'a tick expected';
            if (tick.by !== user) return 'a tick must name the member who makes it';
            if (typeof tick.at !== 'string' || tick.at.length > MAX_STAMP) return 'a time expected';
          }
          return null;
        case 'meta':
          return plainValue(content) ? null : 'plain values expected';
        default:
          if (root !== undefined && root in RECORD_FIELDS) return recordProblem(content, user, pair);
          return null;
      }
    },
    checkDeleted(content: DeletedContent, user) {
      const [root, , field] = content.path;
      const isMessage = root === WORKSPACE_KEYS.messages && content.path.length === 2;
      const isComment = root === WORKSPACE_KEYS.reflections && field === 'comments' && content.path.length === 4;
      if (!isMessage && !isComment) return null;
      for (const value of content.values) {
        if (typeof value === 'object' && value !== null && (value as { author?: unknown }).author !== user)
          return 'only its author deletes a message or a comment';
      }
      return null;
    }
  };
}
