import Dexie, { type EntityTable } from 'dexie';
import type { Pack, PackManifest, Resource } from '@mop/shared';
import { LEARNING_DATABASE } from '$lib/services/device-databases';

/**
 * The learning center's own IndexedDB database. It is separate from the `mop` database on purpose: the catalogue
 * and offline packs are public content that belongs to the device, not to the signed-in user, so signing out (which
 * clears the user's data) must not throw away a facilitator's workshop packs; and its schema evolves on its own.
 */

type PackFileStatus = 'pending' | 'partial' | 'done' | 'failed';

export interface StoredPackFile {
  resourceId: string;
  path: string;
  url: string;
  size: number;
  sha256: string;
  mediaType: string;
  status: PackFileStatus;
}

type StoredPackStatus = 'downloading' | 'interrupted' | 'complete' | 'error';

/** A pack held (or being fetched) on this device; its files live in Cache Storage under `PACK_CACHE`. */
export interface StoredPack {
  packId: string;
  version: number;
  pack: Pack;
  manifest: PackManifest;
  /** The pack's resources as they were when stored, so the pack opens even with no cached catalogue (zip import). */
  resources: Resource[];
  files: StoredPackFile[];
  status: StoredPackStatus;
  source: 'download' | 'import';
  error: string | null;
  updatedAt: string;
}

/** The bytes of a file whose download was cut short, kept so the next attempt asks only for the rest (Range). */
interface StoredPartialFile {
  url: string;
  sha256: string;
  bytes: Blob;
}

/** One quiz attempt, graded on the device. */
interface ModuleAttempt {
  at: string;
  moduleVersion: number;
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  answers: Record<string, number>;
  /** For a passed attempt: the request id its certificate is registered under, so a second click is not a second certificate. */
  requestId?: string;
}

/**
 * A learner's way through a self-learning module on this device. Self-learning needs no account, so progress
 * belongs to the device like the packs: it is kept when someone signs out, and "Start over" clears it.
 */
export interface StoredModuleProgress {
  moduleId: string;
  /** Lessons marked as done, in the order they were done. */
  lessonsDone: string[];
  /** The answers chosen in the quiz so far, so a closed tab or a reload does not lose them. */
  draftAnswers: Record<string, number>;
  attempts: ModuleAttempt[];
  updatedAt: string;
}

/**
 * A certificate of completion held on this device: made as soon as the learner passes and gives a name (offline
 * too), registered with the server when it can be reached, which gives it its verification code.
 */
export interface StoredCertificate {
  /** Made on the device; the server returns the same certificate for the same id, so retries are safe. */
  requestId: string;
  moduleId: string;
  moduleVersion: number;
  moduleTitle: string;
  learnerName: string;
  answers: Record<string, number>;
  percent: number;
  completedAt: string;
  /** The verification code, once registered. */
  code: string | null;
  issuedAt: string | null;
  /** Why the server refused it (a refusal that retrying cannot fix); null while pending or once registered. */
  error: string | null;
  /** The server's code for that refusal (`not_passed`, `module_updated`, `invalid_request`, …), to offer the right way on. */
  errorCode?: string | null;
}

export class LearningDatabase extends Dexie {
  packs!: EntityTable<StoredPack, 'packId'>;
  partials!: EntityTable<StoredPartialFile, 'url'>;
  moduleProgress!: EntityTable<StoredModuleProgress, 'moduleId'>;
  certificates!: EntityTable<StoredCertificate, 'requestId'>;

  constructor() {
    super(LEARNING_DATABASE);
    this.version(1).stores({ catalogue: 'key', packs: 'packId', partials: 'url' });
    // Version 2 adds the self-learning modules' progress and certificates; the older tables are untouched.
    this.version(2).stores({
      catalogue: 'key',
      packs: 'packId',
      partials: 'url',
      moduleProgress: 'moduleId',
      certificates: 'requestId, moduleId'
    });
    // Version 3: the catalogue is kept as the server's answer in Cache Storage (catalogue.service.ts), so a visitor's
    // page needs no Dexie; the old copy goes.
    this.version(3).stores({ catalogue: null });
  }
}

let database: LearningDatabase | null = null;

/** The learning center's Dexie database, opened on first use; reach it through learning-store.ts. */
export function openLearningDatabase(): LearningDatabase {
  database ??= new LearningDatabase();
  return database;
}
