import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { MAX_SYNC_MESSAGE_BYTES, MESSAGE_SYNC, SYNC_STEP_1, SYNC_UPDATE, mentorshipDocName } from '@mop/shared';
import {
  connectClient,
  login,
  openRawSocket,
  startTestServer,
  waitFor,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';

const PAIR_1 = mentorshipDocName('demo-pair-1');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A real Yjs update cut in half: structurally plausible, but it ends in the middle of a struct. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'this update will be cut in half before it is sent');
  const update = Y.encodeStateAsUpdate(doc);
  return update.slice(0, Math.floor(update.length / 2));
}

const BAD_FRAMES: [string, Uint8Array | string][] = [
  ['random bytes', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x13, 0x37, 0x00, 0xff])],
  ['an undecodable varint', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
  ['an empty frame', new Uint8Array([])],
  [
    'a truncated sync message',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint(e, 500); // announces 500 bytes, sends 3
      encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]));
    })
  ],
  ['an unknown message type', frame((e) => encoding.writeVarUint(e, 99))],
  [
    'an unknown sync sub-type',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 7);
    })
  ],
  [
    'a sync update with a garbage payload',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xfe, 0xfd, 0xfc, 0x01, 0x02, 0x03, 0x04, 0x05]));
    })
  ],
  [
    'a truncated Yjs update',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, truncatedUpdate());
    })
  ],
  [
    'a garbage state vector',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_STEP_1);
      encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff]));
    })
  ],
  [
    'a garbage awareness update',
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]));
    })
  ],
  ['a text frame', 'hello, server']
];

async function start(dataDir?: string): Promise<TestServer> {
  const server = await startTestServer(dataDir ? { dataDir } : {});
  cleanups.push(() => server.close());
  return server;
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.on('close', (code) => resolve(code)));
}

describe('malformed and oversized frames', () => {
  it('drops bad messages without harming the document or the other clients', async () => {
    const server = await start();
    const mentorCookie = await login(server.url, 'mentor@example.org');
    const menteeCookie = await login(server.url, 'mentee@example.org');
    const good = connectClient(server, PAIR_1, mentorCookie);
    cleanups.push(() => good.destroy());
    await waitSynced(good);
    good.text.insert(0, 'before the garbage. ');

    const attacker = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, menteeCookie);
    cleanups.push(() => attacker.terminate());
    for (const [, data] of BAD_FRAMES) attacker.send(data);
    // A well-formed query after the garbage is still answered: the connection survived its bad messages.
    let answered = false;
    attacker.on('message', (data: Buffer) => {
      if (data[0] === 1) answered = true;
    });
    attacker.send(new Uint8Array([3]));
    await waitFor(() => answered, 'the query awareness answer after the garbage');

    good.text.insert(good.text.length, 'after the garbage.');
    const reader = connectClient(server, PAIR_1, menteeCookie);
    cleanups.push(() => reader.destroy());
    await waitSynced(reader);
    await waitFor(
      () => reader.text.toString() === 'before the garbage. after the garbage.',
      'the reader to get both edits'
    );
    expect(good.provider.wsconnected).toBe(true);
    expect(server.logger.errors).toEqual([]);
    // Every bad frame was seen and dropped, each with its own warning.
    expect(
      server.logger.warnings.filter(([message]) => String(message).startsWith('sync: dropped a message')).length
    ).toBe(BAD_FRAMES.length);

    // The oversized frame closes only the sender's connection, with 1009.
    const closing = closed(attacker);
    attacker.send(new Uint8Array(MAX_SYNC_MESSAGE_BYTES + 1));
    expect(await closing).toBe(1009);
    reader.text.insert(0, '>> ');
    await waitFor(
      () => good.text.toString() === '>> before the garbage. after the garbage.',
      'sync after the oversized frame'
    );

    // And the stored document is intact after a restart.
    const expected = good.text.toString();
    good.destroy();
    reader.destroy();
    await server.close();
    const restarted = await start(server.dataDir);
    const fresh = connectClient(restarted, PAIR_1, await login(restarted.url, 'mentee@example.org'));
    cleanups.push(() => fresh.destroy());
    await waitSynced(fresh);
    expect(fresh.text.toString()).toBe(expected);
  });

  it('closes a connection that keeps sending garbage, and only that one', async () => {
    const server = await start();
    const cookie = await login(server.url, 'mentee@example.org');
    const good = connectClient(server, PAIR_1, await login(server.url, 'mentor@example.org'));
    cleanups.push(() => good.destroy());
    await waitSynced(good);
    const attacker = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, cookie);
    cleanups.push(() => attacker.terminate());
    const closing = closed(attacker);
    for (let i = 0; i < 50 && attacker.readyState === attacker.OPEN; i++)
      attacker.send(new Uint8Array([0xde, 0xad, i]));
    expect(await closing).toBe(1007);
    good.text.insert(0, 'still fine');
    const other = connectClient(server, PAIR_1, cookie);
    cleanups.push(() => other.destroy());
    await waitFor(() => other.text.toString() === 'still fine', 'a new client to sync');
    expect(server.logger.errors).toEqual([]);
  });
});
