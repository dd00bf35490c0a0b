import * as Y from 'yjs';
import { isValidId } from '../doc-names.ts';
import { WORKSPACE_KEYS, WorkspaceError, checkText, newRecordId } from './shape.ts';

/**
 * The pair's conversation: a Y.Array of plain messages appended in order. Yjs orders concurrent appends made on
 * two offline devices the same way on every replica (by the insertion point each device saw, then by client id), so
 * once synced both members see one stable order, and it never changes afterwards. Messages carry a client-generated
 * id: a message re-sent by a flaky client is shown once.
 *
 * Text is Markdown, stored raw: the app renders it with a Markdown library and sanitises the HTML.
 *
 * Unread counts use a per-user marker `lastRead[userId] = { count, messageId, at }`, where `count` is how many of
 * the *other* member's messages the user had seen. Counting (rather than "everything after message X") stays right
 * when a message written offline is merged in before messages already read.
 */
export const MAX_MESSAGE_LENGTH = 8000;

export interface Message {
  id: string;
  author: string;
  /** Markdown. */
  text: string;
  createdAt: string;
}

function messagesArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(WORKSPACE_KEYS.messages);
}

function lastReadMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSPACE_KEYS.lastRead);
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === 'string' &&
    typeof m.author === 'string' &&
    typeof m.text === 'string' &&
    typeof m.createdAt === 'string'
  );
}

/** The conversation in its stable order (first occurrence of each id). */
export function listMessages(doc: Y.Doc): Message[] {
  const seen = new Set<string>();
  const messages: Message[] = [];
  for (const value of messagesArray(doc).toArray()) {
    if (!isMessage(value) || seen.has(value.id)) continue;
    seen.add(value.id);
    messages.push({ id: value.id, author: value.author, text: value.text, createdAt: value.createdAt });
  }
  return messages;
}

/**
 * Appends a message and returns its id. `id` may be given by the caller (an outbox retrying a send); a message whose
 * id is already in the conversation is not added twice.
 */
export function sendMessage(
  doc: Y.Doc,
  message: { author: string; text: string; id?: string },
  now = new Date()
): string {
  const text = checkText('text', message.text, MAX_MESSAGE_LENGTH);
  const id = message.id ?? newRecordId();
  if (!isValidId(id)) throw new WorkspaceError('invalid_input', 'id is not a valid message id');
  if (listMessages(doc).some((m) => m.id === id)) return id;
  messagesArray(doc).push([{ id, author: message.author, text, createdAt: now.toISOString() }]);
  return id;
}

/** Read marker of a user. */
export interface ReadMarker {
  count: number;
  messageId: string | null;
  at: string | null;
}

/** A user's read marker (zero when they never opened the conversation). */
export function readMarker(doc: Y.Doc, userId: string): ReadMarker {
  const value = lastReadMap(doc).get(userId);
  if (typeof value !== 'object' || value === null) return { count: 0, messageId: null, at: null };
  const { count, messageId, at } = value as Record<string, unknown>;
  return {
    count: typeof count === 'number' && count >= 0 ? count : 0,
    messageId: typeof messageId === 'string' ? messageId : null,
    at: typeof at === 'string' ? at : null
  };
}

/** Marks every message currently in the conversation as read by `userId`. Never moves the marker back. */
export function markMessagesRead(doc: Y.Doc, userId: string, now = new Date()): void {
  const messages = listMessages(doc);
  const fromOthers = messages.filter((m) => m.author !== userId).length;
  const current = readMarker(doc, userId);
  if (fromOthers <= current.count && current.messageId === (messages[messages.length - 1]?.id ?? null)) return;
  lastReadMap(doc).set(userId, {
    count: Math.max(fromOthers, current.count),
    messageId: messages[messages.length - 1]?.id ?? null,
    at: now.toISOString()
  });
}

/** How many of the other member's messages `userId` has not seen yet. */
export function unreadCount(doc: Y.Doc, userId: string): number {
  const fromOthers = listMessages(doc).filter((m) => m.author !== userId).length;
  return Math.max(0, fromOthers - readMarker(doc, userId).count);
}
