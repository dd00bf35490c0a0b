import type { Certificate, LearningModule } from '@mop/shared';

/** A certificate as stored: the wire certificate and the device's request id that registered it. */
export interface StoredCertificate extends Certificate {
  requestId: string;
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
  /** Deletes a module (its certificates stay verifiable: they keep the module's title); false when unknown. */
  deleteModule(id: string): boolean;

  getCertificate(code: string): StoredCertificate | null;
  findCertificateByRequest(requestId: string): StoredCertificate | null;
  /** Inserts a certificate; false when its code or request id is already taken (nothing written). */
  insertCertificate(certificate: StoredCertificate): boolean;
}
