import { afterEach, describe, expect, it } from 'vitest';
import { deviceStorage, storageProblemKind } from './device-storage.svelte';

/** Dexie's error as it reaches the app: its own name, and the browser's DOMException in `inner`. */
const dexieError = (name: string, inner?: string) =>
  Object.assign(new Error(`${name} failure`), { name, inner: inner ? new DOMException('inner', inner) : undefined });

afterEach(() => {
  deviceStorage.problem = null;
});

describe('storageProblemKind', () => {
  it('tells the causes of a failed open apart', () => {
    expect(storageProblemKind(dexieError('MissingAPIError'))).toBe('unavailable');
    expect(storageProblemKind(dexieError('OpenFailedError', 'InvalidStateError'))).toBe('unavailable');
    expect(storageProblemKind(dexieError('OpenFailedError', 'SecurityError'))).toBe('unavailable');
    expect(storageProblemKind(dexieError('AbortError', 'QuotaExceededError'))).toBe('full');
    expect(storageProblemKind(new DOMException('full', 'QuotaExceededError'))).toBe('full');
    expect(storageProblemKind(dexieError('VersionError'))).toBe('newer');
    expect(storageProblemKind(dexieError('OpenFailedError', 'UnknownError'))).toBe('broken');
    expect(storageProblemKind('something odd')).toBe('broken');
  });
});

describe('deviceStorage', () => {
  it('has no advice while storage works', () => {
    expect(deviceStorage.problem).toBeNull();
    expect(deviceStorage.advice).toBeNull();
  });

  it('keeps the first failure and says what to do', () => {
    deviceStorage.report(dexieError('MissingAPIError'));
    deviceStorage.report(dexieError('OpenFailedError', 'UnknownError'));
    expect(deviceStorage.problem).toBe('unavailable');
    expect(deviceStorage.advice).toMatch(/private window/);
  });

  it('clears a blocked upgrade once it went through, but not another problem', () => {
    deviceStorage.reportBlocked();
    expect(deviceStorage.advice).toMatch(/Close the other MOP tabs/);
    deviceStorage.clearBlocked();
    expect(deviceStorage.problem).toBeNull();
    deviceStorage.report(dexieError('AbortError', 'QuotaExceededError'));
    deviceStorage.clearBlocked();
    expect(deviceStorage.advice).toMatch(/no space left/);
  });
});
