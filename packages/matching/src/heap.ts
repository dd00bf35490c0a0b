/**
 * A binary min-heap of (key, node) pairs on typed arrays, ordered by key then node so that ties break the same way
 * on every run. Used lazily by Dijkstra: stale entries are skipped by the caller instead of decreased in place.
 */
export class MinHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const keysArr = this.keys;
    const nodesArr = this.nodes;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keysArr[parent]!;
      if (pk < key || (pk === key && nodesArr[parent]! < node)) break;
      keysArr[at] = pk;
      nodesArr[at] = nodesArr[parent]!;
      at = parent;
    }
    keysArr[at] = key;
    nodesArr[at] = node;
  }

  /** The smallest key; only valid when `size > 0`. */
  topKey(): number {
    return this.keys[0]!;
  }

  /** Removes the smallest entry and returns its node (read {@link topKey} first for its key). */
  pop(): number {
    const keysArr = this.keys;
    const nodesArr = this.nodes;
    const top = nodesArr[0]!;
    const last = --this.size;
    const key = keysArr[last]!;
    const node = nodesArr[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (keysArr[right]! < keysArr[child]! ||
          (keysArr[right] === keysArr[child] && nodesArr[right]! < nodesArr[child]!))
      )
        child = right;
      const ck = keysArr[child]!;
      if (key < ck || (key === ck && node < nodesArr[child]!)) break;
      keysArr[at] = ck;
      nodesArr[at] = nodesArr[child]!;
      at = child;
    }
    keysArr[at] = key;
    nodesArr[at] = node;
    return top;
  }
}
