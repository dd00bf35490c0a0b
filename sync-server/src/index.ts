export { createMopServer } from './server.ts';
export type { MopServer, MopServerOptions } from './server.ts';
export type { Logger, LogFunction, LogLevel } from './logger.ts';
export type { MopStore } from './storage/index.ts';
export type { DemoAccount } from './demo/seed.ts';
