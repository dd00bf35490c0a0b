import fs from 'node:fs';
import { crc32 } from 'node:zlib';

/** The journal's file name inside a data directory. */
export const JOURNAL_FILE = 'doc-journal.log';

/** The file starts with this, then the generation (u64 little-endian). A later format changes the last digits. */
const MAGIC = Buffer.from('MOPDJ001', 'latin1');
/** The header's length: an empty journal is this long. */
export const JOURNAL_HEADER_BYTES = 16;
const HEADER_BYTES = JOURNAL_HEADER_BYTES;
/** Each record: payload length (u32), CRC-32 of the payload (u32), payload. */
const RECORD_HEADER_BYTES = 8;
const KIND_UPDATE = 1;
const KIND_ERASED = 2;

/** One item of a journal record: an update appended to a document's log, or the erasure of a document's log. */
export type JournalItem =
  { kind: 'update'; docName: string; seq: number; data: Uint8Array } | { kind: 'erased'; docName: string };

/** A journal file whose magic is not MOP's: the server refuses to start rather than overwrite it. */
class JournalFileError extends Error {}

/**
 * The append-only journal of document updates (`<dataDir>/doc-journal.log`): one record per group commit, written
 * with one `write` system call, so a commit costs its own bytes on disk instead of a 4 KB SQLite page per
 * document. Like SQLite's WAL with `synchronous = NORMAL`, a record is in the kernel when `append` returns: it
 * survives the process being killed, not a power cut. A record cut short by a crash fails its CRC and is dropped
 * with everything after it; it was never acknowledged (nothing is broadcast before `append` returns).
 *
 * The generation in the header ties the file to the database: folding the journal into SQLite records the
 * generation in the same transaction, then the file starts over with the next one, so a crash between the two
 * never folds the same records twice.
 */
export class DocJournal {
  private fd: number;
  private bytes: number;
  private currentGeneration: number;

  private constructor(
    readonly path: string,
    fd: number,
    bytes: number,
    generation: number
  ) {
    this.fd = fd;
    this.bytes = bytes;
    this.currentGeneration = generation;
  }

  /**
   * Opens (creating if missing) the journal and reads what it holds. A torn last record is cut off. `freshGeneration`
   * is the generation a new file gets.
   */
  static open(
    path: string,
    freshGeneration: number
  ): { journal: DocJournal; generation: number; items: JournalItem[] } {
    const fd = fs.openSync(path, 'a+');
    try {
      const content = fs.readFileSync(path);
      if (content.byteLength < HEADER_BYTES) {
        const journal = new DocJournal(path, fd, 0, freshGeneration);
        journal.reset(freshGeneration);
        return { journal, generation: freshGeneration, items: [] };
      }
      if (!content.subarray(0, MAGIC.byteLength).equals(MAGIC)) {
        throw new JournalFileError(`${path} is not a MOP document journal; move it away and start again`);
      }
      const generation = Number(content.readBigUInt64LE(MAGIC.byteLength));
      const { items, validBytes } = readRecords(content);
      if (validBytes < content.byteLength) fs.ftruncateSync(fd, validBytes);
      return { journal: new DocJournal(path, fd, validBytes, generation), generation, items };
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  get generation(): number {
    return this.currentGeneration;
  }

  /** The file's length in bytes. */
  get size(): number {
    return this.bytes;
  }

  /** Appends one record holding `items`, all or nothing. Throws if the write fails (the file is cut back). */
  append(items: readonly JournalItem[]): void {
    const record = encodeRecord(items);
    try {
      writeFully(this.fd, record);
    } catch (error) {
      // A partial record would hide every later one from `open`: cut it off before reporting the failure.
      fs.ftruncateSync(this.fd, this.bytes);
      throw error;
    }
    this.bytes += record.byteLength;
  }

  /** Empties the file and starts it over under `generation`. */
  reset(generation: number): void {
    fs.ftruncateSync(this.fd, 0);
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header);
    header.writeBigUInt64LE(BigInt(generation), MAGIC.byteLength);
    writeFully(this.fd, header);
    this.bytes = HEADER_BYTES;
    this.currentGeneration = generation;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function writeFully(fd: number, buffer: Buffer): void {
  let written = 0;
  while (written < buffer.byteLength) written += fs.writeSync(fd, buffer, written, buffer.byteLength - written);
}

function encodeRecord(items: readonly JournalItem[]): Buffer {
  const parts: Buffer[] = [];
  for (const item of items) {
    const name = Buffer.from(item.docName, 'utf8');
    const head = Buffer.alloc(item.kind === 'update' ? 11 : 3);
    head.writeUInt8(item.kind === 'update' ? KIND_UPDATE : KIND_ERASED, 0);
    head.writeUInt16LE(name.byteLength, 1);
    parts.push(head.subarray(0, 3), name);
    if (item.kind === 'update') {
      head.writeUInt32LE(item.seq, 3);
      head.writeUInt32LE(item.data.byteLength, 7);
      parts.push(head.subarray(3), Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength));
    }
  }
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(payload.byteLength, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/** Reads every whole record after the header; stops at the first one that is cut short or fails its CRC. */
function readRecords(content: Buffer): { items: JournalItem[]; validBytes: number } {
  const items: JournalItem[] = [];
  let offset = HEADER_BYTES;
  while (offset + RECORD_HEADER_BYTES <= content.byteLength) {
    const length = content.readUInt32LE(offset);
    const start = offset + RECORD_HEADER_BYTES;
    if (start + length > content.byteLength) break;
    const payload = content.subarray(start, start + length);
    if (crc32(payload) !== content.readUInt32LE(offset + 4)) break;
    const record = decodePayload(payload);
    if (!record) break;
    items.push(...record);
    offset = start + length;
  }
  return { items, validBytes: offset };
}

function decodePayload(payload: Buffer): JournalItem[] | null {
  const items: JournalItem[] = [];
  let at = 0;
  while (at < payload.byteLength) {
    if (at + 3 > payload.byteLength) return null;
    const kind = payload.readUInt8(at);
    const nameLength = payload.readUInt16LE(at + 1);
    at += 3;
    if (at + nameLength > payload.byteLength) return null;
    const docName = payload.toString('utf8', at, at + nameLength);
    at += nameLength;
    if (kind === KIND_ERASED) {
      items.push({ kind: 'erased', docName });
      continue;
    }
    if (kind !== KIND_UPDATE || at + 8 > payload.byteLength) return null;
    const seq = payload.readUInt32LE(at);
    const dataLength = payload.readUInt32LE(at + 4);
    at += 8;
    if (at + dataLength > payload.byteLength) return null;
    // A copy: the file's buffer is dropped once read.
    items.push({ kind: 'update', docName, seq, data: new Uint8Array(payload.subarray(at, at + dataLength)) });
    at += dataLength;
  }
  return items;
}
