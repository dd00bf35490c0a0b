import type Database from 'better-sqlite3';
import type { Collection } from '@mop/shared';
import type {
  ResourceMetadata,
  ResourceStatus,
  ResourceStore,
  StoredCollection,
  StoredFile,
  StoredPack,
  StoredResource
} from './store.ts';

interface ResourceRow {
  id: string;
  status: ResourceStatus;
  version: number;
  metadata: string;
  updated_at: string;
}

interface FileRow {
  resource_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}

interface PackRow {
  id: string;
  version: number;
  title: string;
  purpose: string;
  language: string;
  resource_ids: string;
  published: number;
  updated_at: string;
}

const toFile = (row: FileRow): StoredFile => ({
  resourceId: row.resource_id,
  name: row.name,
  mediaType: row.media_type,
  size: row.size,
  sha256: row.sha256
});

const toPack = (row: PackRow): StoredPack => ({
  id: row.id,
  version: row.version,
  title: row.title,
  purpose: row.purpose,
  language: row.language,
  resourceIds: JSON.parse(row.resource_ids) as string[],
  published: row.published === 1,
  changedAt: row.updated_at
});

/** The SQLite implementation of `ResourceStore`, on the server's database (tables from migration 002). */
export class SqliteResourceStore implements ResourceStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      anyContent: db.prepare('SELECT 1 FROM resources UNION ALL SELECT 1 FROM resource_collections LIMIT 1'),
      collections: db.prepare('SELECT data FROM resource_collections WHERE retired_at IS NULL ORDER BY position, id'),
      collection: db.prepare('SELECT data FROM resource_collections WHERE id = ? AND retired_at IS NULL'),
      allCollections: db.prepare('SELECT data, position, retired_at FROM resource_collections ORDER BY position, id'),
      retireCollection: db.prepare('UPDATE resource_collections SET retired_at = ?, updated_at = ? WHERE id = ?'),
      putCollection: db.prepare(
        `INSERT INTO resource_collections (id, position, data, updated_at) VALUES (@id, @position, @data, @now)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, data = excluded.data, updated_at = excluded.updated_at`
      ),
      resources: db.prepare('SELECT id, status, version, metadata, updated_at FROM resources ORDER BY id'),
      resource: db.prepare('SELECT id, status, version, metadata, updated_at FROM resources WHERE id = ?'),
      insertResource: db.prepare(
        `INSERT INTO resources (id, status, version, metadata, created_at, updated_at) VALUES (@id, @status, @version, @metadata, @now, @now)
         ON CONFLICT (id) DO NOTHING`
      ),
      updateResource: db.prepare(
        'UPDATE resources SET status = @status, version = @version, metadata = @metadata, updated_at = @now WHERE id = @id'
      ),
      allFiles: db.prepare(
        'SELECT resource_id, name, media_type, size, sha256 FROM resource_files ORDER BY resource_id, position, name'
      ),
      filesOf: db.prepare(
        'SELECT resource_id, name, media_type, size, sha256 FROM resource_files WHERE resource_id = ? ORDER BY position, name'
      ),
      fileHash: db.prepare('SELECT sha256 FROM resource_files WHERE resource_id = ? AND name = ?'),
      nextFilePosition: db.prepare(
        'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM resource_files WHERE resource_id = ?'
      ),
      insertFile: db.prepare(
        `INSERT INTO resource_files (resource_id, name, position, media_type, size, sha256, created_at)
         VALUES (@resourceId, @name, @position, @mediaType, @size, @sha256, @now)`
      ),
      replaceFile: db.prepare(
        'UPDATE resource_files SET media_type = @mediaType, size = @size, sha256 = @sha256, created_at = @now WHERE resource_id = @resourceId AND name = @name'
      ),
      touchResource: db.prepare('UPDATE resources SET updated_at = ? WHERE id = ?'),
      blobReferenced: db.prepare('SELECT 1 FROM resource_files WHERE sha256 = ? LIMIT 1'),
      countFiles: db.prepare('SELECT COUNT(*) AS n FROM resource_files'),
      packs: db.prepare('SELECT * FROM packs ORDER BY position, id'),
      pack: db.prepare('SELECT * FROM packs WHERE id = ?'),
      insertPack: db.prepare(
        `INSERT INTO packs (id, version, title, purpose, language, resource_ids, published, position, created_at, updated_at)
         VALUES (@id, @version, @title, @purpose, @language, @resourceIds, @published,
                 (SELECT COALESCE(MAX(position) + 1, 0) FROM packs), @now, @now)
         ON CONFLICT (id) DO NOTHING`
      ),
      updatePack: db.prepare(
        `UPDATE packs SET version = @version, title = @title, purpose = @purpose, language = @language,
                          resource_ids = @resourceIds, published = @published, updated_at = @now WHERE id = @id`
      )
    };
  }

  isEmpty(): boolean {
    return this.statements.anyContent.get() === undefined;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  listCollections(): Collection[] {
    return (this.statements.collections.all() as { data: string }[]).map((row) => JSON.parse(row.data) as Collection);
  }

  getCollection(id: string): Collection | null {
    const row = this.statements.collection.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Collection) : null;
  }

  putCollection(collection: Collection, position: number): void {
    this.statements.putCollection.run({
      id: collection.id,
      position,
      data: JSON.stringify(collection),
      now: new Date().toISOString()
    });
  }

  listAllCollections(): StoredCollection[] {
    return (
      this.statements.allCollections.all() as { data: string; position: number; retired_at: string | null }[]
    ).map((row) => ({
      collection: JSON.parse(row.data) as Collection,
      position: row.position,
      retiredAt: row.retired_at
    }));
  }

  setCollectionRetired(id: string, retiredAt: string | null): boolean {
    return this.statements.retireCollection.run(retiredAt, new Date().toISOString(), id).changes === 1;
  }

  listResources(): StoredResource[] {
    const files = new Map<string, StoredFile[]>();
    for (const row of this.statements.allFiles.all() as FileRow[]) {
      const list = files.get(row.resource_id) ?? [];
      list.push(toFile(row));
      files.set(row.resource_id, list);
    }
    return (this.statements.resources.all() as ResourceRow[]).map((row) =>
      this.toResource(row, files.get(row.id) ?? [])
    );
  }

  getResource(id: string): StoredResource | null {
    const row = this.statements.resource.get(id) as ResourceRow | undefined;
    if (!row) return null;
    return this.toResource(row, (this.statements.filesOf.all(id) as FileRow[]).map(toFile));
  }

  insertResource(resource: Omit<StoredResource, 'files' | 'changedAt'>): boolean {
    const result = this.statements.insertResource.run({
      id: resource.id,
      status: resource.status,
      version: resource.version,
      metadata: JSON.stringify(resource.metadata),
      now: new Date().toISOString()
    });
    return result.changes === 1;
  }

  updateResource(resource: Omit<StoredResource, 'files' | 'changedAt'>): void {
    this.statements.updateResource.run({
      id: resource.id,
      status: resource.status,
      version: resource.version,
      metadata: JSON.stringify(resource.metadata),
      now: new Date().toISOString()
    });
  }

  putFile(file: StoredFile): string | null {
    const now = new Date().toISOString();
    const existing = this.statements.fileHash.get(file.resourceId, file.name) as { sha256: string } | undefined;
    if (existing) {
      this.statements.replaceFile.run({ ...file, now });
    } else {
      const { next } = this.statements.nextFilePosition.get(file.resourceId) as { next: number };
      this.statements.insertFile.run({ ...file, position: next, now });
    }
    this.statements.touchResource.run(now, file.resourceId);
    return existing?.sha256 ?? null;
  }

  isBlobReferenced(sha256: string): boolean {
    return this.statements.blobReferenced.get(sha256) !== undefined;
  }

  countFiles(): number {
    return (this.statements.countFiles.get() as { n: number }).n;
  }

  listPacks(): StoredPack[] {
    return (this.statements.packs.all() as PackRow[]).map(toPack);
  }

  getPack(id: string): StoredPack | null {
    const row = this.statements.pack.get(id) as PackRow | undefined;
    return row ? toPack(row) : null;
  }

  insertPack(pack: Omit<StoredPack, 'changedAt'>): boolean {
    return this.statements.insertPack.run(this.packParams(pack)).changes === 1;
  }

  updatePack(pack: Omit<StoredPack, 'changedAt'>): void {
    this.statements.updatePack.run(this.packParams(pack));
  }

  private packParams(pack: Omit<StoredPack, 'changedAt'>) {
    return {
      id: pack.id,
      version: pack.version,
      title: pack.title,
      purpose: pack.purpose,
      language: pack.language,
      resourceIds: JSON.stringify(pack.resourceIds),
      published: pack.published ? 1 : 0,
      now: new Date().toISOString()
    };
  }

  private toResource(row: ResourceRow, files: StoredFile[]): StoredResource {
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      metadata: JSON.parse(row.metadata) as ResourceMetadata,
      files,
      changedAt: row.updated_at
    };
  }
}
