import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, dropPending } from './update-check.ts';
import { manyClientsUpdate, pendingDeleteUpdate, structAheadUpdate } from './crafted-updates.ts';

const CAP = 10_000;

/** Applies `update` to a copy of `doc` and says whether Yjs left anything pending: the ground truth. */
function yjsLeavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
}

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('checkUpdate', () => {
  it('accepts ordinary edits, duplicates, merged updates and deletions of known items', () => {
    const server = docWith('hello');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    client.getText('t').insert(5, ' world');
    client.getText('t').delete(0, 2);
    client.getMap('m').set('k', 1);
    // All at once, merged, and the full state including what the server already has.
    expect(checkUpdate(server, Y.mergeUpdates(updates), CAP)).toBeNull();
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client), CAP)).toBeNull();
    // One by one, in order; then each again (duplicates).
    for (const update of [...updates, ...updates]) {
      expect(checkUpdate(server, update, CAP)).toBeNull();
      expect(yjsLeavesPending(server, update)).toBe(false);
      Y.applyUpdate(server, update);
    }
    expect(server.getText('t').toString()).toBe(client.getText('t').toString());
  });

  it('accepts an update whose structs depend on other structs of the same update, from another client', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.getText('t').insert(0, 'from a ');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getText('t').insert(7, 'then b');
    // b's full state carries a's items and b's items that point at them.
    const update = Y.encodeStateAsUpdate(b);
    expect(checkUpdate(server, update, CAP)).toBeNull();
    expect(yjsLeavesPending(server, update)).toBe(false);
  });

  it('refuses structs ahead of the document and edits that point at unknown items, as Yjs would keep them pending', () => {
    const server = new Y.Doc();
    const { update } = structAheadUpdate();
    expect(yjsLeavesPending(server, update)).toBe(true);
    expect(checkUpdate(server, update, CAP)?.kind).toBe('ahead');

    const a = docWith('from a ');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getText('t').insert(7, 'then b');
    const onlyB = Y.encodeStateAsUpdate(b, before);
    expect(yjsLeavesPending(server, onlyB)).toBe(true);
    expect(checkUpdate(server, onlyB, CAP)).toEqual({
      kind: 'ahead',
      reason: expect.stringContaining('depend on items the document does not have')
    });
    // Once the server has a's edit, the same update goes through.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    expect(checkUpdate(server, onlyB, CAP)).toBeNull();
  });

  it('refuses deletions of unknown clients or beyond a client’s clock', () => {
    const server = docWith('abc');
    const huge = pendingDeleteUpdate(424242, 300_000);
    expect(huge.byteLength).toBeGreaterThan(1_000_000);
    expect(yjsLeavesPending(server, huge)).toBe(true);
    expect(checkUpdate(server, huge, CAP)?.kind).toBe('ahead');
    // Client of the server's own items, but a clock past what it has (3 items: clocks 0..2).
    const beyond = pendingDeleteUpdate(server.clientID, 3); // ranges at 0, 2, 4
    expect(yjsLeavesPending(server, beyond)).toBe(true);
    expect(checkUpdate(server, beyond, CAP)?.kind).toBe('ahead');
    expect(checkUpdate(server, pendingDeleteUpdate(server.clientID, 2), CAP)).toBeNull();
  });

  it('caps the client IDs of a document', () => {
    const server = docWith('x');
    expect(checkUpdate(server, manyClientsUpdate(1000, 99), 100)).toBeNull();
    expect(checkUpdate(server, manyClientsUpdate(1000, 100), 100)?.kind).toBe('clients');
    expect(yjsLeavesPending(server, manyClientsUpdate(1000, 100))).toBe(false);
  });

  it('says malformed for bytes that are no update', () => {
    expect(checkUpdate(new Y.Doc(), new Uint8Array([0xff, 0xff, 0xff]), CAP)?.kind).toBe('malformed');
  });
});

describe('dropPending', () => {
  it('removes pending structs and deletions so that they are neither encoded nor stored', () => {
    const doc = docWith('kept');
    Y.applyUpdate(doc, structAheadUpdate().update);
    Y.applyUpdate(doc, pendingDeleteUpdate(777, 10));
    const poisoned = Y.encodeStateAsUpdate(doc).byteLength;
    expect(dropPending(doc)).toBe(true);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(poisoned);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(docWithSameContent(doc)));
    expect(dropPending(doc)).toBe(false);
  });
});

function docWithSameContent(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
