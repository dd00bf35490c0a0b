import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './link-token';

const token = 'Qx3_-a9ZkLmN0pQrStUvWxYz0123456789abcdefGHI';

describe('tokenFromHash', () => {
  it('reads both link shapes: #token=… and the whole fragment', () => {
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(`#${token}`)).toBe(token);
    expect(tokenFromHash(`#token=${token}&from=mail`)).toBe(token);
  });

  it('takes a fragment a mail program percent-encoded or padded with spaces', () => {
    expect(tokenFromHash(`#%20${token}%20`)).toBe(token);
  });

  it('says there is none for an empty, cut or mangled link', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash(`#${token.slice(0, 12)}`)).toBeNull();
    expect(tokenFromHash(`#${token}<script>`)).toBeNull();
    expect(tokenFromHash('#%E0%A4%A')).toBeNull();
  });
});
