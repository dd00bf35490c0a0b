export type { MopStore, MentorshipRecord, ProgrammeRole } from './store.ts';
export { SqliteStore, openSqliteDatabase } from './sqlite-store.ts';
