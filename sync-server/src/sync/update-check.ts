import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** Why an update was refused; see docs/sync.md. */
export type UpdateRefusal =
  | { kind: 'malformed'; reason: string }
  /** Structs or deletions the document cannot integrate yet: Yjs would keep them pending. */
  | { kind: 'ahead'; reason: string }
  /** The update would take the document over its cap of client IDs. */
  | { kind: 'clients'; reason: string };

/** One struct as far as integration cares: where it starts, how long it is, and the IDs it points at. */
interface StructInfo {
  clock: number;
  length: number;
  /** A Skip: Yjs passes over it, so it advances nothing. */
  skip: boolean;
  /** Clients and clocks of origin, right origin and parent item, flattened: [client, clock, client, clock …]. */
  deps: number[];
}

class Malformed extends Error {}

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;
const Y_XML_ELEMENT = 3;
const Y_XML_HOOK = 5;

/**
 * Reads past the content of an item (Yjs 13 `readItemContent`, v1 encoding) and returns its length, without
 * building it: strings count UTF-16 units, like Y.Text.
 */
function skipContent(decoder: Y.UpdateDecoderV1, info: number): number {
  switch (info & BITS5) {
    case 1: // deleted
      return decoder.readLen();
    case 2: {
      // JSON
      const len = decoder.readLen();
      for (let i = 0; i < len; i++) decoder.readString();
      return len;
    }
    case 3: // binary
      decoder.readBuf();
      return 1;
    case 4: // string
      return decoder.readString().length;
    case 5: // embed
      decoder.readJSON();
      return 1;
    case 6: // format
      decoder.readKey();
      decoder.readJSON();
      return 1;
    case 7: {
      // type
      const ref = decoder.readTypeRef();
      if (ref === Y_XML_ELEMENT || ref === Y_XML_HOOK) decoder.readKey();
      else if (ref < 0 || ref > 6) throw new Malformed();
      return 1;
    }
    case 8: {
      // any
      const len = decoder.readLen();
      for (let i = 0; i < len; i++) decoder.readAny();
      return len;
    }
    case 9: // subdocument
      decoder.readString();
      decoder.readAny();
      return 1;
    default:
      throw new Malformed();
  }
}

/** Reads the structs of a v1 update, grouped by client, leaving `decoder` at the delete set. */
function readStructs(decoder: Y.UpdateDecoderV1): Map<number, StructInfo[]> {
  const byClient = new Map<number, StructInfo[]>();
  const groups = decoding.readVarUint(decoder.restDecoder);
  for (let g = 0; g < groups; g++) {
    const count = decoding.readVarUint(decoder.restDecoder);
    const client = decoder.readClient();
    let clock = decoding.readVarUint(decoder.restDecoder);
    // Yjs keeps only the last group of a client listed twice; such an update is refused rather than reasoned about.
    if (byClient.has(client)) throw new Malformed();
    const structs: StructInfo[] = [];
    byClient.set(client, structs);
    for (let i = 0; i < count; i++) {
      const info = decoder.readInfo();
      let length: number;
      const deps: number[] = [];
      if (info === 10) {
        length = decoding.readVarUint(decoder.restDecoder);
        structs.push({ clock, length, skip: true, deps });
        clock += length;
        continue;
      }
      if ((info & BITS5) === 0) {
        length = decoder.readLen(); // GC
      } else {
        if ((info & BIT8) === BIT8) {
          const origin = decoder.readLeftID();
          deps.push(origin.client, origin.clock);
        }
        if ((info & BIT7) === BIT7) {
          const rightOrigin = decoder.readRightID();
          deps.push(rightOrigin.client, rightOrigin.clock);
        }
        if ((info & (BIT7 | BIT8)) === 0) {
          if (decoder.readParentInfo()) decoder.readString();
          else {
            const parent = decoder.readLeftID();
            deps.push(parent.client, parent.clock);
          }
          if ((info & BIT6) === BIT6) decoder.readString();
        }
        length = skipContent(decoder, info);
      }
      if (length < 1) throw new Malformed();
      structs.push({ clock, length, skip: false, deps });
      clock += length;
    }
  }
  return byClient;
}

