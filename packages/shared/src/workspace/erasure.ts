import * as Y from 'yjs';
import { NOTES_KEY } from '../notes-doc.ts';
import { WORKSPACE_KEYS, type RecordMap } from './shape.ts';

/**
 * What happens to a pair's shared document when one member's account is erased (docs/privacy.md, "A member leaves a
 * pair"). The rule protects the other member: their own writing stays whole, and nothing the erased person wrote
 * alone survives.
 *
 * - Removed: the erased person's messages, reflections (with the comments on them, which answer and often quote the
 *   removed text), comments, goals and pins they created, session notes they created (the whole note), their
 *   availability and their read marker.
 * - Kept, attributed to "a former member": the sessions the pair scheduled (the other member's calendar relies on
 *   them) with the erased person's free text in them (agenda, reasons) emptied, and the MENTRA steps they ticked.
 * - Kept as it is: everything the other member created, including a note the other member created, which is theirs.
 *
 * The caller runs this inside `LiveDocs.rewrite`, which re-encodes the document afterwards so nothing removed stays in
 * the stored log. Returns how many records were removed or changed.
 */
export function eraseMemberFromPairDoc(doc: Y.Doc, userId: string): number {
  let changed = 0;
  doc.transact(() => {
    const messages = doc.getArray<unknown>(WORKSPACE_KEYS.messages);
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages.get(i) as { author?: unknown } | null;
      if (message && typeof message === 'object' && message.author === userId) {
        messages.delete(i, 1);
        changed += 1;
      }
    }
    changed += removeRecords(doc.getMap<RecordMap>(NOTES_KEY), (note) => note.get('createdBy') === userId);
    changed += removeRecords(doc.getMap<RecordMap>(WORKSPACE_KEYS.reflections), (r) => r.get('author') === userId);
    doc.getMap<RecordMap>(WORKSPACE_KEYS.reflections).forEach((reflection) => {
      const comments = reflection instanceof Y.Map ? reflection.get('comments') : null;
      if (!(comments instanceof Y.Array)) return;
      for (let i = comments.length - 1; i >= 0; i--) {
        const comment = comments.get(i) as { author?: unknown } | null;
        if (comment && typeof comment === 'object' && comment.author === userId) {
          comments.delete(i, 1);
          changed += 1;
        }
      }
    });
    changed += removeRecords(doc.getMap<RecordMap>(WORKSPACE_KEYS.goals), (goal) => goal.get('createdBy') === userId);
    changed += removeRecords(doc.getMap<RecordMap>(WORKSPACE_KEYS.pins), (pin) => pin.get('pinnedBy') === userId);
    for (const key of [WORKSPACE_KEYS.availability, WORKSPACE_KEYS.lastRead]) {
      const map = doc.getMap<unknown>(key);
      if (map.has(userId)) {
        map.delete(userId);
        changed += 1;
      }
    }
    doc.getMap<RecordMap>(WORKSPACE_KEYS.sessions).forEach((session) => {
      const events = session instanceof Y.Map ? session.get('events') : null;
      if (!(events instanceof Y.Array)) return;
      events.toArray().forEach((event, index) => {
        const cleaned = withoutFreeText(event, userId);
        if (!cleaned) return;
        events.delete(index, 1);
        events.insert(index, [cleaned]);
        changed += 1;
      });
    });
  });
  return changed;
}

/** Deletes every record of `map` that `matches`; returns how many. */
export function removeRecords(map: Y.Map<RecordMap>, matches: (record: RecordMap) => boolean): number {
  const doomed: string[] = [];
  map.forEach((record, id) => {
    if (record instanceof Y.Map && matches(record)) doomed.push(id);
  });
  for (const id of doomed) map.delete(id);
  return doomed.length;
}

/** A session event by `userId` with its free text emptied, or null when it is someone else's or has none. */
function withoutFreeText(event: unknown, userId: string): Record<string, unknown> | null {
  if (!event || typeof event !== 'object') return null;
  const record = event as Record<string, unknown>;
  if (record.by !== userId) return null;
  const offer = record.offer as Record<string, unknown> | undefined;
  const hasText = (typeof record.reason === 'string' && record.reason !== '') || (offer && offer.agenda !== '');
  if (!hasText) return null;
  return {
    ...record,
    ...(typeof record.reason === 'string' ? { reason: '' } : {}),
    ...(offer ? { offer: { ...offer, agenda: '' } } : {})
  };
}

/**
 * Removes for good what the pair deleted: notes in the bin since before `notesDeletedBefore` (the bin's grace
 * period), deleted reflections and removed pins. Run inside `LiveDocs.rewrite`. Returns how many were removed.
 */
