import { describe, expect, it } from 'vitest';
import { computeConnectionState, type DocSyncSnapshot } from './connection-state.ts';

const doc = (patch: Partial<DocSyncSnapshot> = {}): DocSyncSnapshot => ({
  socket: 'connected',
  serverSynced: true,
  unsynced: false,
  persisting: 0,
  failedAttempts: 0,
  ...patch
});

describe('computeConnectionState', () => {
  it('is offline when the browser is offline and nothing waits to sync', () => {
    expect(computeConnectionState(false, [])).toBe('offline');
    expect(computeConnectionState(false, [doc({ socket: 'disconnected' })])).toBe('offline');
  });

  it('says saved on this device once offline edits are in IndexedDB', () => {
    expect(computeConnectionState(false, [doc({ socket: 'disconnected', unsynced: true, persisting: 1 })])).toBe(
      'offline'
    );
    expect(computeConnectionState(false, [doc({ socket: 'disconnected', unsynced: true })])).toBe('saved-locally');
  });

  it('treats a socket that keeps failing as down', () => {
    expect(computeConnectionState(true, [doc({ socket: 'connecting', failedAttempts: 1 })])).toBe('connecting');
    expect(computeConnectionState(true, [doc({ socket: 'connecting', failedAttempts: 3, unsynced: true })])).toBe(
      'saved-locally'
    );
  });

  it('is syncing until the server confirmed the latest local edits', () => {
    expect(computeConnectionState(true, [doc({ serverSynced: false })])).toBe('syncing');
    expect(computeConnectionState(true, [doc({ unsynced: true })])).toBe('syncing');
    expect(computeConnectionState(true, [doc(), doc({ unsynced: true })])).toBe('syncing');
    expect(computeConnectionState(true, [doc(), doc()])).toBe('synced');
  });

  it('is merely online when nothing of the user is open to sync', () => {
    expect(computeConnectionState(true, [])).toBe('online');
  });
});
