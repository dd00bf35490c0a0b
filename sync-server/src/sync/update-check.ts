import * as Y from 'yjs';

/** Why an update was refused; see docs/sync.md. */
export type UpdateRefusal =
  | { kind: 'malformed'; reason: string }
  /** Structs or deletions the document cannot integrate yet: Yjs would keep them pending. */
  | { kind: 'ahead'; reason: string }
  /** The update would take the document over its cap of client IDs. */
  | { kind: 'clients'; reason: string };

type StructRef = Y.Item | Y.GC | Y.Skip;

/** The ID an item depends on (origin, right origin, or parent when that is an item), or null. */
function dependencies(struct: StructRef): (Y.ID | null)[] {
  if (!(struct instanceof Y.Item)) return [];
  const parent = struct.parent instanceof Y.ID ? struct.parent : null;
  return [struct.origin, struct.rightOrigin, parent];
}

/**
 * Decides, without touching the document, whether `update` would integrate completely into `doc`: every struct
 * starts at or below its client's clock (counting the update's own earlier structs), everything it points at
 * (origin, right origin, parent item) exists before it, and every deleted range lies below its client's clock
 * once the update's structs are in. This mirrors `integrateStructs` / `readAndApplyDeleteSet` of Yjs 13: an update
 * that passes leaves nothing in `doc.store.pendingStructs` or `pendingDs`. It also caps the client IDs a
 * document may hold, since every client ID costs something on every later update.
 *
 * It costs one `Y.decodeUpdate` (the server decoded every update before, to reject garbage) and a walk over the
 * structs; it never copies the document.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, maxClients: number): UpdateRefusal | null {
  let decoded: { structs: StructRef[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return { kind: 'malformed', reason: 'malformed Yjs update' };
  }

  // Group the structs by client, in the order Yjs reads them. Yjs keeps only the last group of a client that is
  // listed twice, so such an update is refused rather than reasoned about.
  const byClient = new Map<number, StructRef[]>();
  let previous = -1;
  for (const struct of decoded.structs) {
    const client = struct.id.client;
    if (client !== previous) {
      if (byClient.has(client)) return { kind: 'malformed', reason: 'a client listed twice in one update' };
      byClient.set(client, []);
      previous = client;
    }
    byClient.get(client)?.push(struct);
  }

  const clients = doc.store.clients;
  const state = new Map<number, number>();
  const clockOf = (client: number): number => state.get(client) ?? Y.getState(doc.store, client);
  let newClients = 0;
  for (const client of byClient.keys()) if (!clients.has(client)) newClients += 1;
  if (newClients > 0 && clients.size + newClients > maxClients) {
    return {
      kind: 'clients',
      reason: `the document would exceed ${maxClients} client IDs (it has ${clients.size}, the update adds ${newClients})`
    };
  }

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
        const struct = structs[i] as StructRef;
        if (struct instanceof Y.Skip) continue;
        const clock = clockOf(client);
        if (struct.id.clock > clock) {
          return {
            kind: 'ahead',
            reason: `structs of client ${client} start at ${struct.id.clock}, ahead of ${clock}`
          };
        }
        if (dependencies(struct).some((id) => id !== null && id.clock >= clockOf(id.client))) break;
        state.set(client, Math.max(clock, struct.id.clock + struct.length));
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

  for (const [client, ranges] of decoded.ds.clients) {
    const clock = clockOf(client);
    for (const range of ranges) {
      if (range.clock + range.len > clock) {
        return {
          kind: 'ahead',
          reason: `deletes items of client ${client} up to ${range.clock + range.len}, beyond its clock ${clock}`
        };
      }
    }
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
