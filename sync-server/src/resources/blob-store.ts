import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SHA256_HEX = /^[a-f0-9]{64}$/;

/** Raised while streaming an upload that grows past its limit; nothing of it is left on disk. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

/** A blob written to a temp file, hashed, waiting for `commit` (or `discard`). */
export interface PendingBlob {
  tempPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for checking a file's signature against its type. */
  head: Uint8Array;
}

const HEAD_BYTES = 16;

/**
 * Content-addressed file bytes under `<root>/<sha256[0:2]>/<sha256>`. Writes go to `<root>/tmp/` first while being
 * hashed and are renamed into place only when complete, so a reader never sees a partial blob and a failed upload
 * leaves nothing behind. The same bytes are stored once however many files name them.
 */
export class BlobStore {
  readonly root: string;
  private readonly tempDir: string;

  constructor(root: string) {
    this.root = root;
    this.tempDir = path.join(root, 'tmp');
    // Leftovers of uploads cut off by a crash are never committed: clear them at startup.
    fs.rmSync(this.tempDir, { recursive: true, force: true });
    fs.mkdirSync(this.tempDir, { recursive: true });
  }

  /** Where the blob of a hash lives. The hash is checked, so the path can never leave the store. */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Stores bytes held in memory (the starter library) and returns their hash. */
  putBytes(bytes: Uint8Array): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) return sha256;
    const tempPath = this.newTempPath();
    fs.writeFileSync(tempPath, bytes, { flag: 'wx' });
    this.commit({ tempPath, sha256, size: bytes.byteLength, head: bytes.subarray(0, HEAD_BYTES) });
    return sha256;
  }

  /**
   * Streams `source` to a temp file while hashing it, stopping with `BlobTooLargeError` past `maxBytes`. On any
   * failure (too large, the client went away, disk full) the temp file is removed before the error propagates.
   */
  async receive(source: ReadableStream<Uint8Array>, maxBytes: number): Promise<PendingBlob> {
    const tempPath = this.newTempPath();
    const hash = createHash('sha256');
    const head = new Uint8Array(HEAD_BYTES);
    let size = 0;
    const file = await fs.promises.open(tempPath, 'wx');
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (size + value.byteLength > maxBytes) throw new BlobTooLargeError(maxBytes);
        if (size < HEAD_BYTES) head.set(value.subarray(0, HEAD_BYTES - size), size);
        hash.update(value);
        size += value.byteLength;
        await file.write(value);
      }
      await file.close();
    } catch (error) {
      await reader.cancel().catch(() => {});
      await file.close().catch(() => {});
      fs.rmSync(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sha256: hash.digest('hex'), size, head: head.subarray(0, Math.min(size, HEAD_BYTES)) };
  }

  /** Moves a received blob into its content-addressed place (or drops it when those bytes are already stored). */
  commit(blob: PendingBlob): void {
    const target = this.pathOf(blob.sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(blob.tempPath, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(blob.tempPath, target);
  }

  discard(blob: PendingBlob): void {
    fs.rmSync(blob.tempPath, { force: true });
  }

  delete(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  /** Every stored blob and temp file, for tests that check nothing was left behind. */
  listAll(): string[] {
    return fs
      .readdirSync(this.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(this.root, path.join(entry.parentPath, entry.name)));
  }

  private newTempPath(): string {
    return path.join(this.tempDir, `upload-${randomBytes(12).toString('hex')}`);
  }
}
