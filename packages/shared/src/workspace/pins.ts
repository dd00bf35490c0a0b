import * as Y from 'yjs';
import { isValidId } from '../doc-names.ts';
import {
  WORKSPACE_KEYS,
  WorkspaceError,
  checkText,
  newRecord,
  newRecordId,
  recordOf,
  str,
  strOrNull,
  type RecordMap
} from './shape.ts';

/**
 * The pair's shelf: repository resources, links and uploaded files pinned with a comment. Files are uploaded with
 * `POST /api/mentorships/:id/files` first; the pin keeps the returned reference. Removing a pin sets `removedAt`
 * (a local change, no network needed); the record stays so a concurrent comment edit does not resurrect it.
 */
export const PIN_KINDS = ['resource', 'link', 'file'] as const;
export type PinKind = (typeof PIN_KINDS)[number];
export const MAX_PIN_COMMENT = 1000;

/** A file uploaded to the pair (what `POST /api/mentorships/:id/files` returns). */
export interface PinnedFileRef {
  fileId: string;
  name: string;
  mediaType: string;
  size: number;
}

export interface Pin {
  id: string;
  kind: PinKind;
  resourceId: string | null;
  url: string | null;
  file: PinnedFileRef | null;
  title: string;
  comment: string;
  pinnedBy: string;
  pinnedAt: string;
  removedAt: string | null;
  removedBy: string | null;
}

/** What to pin: exactly one of a resource id, a link or a file reference. */
export type PinTarget =
  { kind: 'resource'; resourceId: string } | { kind: 'link'; url: string } | { kind: 'file'; file: PinnedFileRef };

function pinsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(WORKSPACE_KEYS.pins);
}

/** Longest link a pin may hold. */
export const MAX_PIN_URL = 2000;

/** Whether a pin's link is one MOP stores: http(s) only (no `javascript:` or `data:`), within `MAX_PIN_URL`. */
export function isPinLink(url: string): boolean {
  return url.length <= MAX_PIN_URL && /^https?:\/\/\S+$/i.test(url);
}

/** A pinned file's reference as stored in the pair's document, or null when the value is not one. */
export function readFileRef(value: unknown): PinnedFileRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const { fileId, name, mediaType, size } = value as Record<string, unknown>;
  if (
    typeof fileId !== 'string' ||
    typeof name !== 'string' ||
    typeof mediaType !== 'string' ||
    typeof size !== 'number'
  )
    return null;
  return { fileId, name, mediaType, size };
}

function readPin(map: RecordMap): Pin | null {
  const id = map.get('id');
  const kind = map.get('kind');
  if (typeof id !== 'string' || !(PIN_KINDS as readonly unknown[]).includes(kind)) return null;
  return {
    id,
    kind: kind as PinKind,
    resourceId: strOrNull(map, 'resourceId'),
    url: strOrNull(map, 'url'),
    file: readFileRef(map.get('file')),
    title: str(map, 'title'),
    comment: str(map, 'comment'),
    pinnedBy: str(map, 'pinnedBy'),
    pinnedAt: str(map, 'pinnedAt'),
    removedAt: strOrNull(map, 'removedAt'),
    removedBy: strOrNull(map, 'removedBy')
  };
}

/** Pins on the shelf, newest first; removed ones only with `includeRemoved`. */
export function listPins(doc: Y.Doc, options: { includeRemoved?: boolean } = {}): Pin[] {
  const pins: Pin[] = [];
  pinsMap(doc).forEach((map) => {
    const pin = map instanceof Y.Map ? readPin(map) : null;
    if (pin && (options.includeRemoved || pin.removedAt === null)) pins.push(pin);
  });
  return pins.sort((a, b) => b.pinnedAt.localeCompare(a.pinnedAt) || a.id.localeCompare(b.id));
}

function checkTarget(target: PinTarget): Record<string, unknown> {
  switch (target.kind) {
    case 'resource':
      if (!isValidId(target.resourceId)) throw new WorkspaceError('invalid_input', 'resourceId is not a resource id');
      return { resourceId: target.resourceId, url: null, file: null };
    case 'link':
      if (!isPinLink(target.url)) throw new WorkspaceError('invalid_input', 'url must be an http(s) link');
      return { resourceId: null, url: target.url, file: null };
    case 'file': {
      const file = readFileRef(target.file);
      if (!file || !isValidId(file.fileId))
        throw new WorkspaceError('invalid_input', 'file must be a reference returned by the upload');
      return { resourceId: null, url: null, file: { ...file } };
    }
    default:
      throw new WorkspaceError('invalid_input', 'kind must be resource, link or file');
  }
}

/** Either member pins something to the shelf; returns the pin's id. */
export function addPin(
  doc: Y.Doc,
  target: PinTarget,
  details: { pinnedBy: string; comment?: string; title?: string },
  now = new Date()
): string {
  const fields = checkTarget(target);
  const id = newRecordId();
  pinsMap(doc).set(
    id,
    newRecord({
      id,
      kind: target.kind,
      ...fields,
      title: checkText('title', details.title ?? '', 200, { allowEmpty: true }),
      comment: checkText('comment', details.comment ?? '', MAX_PIN_COMMENT, { allowEmpty: true }),
      pinnedBy: details.pinnedBy,
      pinnedAt: now.toISOString(),
      removedAt: null,
      removedBy: null
    })
  );
  return id;
}

/** Changes a pin's comment. */
export function updatePinComment(doc: Y.Doc, id: string, comment: string): void {
  recordOf(pinsMap(doc), id, 'pin').set(
    'comment',
    checkText('comment', comment, MAX_PIN_COMMENT, { allowEmpty: true })
  );
}

/** Takes a pin off the shelf (works offline; `restorePin` undoes it). */
export function removePin(doc: Y.Doc, id: string, by: string, now = new Date()): void {
  const map = recordOf(pinsMap(doc), id, 'pin');
  doc.transact(() => {
    map.set('removedAt', now.toISOString());
    map.set('removedBy', by);
  });
}

/** Puts a removed pin back. */
export function restorePin(doc: Y.Doc, id: string): void {
  const map = recordOf(pinsMap(doc), id, 'pin');
  doc.transact(() => {
    map.set('removedAt', null);
    map.set('removedBy', null);
  });
}

/** The file ids pinned and not removed: what a device keeps offline. */
export function pinnedFileIds(doc: Y.Doc): string[] {
  return listPins(doc).flatMap((pin) => (pin.file ? [pin.file.fileId] : []));
}
