/**
 * Structured logs with pino: one JSON object per line in production (for journald, a file or a log shipper),
 * readable lines in a terminal (pino-pretty, in-process, so nothing is fetched or spawned). Every line written while
 * a request is handled carries that request's id, the same one the client gets in the `X-Request-Id` header.
 *
 * No personal data and no secrets: requests are logged by route pattern (`/api/mentorships/:id`), never by their
 * path, query, cookies or client address; anything that looks like an e-mail address in a message is replaced.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { ConfiguredLogLevel } from '../config.ts';
import type { Logger } from '../logger.ts';

const requests = new AsyncLocalStorage<{ id: string }>();

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/gi;
/** Replaces e-mail addresses in free text: a safety net for messages that quote what a person typed. */
function scrub(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** Error details as a log field: type, scrubbed message and stack, and a `code` where there is one. */
function describe(details: unknown): Record<string, unknown> {
  if (details === undefined) return {};
  if (details instanceof Error) {
    const code = (details as NodeJS.ErrnoException).code;
    return {
      err: {
        type: details.name,
        message: scrub(details.message),
        ...(code ? { code } : {}),
        stack: details.stack ? scrub(details.stack) : undefined
      }
    };
  }
  if (typeof details === 'string') return { detail: scrub(details) };
  if (typeof details === 'number' || typeof details === 'boolean') return { detail: details };
  try {
    return { detail: JSON.parse(scrub(JSON.stringify(details))) as unknown };
  } catch {
    return { detail: '[unserialisable]' };
  }
}

export interface PinoLoggerOptions {
  level: ConfiguredLogLevel;
  /** Human-readable lines instead of JSON (a terminal); default: when stdout is a TTY. */
  pretty?: boolean;
  /** Where lines go; default stdout. */
  destination?: NodeJS.WritableStream;
}

/** A `Logger` for the server, writing through pino. */
export function createPinoLogger(options: PinoLoggerOptions): Logger & { pino: pino.Logger } {
  const wantPretty = options.pretty ?? process.stdout.isTTY === true;
  const destination = options.destination ?? process.stdout;
  const stream = wantPretty
    ? pretty({ destination, sync: true, colorize: destination === process.stdout, ignore: 'pid,hostname' })
    : destination;
  const base = pino(
    {
      level: options.level,
      base: { service: 'mop' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = requests.getStore();
        return request ? { reqId: request.id } : {};
      }
    },
    stream
  );
  const write = (level: 'info' | 'warn' | 'error') => (message: string, details?: unknown) =>
    base[level](describe(details), scrub(message));
  return { pino: base, info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Hono middleware: gives each request an id (answered in `X-Request-Id`, attached to every log line written while it
 * is handled) and logs its end: method, route pattern, status, duration. `observe` is told the same (metrics).
 */
export function requestLogging(
  logger: Logger,
  observe?: (request: { method: string; route: string; status: number; seconds: number }) => void
): MiddlewareHandler {
  return async (c, next) => {
    const id = randomUUID();
    const started = performance.now();
    c.header('X-Request-Id', id);
    await requests.run({ id }, async () => {
      await next();
      const seconds = (performance.now() - started) / 1000;
      // The pattern of the handler that answered, never the path itself: paths carry ids and private feed tokens.
      const route = routePath(c) || 'unmatched';
      const entry = { method: c.req.method, route, status: c.res.status, seconds };
      observe?.(entry);
      if (c.res.status >= 500) logger.error('http: request failed', entry);
      else logger.info('http: request', entry);
    });
  };
}
