import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION_DAYS, type PrivacyNotice, type PrivacySettings } from '@mop/shared';
import { DEFAULT_IMPRINT, DEFAULT_PRIVACY_NOTICE } from './default-notice.ts';

const KEYS = {
  notice: 'privacy.notice',
  imprint: 'privacy.imprint',
  noticeVersion: 'privacy.notice-version',
  retentionDays: 'privacy.retention-days'
} as const;

/** The privacy notice, the imprint and the default retention, kept in `platform_settings`. */
export class PrivacySettingsStore {
  constructor(private readonly db: Database.Database) {}

  private get(key: string): string | null {
    return (this.db.prepare('SELECT value FROM platform_settings WHERE key = ?').pluck().get(key) as string) ?? null;
  }

  private set(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO platform_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
      )
      .run(key, value);
  }

  /**
   * The notice and imprint people read. Each is "completed" once an admin saved a text of their own: never saved, or
   * saved back unchanged (an admin who only changed the retention), it is still the placeholder a fresh install ships.
   */
  notice(): PrivacyNotice {
    const notice = this.get(KEYS.notice);
    const imprint = this.get(KEYS.imprint);
    return {
      notice: notice ?? DEFAULT_PRIVACY_NOTICE,
      imprint: imprint ?? DEFAULT_IMPRINT,
      noticeVersion: Number(this.get(KEYS.noticeVersion) ?? 1),
      noticeCompleted: notice !== null && notice !== DEFAULT_PRIVACY_NOTICE,
      imprintCompleted: imprint !== null && imprint !== DEFAULT_IMPRINT
    };
  }

  /** The default number of days a programme's data is kept after it is archived or a pair ends. */
  retentionDays(): number {
    return Number(this.get(KEYS.retentionDays) ?? DEFAULT_RETENTION_DAYS);
  }

  settings(): PrivacySettings {
    const programmes = this.db
      .prepare(
        `SELECT id, name, archived_at AS archivedAt, retention_days AS retentionDays FROM programmes
         ORDER BY archived_at IS NOT NULL, name`
      )
      .all() as PrivacySettings['programmes'];
    return { ...this.notice(), retentionDays: this.retentionDays(), programmes };
  }

  /** Saves the settings; a changed notice becomes a new version. Returns whether the notice changed. */
  update(change: { notice: string; imprint: string; retentionDays: number }): boolean {
    const current = this.notice();
    const noticeChanged = change.notice !== current.notice;
    this.set(KEYS.notice, change.notice);
    this.set(KEYS.imprint, change.imprint);
    this.set(KEYS.retentionDays, String(change.retentionDays));
    if (noticeChanged) this.set(KEYS.noticeVersion, String(current.noticeVersion + 1));
    return noticeChanged;
  }

  setProgrammeRetention(programmeId: string, days: number | null): boolean {
    return this.db.prepare('UPDATE programmes SET retention_days = ? WHERE id = ?').run(days, programmeId).changes > 0;
  }

  acknowledge(userId: string, version: number, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO privacy_acknowledgements (user_id, notice_version, at) VALUES (?, ?, ?)
         ON CONFLICT (user_id, notice_version) DO NOTHING`
      )
      .run(userId, version, at.toISOString());
  }
}