/**
 * Decides, without touching the document, whether `update` would integrate completely into `doc`: every struct
 * starts at or below its client's clock (counting the update's own earlier structs), everything it points at
 * (origin, right origin, parent item) exists before it, and every deleted range lies below its client's clock
 * once the update's structs are in. This mirrors `integrateStructs` / `readAndApplyDeleteSet` of Yjs 13: an update
 * that passes leaves nothing in `doc.store.pendingStructs` or `pendingDs`. It also caps the client IDs a
 * document may hold, since every client ID costs something on every later update.
 *
 * It reads the update once, builds no Yjs objects and stops at the first deletion out of range (a 1.2 MB delete
 * of 300,000 ranges of an unknown client costs microseconds); it never copies the document.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, maxClients: number): UpdateRefusal | null {
  const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
  let byClient: Map<number, StructInfo[]>;
  try {
    byClient = readStructs(decoder);
  } catch {
    return { kind: 'malformed', reason: 'malformed Yjs update' };
  }

  const clients = doc.store.clients;
  let newClients = 0;
  for (const client of byClient.keys()) if (!clients.has(client)) newClients += 1;
  if (newClients > 0 && clients.size + newClients > maxClients) {
    return {
      kind: 'clients',
      reason: `the document would exceed ${maxClients} client IDs (it has ${clients.size}, the update adds ${newClients})`
    };
  }

  const state = new Map<number, number>();
  const clockOf = (client: number): number => state.get(client) ?? Y.getState(doc.store, client);
  const missing = (deps: number[]): boolean => {
    for (let d = 0; d < deps.length; d += 2) if ((deps[d + 1] as number) >= clockOf(deps[d] as number)) return true;
    return false;
  };
  // Integrate in rounds until nothing moves: a struct waiting for another client's struct of the same update
  // goes through once that one is in. Integrability only grows, so the order of clients does not matter.
  const position = new Map<number, number>();
  for (const client of byClient.keys()) position.set(client, 0);
  let progress = true;
  while (progress && position.size > 0) {
    progress = false;
    for (const [client, index] of position) {
      const structs = byClient.get(client) ?? [];
      let i = index;
      for (; i < structs.length; i++) {
        const struct = structs[i] as StructInfo;
        if (struct.skip) continue;
        const clock = clockOf(client);
        if (struct.clock > clock) {
          return { kind: 'ahead', reason: `structs of client ${client} start at ${struct.clock}, ahead of ${clock}` };
        }
        if (missing(struct.deps)) break;
        state.set(client, Math.max(clock, struct.clock + struct.length));
      }
      if (i !== index) progress = true;
      if (i === structs.length) position.delete(client);
      else position.set(client, i);
    }
  }
  if (position.size > 0) {
    const [client] = position.keys();
    return { kind: 'ahead', reason: `structs of client ${client} depend on items the document does not have` };
  }

  try {
    const clientCount = decoding.readVarUint(decoder.restDecoder);
    for (let c = 0; c < clientCount; c++) {
      decoder.resetDsCurVal();
      const client = decoding.readVarUint(decoder.restDecoder);
      const ranges = decoding.readVarUint(decoder.restDecoder);
      const clock = clockOf(client);
      for (let r = 0; r < ranges; r++) {
        const end = decoder.readDsClock() + decoder.readDsLen();
        if (end > clock) {
          return { kind: 'ahead', reason: `deletes items of client ${client} up to ${end}, beyond its clock ${clock}` };
        }
      }
    }
  } catch {
    return { kind: 'malformed', reason: 'malformed Yjs update' };
  }
  return null;
}

/**
 * Drops whatever Yjs keeps pending in `doc`. A document loaded from a log written before the rule above (or a bug)
 * must not carry pending structs or deletions: they are re-read on every update, `encodeStateAsUpdate` includes
 * them, so compaction would store them and every new client would receive them. Returns true if anything was dropped.
 */
export function dropPending(doc: Y.Doc): boolean {
  const store = doc.store as { pendingStructs: unknown; pendingDs: unknown };
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}
