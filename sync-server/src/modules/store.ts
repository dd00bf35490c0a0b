import type { Certificate, LearningModule, ModuleProgressWire } from '@mop/shared';

/** A certificate as stored: the wire certificate, the device's request id that registered it and its account. */
export interface StoredCertificate extends Certificate {
  requestId: string;
  /** The signed-in learner who registered it (or claimed it later); null for an anonymous certificate. */
  userId: string | null;
}

/**
 * The self-learning modules and their certificates, behind a small interface like the other stores (SQLite by
 * default). Methods are synchronous; the rules (grading, codes) live in `routes.ts`.
 */
export interface ModuleStore {
  /** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: () => T): T;

  /** In catalogue order. */
  listModules(): LearningModule[];
  getModule(id: string): LearningModule | null;
  /** Inserts or replaces a module at a position. */
  putModule(module: LearningModule, position: number): void;
  countModules(): number;

  getCertificate(code: string): StoredCertificate | null;
  findCertificateByRequest(requestId: string): StoredCertificate | null;
  /** Inserts a certificate; false when its code or request id is already taken (nothing written). */
  insertCertificate(certificate: StoredCertificate): boolean;
  /** Gives the account the certificates with these request ids that nobody owns yet; returns how many. */
  claimCertificates(userId: string, requestIds: readonly string[]): number;
  listUserCertificates(userId: string): StoredCertificate[];

  /** A signed-in learner's progress through the modules (per account, see `learning-sync.ts`). */
  listProgress(userId: string): ModuleProgressWire[];
  getProgress(userId: string, moduleId: string): ModuleProgressWire | null;
  putProgress(userId: string, progress: ModuleProgressWire): void;
  deleteProgress(userId: string, moduleId: string): boolean;
}
