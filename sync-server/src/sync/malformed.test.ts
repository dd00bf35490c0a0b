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
  upgradeStatus,
  waitFor,
  waitSynced,
  type TestServer
} from '../test-support/harness.ts';
import { MAX_REFUSED_FRAMES } from './room.ts';
import { MAX_CONNECTION_LINES_PER_MINUTE } from './rejections.ts';

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

    // Fewer bad frames than the closing threshold per connection: each connection survives its bad messages.
    const attackers: WebSocket[] = [];
    for (let start = 0; start < BAD_FRAMES.length; start += MAX_REFUSED_FRAMES - 1) {
      const attacker = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, menteeCookie);
      cleanups.push(() => attacker.terminate());
      attackers.push(attacker);
      for (const [, data] of BAD_FRAMES.slice(start, start + MAX_REFUSED_FRAMES - 1)) attacker.send(data);
      // A well-formed query after the garbage is still answered.
      let answered = false;
      attacker.on('message', (data: Buffer) => {
        if (data[0] === 1) answered = true;
      });
      attacker.send(new Uint8Array([3]));
      await waitFor(() => answered, 'the query awareness answer after the garbage');
    }
    const attacker = attackers.at(-1) as WebSocket;

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
    // Nothing is logged frame by frame.
    expect(server.logger.warnings).toEqual([]);

    // The oversized frame closes only the sender's connection, with 1009.
    const closing = closed(attacker);
    attacker.send(new Uint8Array(MAX_SYNC_MESSAGE_BYTES + 1));
    expect(await closing).toBe(1009);
    reader.text.insert(0, '>> ');
    await waitFor(
      () => good.text.toString() === '>> before the garbage. after the garbage.',
      'sync after the oversized frame'
    );
    // Every refused frame was counted: one line per connection when it closes, with its total.
    for (const other of attackers) other.close();
    const refusedLines = () =>
      server.logger.warnings.map(([message]) => String(message)).filter((line) => line.startsWith('sync: refused'));
    await waitFor(() => refusedLines().length === attackers.length, 'one line per attacking connection');
    const counted = refusedLines().map((line) => Number(/refused (\d+) frames/.exec(line)?.[1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(BAD_FRAMES.length + 1);

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
    // The same session is refused for a while (the stock client backs off); another session is not.
    expect(await upgradeStatus(`${server.wsUrl}/${PAIR_1}`, { cookie })).toBe(429);
    good.text.insert(0, 'still fine');
    const other = connectClient(server, PAIR_1, await login(server.url, 'mentee@example.org'));
    cleanups.push(() => other.destroy());
    await waitFor(() => other.text.toString() === 'still fine', 'a new client to sync');
    expect(server.logger.errors).toEqual([]);
  });

  it('keeps the log bounded under a flood of malformed frames and closes each flooding connection early', async () => {
    const server = await start();
    const good = connectClient(server, PAIR_1, await login(server.url, 'mentor@example.org'));
    cleanups.push(() => good.destroy());
    await waitSynced(good);
    const sockets = 30;
    let sent = 0;
    const codes: number[] = [];
    for (let s = 0; s < sockets; s++) {
      // A fresh session each time, as an attacker with many accounts (or one that waits out the cool-down) would.
      const attacker = await openRawSocket(`${server.wsUrl}/${PAIR_1}`, await login(server.url, 'mentee@example.org'));
      cleanups.push(() => attacker.terminate());
      const closing = closed(attacker);
      // 200 frames written at once: the server has closed the connection long before it reads them all.
      for (let i = 0; i < 200; i++) attacker.send(new Uint8Array([0xde, 0xad, i & 0xff, s]));
      sent += 200;
      codes.push(await closing);
    }
    expect(codes.every((code) => code === 1007)).toBe(true);
    await server.close();
    const lines = server.logger.warnings.map(([message]) => String(message));
    // One line per closed connection, at most MAX_CONNECTION_LINES_PER_MINUTE of them, plus one summary.
    expect(lines.length).toBeLessThanOrEqual(MAX_CONNECTION_LINES_PER_MINUTE + 1);
    expect(lines.at(-1)).toMatch(
      /refused \d+ frames from 30 connections .*30 connections closed for it; 20 per-connection lines folded/
    );
    const refused = Number(/refused (\d+) frames from 30/.exec(lines.at(-1) ?? '')?.[1]);
    // Each connection was closed after MAX_REFUSED_FRAMES refused frames; what it sent after that was not even read.
    expect(refused).toBe(sockets * MAX_REFUSED_FRAMES);
    expect(refused).toBeLessThan(sent);
    expect(server.logger.errors).toEqual([]);
  });
});
