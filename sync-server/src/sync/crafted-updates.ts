/**
 * Hand-made Yjs updates (v1 encoding) for the sync tests and the benchmark's attack: the shapes a hostile or
 * broken client can send that a Yjs document would keep pending.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_UPDATE } from '@mop/shared';

/** An update with no structs that deletes `ranges` one-item ranges of `client` (clocks 0, 2, 4 …). */
export function pendingDeleteUpdate(client: number, ranges: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges);
  for (let i = 0; i < ranges; i++) {
    encoding.writeVarUint(encoder, 2 * i); // clock
    encoding.writeVarUint(encoder, 1); // length
  }
  return encoding.toUint8Array(encoder);
}

/** An update with one GC struct of length 1 for each of `clients` fresh client IDs starting at `firstClient`. */
export function manyClientsUpdate(firstClient: number, clients: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, firstClient + i);
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeUint8(encoder, 0); // info: GC
    encoding.writeVarUint(encoder, 1); // length
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/**
 * A real edit whose structs start ahead of the document: the second of two edits by one client, sent without the
 * first. Returns the update and the full state of that client's document, for comparison.
 */
export function structAheadUpdate(text = 't'): { update: Uint8Array; doc: Y.Doc } {
  const doc = new Y.Doc();
  doc.getText(text).insert(0, 'first edit, never sent. ');
  const before = Y.encodeStateVector(doc);
  doc.getText(text).insert(0, 'second edit, sent alone. ');
  return { update: Y.encodeStateAsUpdate(doc, before), doc };
}

/** The y-websocket frame carrying `update` as a sync update message. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
