/**
 * When may a start seed the demo (public accounts with the password `mop-demo`)? Only where it cannot hurt: a server
 * bound to this machine alone, not in production — unless `MOP_DEMO=1` asks for it explicitly, which is then
 * answered with a loud warning.
 */

/** What the environment says. */
export interface DemoEnvironment {
  /** The interface the server binds (`HOST`). */
  host: string;
  /** `NODE_ENV`. */
  nodeEnv?: string | undefined;
  /** `MOP_DEMO`: `1`/`true` forces the demo on, `0`/`false` off, unset decides by host and NODE_ENV. */
  mopDemo?: string | undefined;
}

export interface DemoDecision {
  demo: boolean;
  /** Print the demo password? Never for a server other machines can reach. */
  printPassword: boolean;
  /** A warning to print loudly, when the demo is on where other people can reach it. */
  warning: string | null;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Decides whether this start may seed the demo. */
export function decideDemo(env: DemoEnvironment): DemoDecision {
  const flag = env.mopDemo?.trim().toLowerCase();
  const loopback = isLoopbackHost(env.host);
  const production = env.nodeEnv === 'production';
  if (flag === '0' || flag === 'false' || flag === 'no') return { demo: false, printPassword: false, warning: null };
  const explicit = flag === '1' || flag === 'true' || flag === 'yes';
  if (!explicit) {
    const demo = loopback && !production;
    return { demo, printPassword: demo, warning: null };
  }
  if (loopback && !production) return { demo: true, printPassword: true, warning: null };
  const why = production ? 'NODE_ENV=production' : `the server listens on ${env.host}, reachable from other machines`;
  return {
    demo: true,
    printPassword: loopback,
    warning:
      `WARNING: MOP_DEMO=1 with ${why}. An empty database gets demo accounts with a public password: ` +
      'anyone who can reach this server can sign in as the demo admin. Do not use this for real people.'
  };
}
