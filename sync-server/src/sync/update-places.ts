import * as Y from 'yjs';

/** A container (nested type) on the way from a root type to some content, and whether this update creates it. */
interface ContainerRef {
  item: Y.Item;
  fresh: boolean;
}

/** Where a struct sits: its root type and the keys from there (`#` for a position in an array, text or XML). */
interface Place {
  /** `[root, key, key, …]`, e.g. `['pins', '<pin id>', 'url']` or `['messages', '#']`. */
  path: readonly string[];
  /** The nested types from the root down that hold it; `containers[0]` is the record (a root's direct child). */
  containers: readonly ContainerRef[];
}

/** New content an update brings: where it goes and what it is (only the part the document does not have yet). */
export interface NewContent extends Place {
  content: Y.Item['content'];
  /** For a ContentAny or ContentJSON: the new values; otherwise empty. */
  values: readonly unknown[];
}

/** A deleted range that hits an item the document has. */
export interface DeletedContent extends Place {
  item: Y.Item;
  /** The values of a ContentAny that are deleted (the others of the item stay). */
  values: readonly unknown[];
}

/** What an update adds and deletes, each with its place; `null` places (content bound for a deleted parent) are left out. */
interface UpdateChanges {
  added: NewContent[];
  deleted: DeletedContent[];
}

/**
 * What a kind of document accepts from a connected member, checked on every update before it touches the document
 * (docs/sync.md, "What a document accepts"). Each check answers why the content is refused, or null.
 */
export interface DocumentRules {
  /** Cap of the document's encoded state, in bytes. */
  readonly maxDocBytes: number;
  /** New content of an update, with its place in the document. */
  checkAdded(content: NewContent, userId: string, doc: Y.Doc): string | null;
  /** Content an update deletes (the document has it). */
  checkDeleted?(content: DeletedContent, userId: string): string | null;
}

const DEAD = null;

/**
 * Reads an update that `checkUpdate` accepted (everything it points at exists, in the document or earlier in the
 * update) and says where each new piece of content goes, without applying it: a struct names its parent (a root
 * type or a nested type's item) or only a neighbour (origin / right origin) whose parent it shares. Content the
 * document already has (an update overlapping what was stored) is left out, and so is content bound for a parent
 * that is gone: Yjs integrates it as deleted.
 */
export function readUpdateChanges(doc: Y.Doc, update: Uint8Array): UpdateChanges {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const docState = new Map<number, number>();
  const stateOf = (client: number): number => {
    let state = docState.get(client);
    if (state === undefined) {
      state = Y.getState(store, client);
      docState.set(client, state);
    }
    return state;
  };
  const fresh = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = fresh.get(struct.id.client);
    if (list) list.push(struct);
    else fresh.set(struct.id.client, [struct]);
  }

  const findItem = (id: Y.ID): ContainerRef | null => {
    if (id.clock < stateOf(id.client)) {
      const found = Y.getItem(store, id);
      return found instanceof Y.Item ? { item: found, fresh: false } : null;
    }
    const list = fresh.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid] as Y.Item;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return { item, fresh: true };
    }
    return null;
  };

  const places = new Map<Y.Item, Place | null>();
  /** What a struct's place derives from: its root, its container's item, or a neighbour whose place it shares. */
  type Source =
    | { kind: 'root'; root: string; key: string }
    | { kind: 'container'; ref: ContainerRef; key: string }
    | { kind: 'sibling'; ref: ContainerRef }
    | null;
  const sourceOf = (ref: ContainerRef): Source => {
    const { item } = ref;
    const key = item.parentSub ?? '#';
    if (!ref.fresh) {
      const parent = item.parent as Y.AbstractType<unknown> | null;
      if (!parent) return DEAD;
      const parentItem = parent._item;
      if (parentItem === null) return { kind: 'root', root: Y.findRootTypeKey(parent), key };
      return { kind: 'container', ref: { item: parentItem, fresh: false }, key };
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { kind: 'root', root: parent, key };
    if (parent instanceof Y.ID) {
      const container = findItem(parent);
      if (!container || !(container.item.content instanceof Y.ContentType)) return DEAD;
      return { kind: 'container', ref: container, key };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    const sibling = neighbour ? findItem(neighbour) : null;
    return sibling ? { kind: 'sibling', ref: sibling } : DEAD;
  };

  /** Resolves places iteratively (a crafted update can chain thousands of structs through their origins). */
  const placeOf = (start: ContainerRef): Place | null => {
    const stack: ContainerRef[] = [start];
    while (stack.length > 0) {
      const ref = stack[stack.length - 1] as ContainerRef;
      if (places.has(ref.item)) {
        stack.pop();
        continue;
      }
      const source = sourceOf(ref);
      if (source === DEAD || source.kind === 'root') {
        places.set(ref.item, source === DEAD ? DEAD : { path: [source.root, source.key], containers: [] });
        stack.pop();
        continue;
      }
      const dependency = source.ref.item;
      if (!places.has(dependency)) {
        if (stack.length > structs.length + 64) {
          // A cycle cannot pass `checkUpdate`; if one ever did, the struct is treated as going nowhere.
          places.set(ref.item, DEAD);
          stack.pop();
          continue;
        }
        stack.push(source.ref);
        continue;
      }
      const base = places.get(dependency) ?? DEAD;
      if (base === DEAD) places.set(ref.item, DEAD);
      else if (source.kind === 'sibling') places.set(ref.item, base);
      else
        places.set(ref.item, {
          path: [...base.path, source.key],
          containers: [...base.containers, source.ref]
        });
      stack.pop();
    }
    return places.get(start.item) ?? DEAD;
  };

  const added: NewContent[] = [];
  for (const list of fresh.values()) {
    for (const item of list) {
      const known = stateOf(item.id.client) - item.id.clock;
      if (known >= item.length || item.content instanceof Y.ContentDeleted) continue;
      const place = placeOf({ item, fresh: true });
      if (!place) continue;
      const offset = Math.max(0, known);
      const content = item.content;
      const values =
        content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? content.getContent().slice(offset) : [];
      added.push({ ...place, content, values });
    }
  }

  const deleted: DeletedContent[] = [];
  for (const [client, ranges] of ds.clients) {
    const structsOfClient = store.clients.get(client);
    if (!structsOfClient) continue;
    const state = stateOf(client);
    for (const range of ranges) {
      const end = Math.min(range.clock + range.len, state);
      let clock = range.clock;
      while (clock < end) {
        const struct = structsOfClient[Y.findIndexSS(structsOfClient, clock)];
        if (!struct) break;
        const structEnd = struct.id.clock + struct.length;
        if (struct instanceof Y.Item && !struct.deleted) {
          const place = placeOf({ item: struct, fresh: false });
          if (place) {
            const from = clock - struct.id.clock;
            const to = Math.min(end, structEnd) - struct.id.clock;
            const values = struct.content instanceof Y.ContentAny ? struct.content.getContent().slice(from, to) : [];
            deleted.push({ ...place, item: struct, values });
          }
        }
        clock = structEnd;
      }
    }
  }
  return { added, deleted };
}
