import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMopServer } from '@mop/sync-server';

/** A running throwaway demo install. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Stops the server and deletes its data. */
  close(): Promise<void>;
}

/**
 * For the screenshot scripts: a fresh demo install in a temporary data dir, serving the built app (`npm run build`
 * first) on a free port of 127.0.0.1, logging only errors.
 */
export async function startDemoServer(prefix: string): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = await createMopServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    staticDir: resolve(import.meta.dirname, '..', 'build'),
    logger: (level, message) => {
      if (level === 'error') console.error(`[server] ${message}`);
    }
  });
  return {
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
