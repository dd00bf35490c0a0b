import type Database from 'better-sqlite3';
import type { MatchExplanation, MatchingRun, MatchingSettings } from '@mop/shared';
import type {
  MatchingStore,
  NewMatchedMentorship,
  ProgrammeMember,
  ProgrammeMentorship,
  ProgrammeRecord,
  StoredMatchRequest
} from './store.ts';

interface RequestRow {
  id: string;
  programme_id: string;
  mentee_id: string;
  mentor_id: string;
  message: string;
  status: StoredMatchRequest['status'];
  created_at: string;
  decided_at: string | null;
  mentorship_id: string | null;
}

const toRequest = (row: RequestRow): StoredMatchRequest => ({
  id: row.id,
  programmeId: row.programme_id,
  menteeId: row.mentee_id,
  mentorId: row.mentor_id,
  message: row.message,
  status: row.status,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
  mentorshipId: row.mentorship_id
});

/** The SQLite implementation of `MatchingStore` (tables of migration 003, plus programmes and mentorships of 001). */
export class SqliteMatchingStore implements MatchingStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      // Archived programmes (migration 008) are hidden from lists; their data stays readable by id.
      programmes: db.prepare(
        'SELECT id, name, description FROM programmes WHERE archived_at IS NULL ORDER BY name, id'
      ),
      programme: db.prepare('SELECT id, name, description FROM programmes WHERE id = ?'),
      members: db.prepare(`
        SELECT pm.user_id AS userId, u.name, u.email, pm.role FROM programme_members pm JOIN users u ON u.id = pm.user_id
        WHERE pm.programme_id = ? ORDER BY pm.role, u.name, u.id`),
      mentorships: db.prepare(
        'SELECT id, mentor_id AS mentorId, mentee_id AS menteeId, status FROM mentorships WHERE programme_id = ? ORDER BY created_at, id'
      ),
      settings: db.prepare('SELECT data FROM programme_matching_settings WHERE programme_id = ?'),
      saveSettings: db.prepare(`
        INSERT INTO programme_matching_settings (programme_id, data, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (programme_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
      insertRun: db.prepare(`
        INSERT INTO matching_runs (id, programme_id, status, created_by, created_at, published_at, data) VALUES (@id, @programmeId, @status, @createdBy, @createdAt, @publishedAt, @data)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, published_at = excluded.published_at, data = excluded.data`),
      run: db.prepare('SELECT data FROM matching_runs WHERE id = ? AND programme_id = ?'),
      runs: db.prepare('SELECT data FROM matching_runs WHERE programme_id = ? ORDER BY created_at DESC, rowid DESC'),
      markPublished: db.prepare(
        "UPDATE matching_runs SET status = 'published', published_at = ?, data = ? WHERE id = ? AND status = 'draft'"
      ),
      insertMentorship: db.prepare(
        "INSERT INTO mentorships (id, programme_id, mentor_id, mentee_id, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)"
      ),
      insertExplanation: db.prepare(
        'INSERT INTO mentorship_matches (mentorship_id, run_id, explanation) VALUES (?, ?, ?)'
      ),
      explanation: db.prepare('SELECT explanation FROM mentorship_matches WHERE mentorship_id = ?'),
      insertRequest: db.prepare(`
        INSERT INTO match_requests (id, programme_id, mentee_id, mentor_id, message, status, created_at, decided_at, mentorship_id)
        VALUES (@id, @programmeId, @menteeId, @mentorId, @message, @status, @createdAt, @decidedAt, @mentorshipId)`),
      request: db.prepare('SELECT * FROM match_requests WHERE id = ?'),
      requestsOf: db.prepare(
        'SELECT * FROM match_requests WHERE mentee_id = ? OR mentor_id = ? ORDER BY created_at DESC, id'
      ),
      decline: db.prepare(
        "UPDATE match_requests SET status = 'declined', decided_at = ? WHERE id = ? AND status = 'pending'"
      ),
      accept: db.prepare(
        "UPDATE match_requests SET status = 'accepted', decided_at = ?, mentorship_id = ? WHERE id = ? AND status = 'pending'"
      )
    };
  }

  listProgrammes(): ProgrammeRecord[] {
    return this.statements.programmes.all() as ProgrammeRecord[];
  }

  getProgramme(id: string): ProgrammeRecord | null {
    return (this.statements.programme.get(id) as ProgrammeRecord | undefined) ?? null;
  }

  listMembers(programmeId: string): ProgrammeMember[] {
    return this.statements.members.all(programmeId) as ProgrammeMember[];
  }

  listMentorships(programmeId: string): ProgrammeMentorship[] {
    return this.statements.mentorships.all(programmeId) as ProgrammeMentorship[];
  }

  getSettings(programmeId: string): MatchingSettings | null {
    const row = this.statements.settings.get(programmeId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as MatchingSettings) : null;
  }

  saveSettings(programmeId: string, settings: MatchingSettings): void {
    this.statements.saveSettings.run(
      programmeId,
      JSON.stringify(settings),
      settings.updatedAt ?? new Date().toISOString()
    );
  }

  saveRun(run: MatchingRun): void {
    this.statements.insertRun.run({
      id: run.id,
      programmeId: run.programmeId,
      status: run.status,
      createdBy: run.createdBy,
      createdAt: run.createdAt,
      publishedAt: run.publishedAt,
      data: JSON.stringify(run)
    });
  }

  getRun(programmeId: string, runId: string): MatchingRun | null {
    const row = this.statements.run.get(runId, programmeId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as MatchingRun) : null;
  }

  listRuns(programmeId: string): MatchingRun[] {
    return (this.statements.runs.all(programmeId) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as MatchingRun
    );
  }

  publishRun(run: MatchingRun, mentorships: NewMatchedMentorship[]): boolean {
    return this.db.transaction(() => {
      const publishedAt = run.publishedAt ?? new Date().toISOString();
      const changed = this.statements.markPublished.run(publishedAt, JSON.stringify(run), run.id).changes;
      if (changed === 0) return false;
      for (const m of mentorships) this.insertMatchedMentorship(run.programmeId, m, run.id, publishedAt);
      return true;
    })();
  }

  private insertMatchedMentorship(
    programmeId: string,
    m: NewMatchedMentorship,
    runId: string | null,
    createdAt: string
  ): void {
    this.statements.insertMentorship.run(m.id, programmeId, m.mentorId, m.menteeId, createdAt);
    this.statements.insertExplanation.run(m.id, runId, JSON.stringify(m.explanation));
  }

  matchExplanations(mentorshipIds: readonly string[]): Map<string, MatchExplanation> {
    const found = new Map<string, MatchExplanation>();
    for (const id of mentorshipIds) {
      const row = this.statements.explanation.get(id) as { explanation: string } | undefined;
      if (row) found.set(id, JSON.parse(row.explanation) as MatchExplanation);
    }
    return found;
  }

  createMatchRequest(request: StoredMatchRequest): void {
    this.statements.insertRequest.run(request);
  }

  getMatchRequest(id: string): StoredMatchRequest | null {
    const row = this.statements.request.get(id) as RequestRow | undefined;
    return row ? toRequest(row) : null;
  }

  listMatchRequests(userId: string): StoredMatchRequest[] {
    return (this.statements.requestsOf.all(userId, userId) as RequestRow[]).map(toRequest);
  }

  declineMatchRequest(id: string, decidedAt: string): boolean {
    return this.statements.decline.run(decidedAt, id).changes > 0;
  }

  acceptMatchRequest(
    id: string,
    mentorship: NewMatchedMentorship,
    decidedAt: string,
    stillAllowed: () => string | null
  ): { ok: true } | { ok: false; reason: string } {
    return this.db.transaction((): { ok: true } | { ok: false; reason: string } => {
      const request = this.getMatchRequest(id);
      if (!request || request.status !== 'pending')
        return { ok: false, reason: 'This request has already been answered' };
      const refusal = stillAllowed();
      if (refusal) return { ok: false, reason: refusal };
      this.insertMatchedMentorship(request.programmeId, mentorship, null, decidedAt);
      this.statements.accept.run(decidedAt, mentorship.id, id);
      return { ok: true };
    })();
  }
}
