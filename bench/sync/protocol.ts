/** IPC messages between the benchmark (parent) and a server child process. */
import fs from 'node:fs';

export type ParentCommand =
  | { type: 'mem'; id: number }
  | { type: 'appendRaw'; id: number; docName: string; updates: string[] }
  | { type: 'docStats'; id: number; docName: string }
  | { type: 'stop'; id: number };

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  openDocuments: number;
  errors: number;
  /** MOP only: group-commit transactions and the updates they stored. */
  commits?: number;
  updatesStored?: number;
  /** MOP only: lines the server logged (any level). */
  logLines?: number;
}

export type ChildReply =
  | { type: 'ready'; port: number; cookies: [string, string][] }
  | ({ type: 'mem'; id: number } & MemoryFigures)
  | { type: 'docStats'; id: number; rows: number; bytes: number }
  | { type: 'done'; id: number; writeBytes?: number };

/**
 * Bytes this process caused to be written to storage so far (/proc/self/io write_bytes); sent with the reply to
 * `stop`, after the server has drained its writes, so deferred writes (LevelDB's queue) are counted too.
 */
export function selfWriteBytes(): number | undefined {
  try {
    return Number(/write_bytes: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/** Answers `mem` after two full collections (the children run with --expose-gc). Returns true if handled. */
export function handleCommonCommands(
  command: ParentCommand,
  send: (reply: ChildReply) => void,
  status: () => { openDocuments: number; errors: number; commits?: number; updatesStored?: number; logLines?: number }
): boolean {
  if (command.type !== 'mem') return false;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  send({
    type: 'mem',
    id: command.id,
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    ...status()
  });
  return true;
}
