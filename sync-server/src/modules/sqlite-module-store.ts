import type Database from 'better-sqlite3';
import type { LearningModule } from '@mop/shared';
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
  issuedAt: row.issued_at
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
      deleteModule: db.prepare('DELETE FROM learning_modules WHERE id = ?'),
      certificate: db.prepare('SELECT * FROM certificates WHERE code = ?'),
      byRequest: db.prepare('SELECT * FROM certificates WHERE request_id = ?'),
      insertCertificate: db.prepare(
        `INSERT INTO certificates (code, request_id, module_id, module_version, module_title, learner_name, percent, completed_at, issued_at)
         VALUES (@code, @requestId, @moduleId, @moduleVersion, @moduleTitle, @learnerName, @percent, @completedAt, @issuedAt)
         ON CONFLICT DO NOTHING`
      )
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

  deleteModule(id: string): boolean {
    return this.statements.deleteModule.run(id).changes === 1;
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
}
