import type { Logger } from '../logger.ts';

/** What a connection has had refused so far, by reason. */
export interface RejectionCounts {
  total: number;
  byReason: Map<string, number>;
}

/** At most this many per-connection lines a minute; the rest are folded into the minute's summary. */
export const MAX_CONNECTION_LINES_PER_MINUTE = 10;

const describe = (byReason: Map<string, number>): string =>
  [...byReason]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ×${n}`)
    .join(', ');

/**
 * Counts refused frames instead of logging each one: a hostile client can send thousands a second, and a line
 * (with a stack) per frame once filled disks and cost more CPU than refusing the frame. The log gets one line
 * when a connection with refusals closes (at most MAX_CONNECTION_LINES_PER_MINUTE a minute) and one summary a
 * minute while frames are being refused.
 */
export class RejectionLog {
  private frames = 0;
  private readonly reasons = new Map<string, number>();
  private readonly senders = new Set<object>();
  private closedConnections = 0;
  private connectionLines = 0;
  private foldedLines = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly logger: Logger,
    intervalMs = 60_000
  ) {
    this.timer = setInterval(() => this.summarise(), intervalMs);
    this.timer.unref();
  }

  /** Counts one refused frame of `sender` (whose own counts are in `counts`). */
  record(sender: object, counts: RejectionCounts, reason: string): void {
    counts.total += 1;
    counts.byReason.set(reason, (counts.byReason.get(reason) ?? 0) + 1);
    this.frames += 1;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    this.senders.add(sender);
  }

  /** Reports a connection that had frames refused, once, when it closes. */
  connectionClosed(who: string, counts: RejectionCounts, closedByServer: number | null): void {
    if (counts.total === 0) return;
    const total = counts.total;
    const reasons = describe(counts.byReason);
    // Reported once, even if the server's shutdown and the socket's close event both get here.
    counts.total = 0;
    counts.byReason.clear();
    if (closedByServer !== null) this.closedConnections += 1;
    if (this.connectionLines >= MAX_CONNECTION_LINES_PER_MINUTE) {
      this.foldedLines += 1;
      return;
    }
    this.connectionLines += 1;
    const ending = closedByServer === null ? 'it closed' : `closed by the server with ${closedByServer}`;
    this.logger.warn(`sync: refused ${total} frames from ${who} (${reasons}); ${ending}`);
  }

  /** Writes the summary of the frames refused since the last one, if any. */
  summarise(): void {
    if (this.frames > 0) {
      const folded = this.foldedLines > 0 ? `; ${this.foldedLines} per-connection lines folded into this one` : '';
      this.logger.warn(
        `sync: refused ${this.frames} frames from ${this.senders.size} connections since the last summary ` +
          `(${describe(this.reasons)}); ${this.closedConnections} connections closed for it${folded}`
      );
    }
    this.frames = 0;
    this.reasons.clear();
    this.senders.clear();
    this.closedConnections = 0;
    this.connectionLines = 0;
    this.foldedLines = 0;
  }

  close(): void {
    clearInterval(this.timer);
    this.summarise();
  }
}
