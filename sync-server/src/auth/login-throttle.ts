import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** One limit on failed sign-ins: at most `failures` in `seconds`; further attempts wait until the window has passed. */
export interface FailureLimit {
  failures: number;
  seconds: number;
}

/**
 * The limits on failed sign-ins (docs/security.md, "Sign-in throttling"). Only failures count; a success clears the
 * account-and-address count, never the others (an attacker with one valid account must not reset their address).
 */
export const LOGIN_LIMITS = {
  /** Guessing one account's password from one address. */
  accountFromAddress: { failures: 10, seconds: 15 * 60 },
  /** Guessing one account's password from many addresses (a botnet). High enough that a stranger cannot lock a person out for long. */
  account: { failures: 30, seconds: 60 * 60 },
  /** One address trying many accounts (one password sprayed over 40 e-mails). A workshop behind one NAT stays well below. */
  address: { failures: 30, seconds: 15 * 60 },
  /** The whole platform: a distributed spray. About one failure a second, far above any real cohort's typing. */
  global: { failures: 1000, seconds: 15 * 60 }
} as const satisfies Record<string, FailureLimit>;

const GLOBAL_KEY = 'all';

/** Counts failed sign-ins per account and address, per account, per address and in total, in memory. */
export class LoginThrottle {
  private readonly limiters: { limiter: RateLimiterMemory; key: (email: string, address: string) => string }[];
  private readonly accountFromAddress: RateLimiterMemory;

  constructor(limits: { [K in keyof typeof LOGIN_LIMITS]: FailureLimit } = LOGIN_LIMITS) {
    const limiter = ({ failures, seconds }: FailureLimit) =>
      new RateLimiterMemory({ points: failures, duration: seconds });
    this.accountFromAddress = limiter(limits.accountFromAddress);
    this.limiters = [
      { limiter: this.accountFromAddress, key: (email, address) => `${email}|${address}` },
      { limiter: limiter(limits.account), key: (email) => email },
      { limiter: limiter(limits.address), key: (_email, address) => address },
      { limiter: limiter(limits.global), key: () => GLOBAL_KEY }
    ];
  }

  /** Milliseconds until this account may be tried from this address again, or 0 when it may be tried now. */
  async retryAfterMs(email: string, address: string): Promise<number> {
    let wait = 0;
    for (const { limiter, key } of this.limiters) {
      const state: RateLimiterRes | null = await limiter.get(key(email, address));
      if (state && state.consumedPoints >= limiter.points) wait = Math.max(wait, state.msBeforeNext, 1);
    }
    return wait;
  }

  /** Counts one failed sign-in against every limit. */
  async recordFailure(email: string, address: string): Promise<void> {
    for (const { limiter, key } of this.limiters) await limiter.penalty(key(email, address));
  }

  /** A successful sign-in forgets this account-and-address's failures (a person who mistyped a few times). */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.accountFromAddress.delete(`${email}|${address}`);
  }
}
