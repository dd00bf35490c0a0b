export type { MopStore, StoredUser, NewUser, MentorshipRecord, StoredDocUpdate, ProgrammeRole } from './store.ts';
export { SqliteStore, openSqliteDatabase } from './sqlite-store.ts';
export { runMigrations, DatabaseTooNewError } from './migrate.ts';
