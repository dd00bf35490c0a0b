import { describe, expect, it } from 'vitest';
import { decideDemo, isLoopbackHost } from './demo-policy.ts';

describe('demo policy', () => {
  it('recognises loopback addresses only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '128.0.0.1', '10.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('seeds the demo by default on loopback outside production, and prints its password', () => {
    expect(decideDemo({ host: '127.0.0.1' })).toEqual({ demo: true, printPassword: true, warning: null });
  });

  it('never seeds by default on another address or in production', () => {
    expect(decideDemo({ host: '0.0.0.0' }).demo).toBe(false);
    expect(decideDemo({ host: '127.0.0.1', nodeEnv: 'production' }).demo).toBe(false);
  });

  it('MOP_DEMO=0 turns it off everywhere', () => {
    expect(decideDemo({ host: '127.0.0.1', mopDemo: '0' }).demo).toBe(false);
    expect(decideDemo({ host: '127.0.0.1', mopDemo: 'false' }).demo).toBe(false);
  });

  it('MOP_DEMO=1 forces it on with a loud warning, and never prints the password off loopback', () => {
    const open = decideDemo({ host: '0.0.0.0', mopDemo: '1' });
    expect(open.demo).toBe(true);
    expect(open.printPassword).toBe(false);
    expect(open.warning).toMatch(/WARNING.*0\.0\.0\.0/);
    const production = decideDemo({ host: '127.0.0.1', nodeEnv: 'production', mopDemo: 'true' });
    expect(production.demo).toBe(true);
    expect(production.warning).toMatch(/NODE_ENV=production/);
  });
});
