/** Where the server reports what happens. Pass your own to `createMopServer` to silence or capture it. */
export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

const write =
  (fn: (...args: unknown[]) => void, level: string) =>
  (message: string, details?: unknown): void => {
    if (details === undefined) fn(`[mop] ${level} ${message}`);
    else fn(`[mop] ${level} ${message}`, details);
  };

const consoleLogger: Logger = {
  info: write(console.log, 'info'),
  warn: write(console.warn, 'warn'),
  error: write(console.error, 'error')
};

export type LogLevel = 'info' | 'warn' | 'error';
/** A logger given as one function (`() => {}` silences the server). */
export type LogFunction = (level: LogLevel, message: string, details?: unknown) => void;

/** Accepts either form of logger and returns the object form. */
export function toLogger(logger: Logger | LogFunction | undefined): Logger {
  if (logger === undefined) return consoleLogger;
  if (typeof logger !== 'function') return logger;
  return {
    info: (message, details) => logger('info', message, details),
    warn: (message, details) => logger('warn', message, details),
    error: (message, details) => logger('error', message, details)
  };
}