export function purgeDeletedRecords(doc: Y.Doc, notesDeletedBefore: Date): number {
  let removed = 0;
  const cutoff = notesDeletedBefore.toISOString();
  doc.transact(() => {
    removed += removeRecords(doc.getMap<RecordMap>(NOTES_KEY), (note) => {
      const deletedAt = note.get('deletedAt');
      return typeof deletedAt === 'string' && deletedAt < cutoff;
    });
    removed += removeRecords(
      doc.getMap<RecordMap>(WORKSPACE_KEYS.reflections),
      (r) => typeof r.get('deletedAt') === 'string'
    );
    removed += removeRecords(
      doc.getMap<RecordMap>(WORKSPACE_KEYS.pins),
      (pin) => typeof pin.get('removedAt') === 'string'
    );
  });
  return removed;
}

/** Whether the pair's document holds records `purgeDeletedRecords` would remove (to skip needless rewrites). */
export function hasDeletedRecords(doc: Y.Doc, notesDeletedBefore: Date): boolean {
  const cutoff = notesDeletedBefore.toISOString();
  let found = false;
  const scan = (key: string, test: (r: RecordMap) => boolean) =>
    doc.getMap<RecordMap>(key).forEach((r) => {
      if (r instanceof Y.Map && test(r)) found = true;
    });
  scan(NOTES_KEY, (n) => typeof n.get('deletedAt') === 'string' && (n.get('deletedAt') as string) < cutoff);
  scan(WORKSPACE_KEYS.reflections, (r) => typeof r.get('deletedAt') === 'string');
  scan(WORKSPACE_KEYS.pins, (p) => typeof p.get('removedAt') === 'string');
  return found;
}

/** How long a note stays in the bin before it is removed for good (docs/privacy.md). */
export const BIN_GRACE_DAYS = 30;

/** The kinds of pair records a member can delete for good. */
export const ERASABLE_RECORD_KINDS = ['message', 'note', 'reflection', 'pin'] as const;
export type ErasableRecordKind = (typeof ERASABLE_RECORD_KINDS)[number];

/** What the server needs to know before deleting a record for good: who wrote it, and whether it is in the bin. */
export interface ErasableRecord {
  author: string;
  inBin: boolean;
}

const RECORD_MAPS: Record<Exclude<ErasableRecordKind, 'message'>, { key: string; author: string; bin: string }> = {
  note: { key: NOTES_KEY, author: 'createdBy', bin: 'deletedAt' },
  reflection: { key: WORKSPACE_KEYS.reflections, author: 'author', bin: 'deletedAt' },
  pin: { key: WORKSPACE_KEYS.pins, author: 'pinnedBy', bin: 'removedAt' }
};

function messageIndex(doc: Y.Doc, id: string): number {
  return doc
    .getArray<unknown>(WORKSPACE_KEYS.messages)
    .toArray()
    .findIndex((value) => !!value && typeof value === 'object' && (value as { id?: unknown }).id === id);
}

/** A record of the pair's document, or null when there is none with this id. */
export function findErasableRecord(doc: Y.Doc, kind: ErasableRecordKind, id: string): ErasableRecord | null {
  if (kind === 'message') {
    const index = messageIndex(doc, id);
    if (index < 0) return null;
    const message = doc.getArray<unknown>(WORKSPACE_KEYS.messages).get(index) as { author?: unknown };
    return { author: typeof message.author === 'string' ? message.author : '', inBin: false };
  }
  const spec = RECORD_MAPS[kind];
  const record = doc.getMap<RecordMap>(spec.key).get(id);
  if (!(record instanceof Y.Map)) return null;
  const author = record.get(spec.author);
  return { author: typeof author === 'string' ? author : '', inBin: typeof record.get(spec.bin) === 'string' };
}

/** Removes one record (every copy of a message id) from the document; run inside `LiveDocs.rewrite`. */
export function eraseRecord(doc: Y.Doc, kind: ErasableRecordKind, id: string): void {
  doc.transact(() => {
    if (kind === 'message') {
      const messages = doc.getArray<unknown>(WORKSPACE_KEYS.messages);
      for (let index = messageIndex(doc, id); index >= 0; index = messageIndex(doc, id)) messages.delete(index, 1);
      return;
    }
    doc.getMap<RecordMap>(RECORD_MAPS[kind].key).delete(id);
  });
}

/** Removes the pins of the given uploaded files (their file was deleted); run inside `LiveDocs.rewrite`. */
export function erasePinsOfFiles(doc: Y.Doc, fileIds: ReadonlySet<string>): number {
  return removeRecords(doc.getMap<RecordMap>(WORKSPACE_KEYS.pins), (pin) => {
    const file = pin.get('file') as { fileId?: unknown } | null | undefined;
    return !!file && typeof file === 'object' && fileIds.has(String(file.fileId));
  });
}
