import { describe, expect, it } from 'vitest';
import { readOfflineSupport } from './offline-support';

describe('readOfflineSupport', () => {
  const secure = {
    isSecureContext: true,
    location: { origin: 'https://mop.example.org' },
    navigator: { serviceWorker: {} },
    caches: {}
  };

  it('is available in a secure context with service workers and Cache Storage', () => {
    expect(readOfflineSupport(secure)).toEqual({ available: true, origin: 'https://mop.example.org' });
  });

  it('is not available on a plain http:// address, where browsers hide both', () => {
    expect(
      readOfflineSupport({ isSecureContext: false, location: { origin: 'http://192.168.1.20:3000' }, navigator: {} })
    ).toEqual({ available: false, origin: 'http://192.168.1.20:3000' });
  });

  it('is not available when a browser lacks either part, even when secure', () => {
    expect(readOfflineSupport({ ...secure, caches: undefined }).available).toBe(false);
    expect(readOfflineSupport({ ...secure, navigator: {} }).available).toBe(false);
  });
});
