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

export const consoleLogger: Logger = {
  info: write(console.log, 'info'),
  warn: write(console.warn, 'warn'),
  error: write(console.error, 'error')
};

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {}
};
