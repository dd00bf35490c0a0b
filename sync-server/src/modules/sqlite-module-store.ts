import type Database from 'better-sqlite3';
import type { LearningModule, ModuleProgressWire } from '@mop/shared';
import type { ModuleStore, StoredCertificate } from './store.ts';

interface CertificateRow {
  code: string;
  request_id: string;
  module_id: string;
  module_version: number;
  module_title: string;
  learner_name: string;
  percent: number;
  completed_at: string;
  issued_at: string;
  user_id: string | null;
}

const toCertificate = (row: CertificateRow): StoredCertificate => ({
  code: row.code,
  requestId: row.request_id,
  moduleId: row.module_id,
  moduleVersion: row.module_version,
  moduleTitle: row.module_title,
  learnerName: row.learner_name,
  percent: row.percent,
  completedAt: row.completed_at,
  issuedAt: row.issued_at,
  userId: row.user_id
});

/** The SQLite implementation of `ModuleStore` (tables from migration 005). */
export class SqliteModuleStore implements ModuleStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      modules: db.prepare('SELECT data FROM learning_modules ORDER BY position, id'),
      module: db.prepare('SELECT data FROM learning_modules WHERE id = ?'),
      count: db.prepare('SELECT count(*) AS n FROM learning_modules'),
      putModule: db.prepare(
        `INSERT INTO learning_modules (id, position, version, data, updated_at) VALUES (@id, @position, @version, @data, @now)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, version = excluded.version, data = excluded.data, updated_at = excluded.updated_at`
      ),
      certificate: db.prepare('SELECT * FROM certificates WHERE code = ?'),
      byRequest: db.prepare('SELECT * FROM certificates WHERE request_id = ?'),
      insertCertificate: db.prepare(
        `INSERT INTO certificates (code, request_id, module_id, module_version, module_title, learner_name, percent, completed_at, issued_at, user_id)
         VALUES (@code, @requestId, @moduleId, @moduleVersion, @moduleTitle, @learnerName, @percent, @completedAt, @issuedAt, @userId)
         ON CONFLICT DO NOTHING`
      ),
      claim: db.prepare('UPDATE certificates SET user_id = ? WHERE request_id = ? AND user_id IS NULL'),
      userCertificates: db.prepare('SELECT * FROM certificates WHERE user_id = ? ORDER BY completed_at DESC'),
      progressOfUser: db.prepare('SELECT data FROM learning_progress WHERE user_id = ? ORDER BY module_id'),
      progress: db.prepare('SELECT data FROM learning_progress WHERE user_id = ? AND module_id = ?'),
      putProgress: db.prepare(
        `INSERT INTO learning_progress (user_id, module_id, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, module_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`
      ),
      deleteProgress: db.prepare('DELETE FROM learning_progress WHERE user_id = ? AND module_id = ?')
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  listModules(): LearningModule[] {
    return (this.statements.modules.all() as { data: string }[]).map((row) => JSON.parse(row.data) as LearningModule);
  }

  getModule(id: string): LearningModule | null {
    const row = this.statements.module.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as LearningModule) : null;
  }

  putModule(module: LearningModule, position: number): void {
    this.statements.putModule.run({
      id: module.id,
      position,
      version: module.version,
      data: JSON.stringify(module),
      now: new Date().toISOString()
    });
  }

  countModules(): number {
    return (this.statements.count.get() as { n: number }).n;
  }

  getCertificate(code: string): StoredCertificate | null {
    const row = this.statements.certificate.get(code) as CertificateRow | undefined;
    return row ? toCertificate(row) : null;
  }

  findCertificateByRequest(requestId: string): StoredCertificate | null {
    const row = this.statements.byRequest.get(requestId) as CertificateRow | undefined;
    return row ? toCertificate(row) : null;
  }

  insertCertificate(certificate: StoredCertificate): boolean {
    return this.statements.insertCertificate.run(certificate).changes === 1;
  }

  claimCertificates(userId: string, requestIds: readonly string[]): number {
    return this.transaction(() =>
      requestIds.reduce((claimed, requestId) => claimed + this.statements.claim.run(userId, requestId).changes, 0)
    );
  }

  listUserCertificates(userId: string): StoredCertificate[] {
    return (this.statements.userCertificates.all(userId) as CertificateRow[]).map(toCertificate);
  }

  listProgress(userId: string): ModuleProgressWire[] {
    return (this.statements.progressOfUser.all(userId) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as ModuleProgressWire
    );
  }

  getProgress(userId: string, moduleId: string): ModuleProgressWire | null {
    const row = this.statements.progress.get(userId, moduleId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as ModuleProgressWire) : null;
  }

  putProgress(userId: string, progress: ModuleProgressWire): void {
    this.statements.putProgress.run(userId, progress.moduleId, JSON.stringify(progress), progress.updatedAt);
  }

  deleteProgress(userId: string, moduleId: string): boolean {
    return this.statements.deleteProgress.run(userId, moduleId).changes === 1;
  }
}
