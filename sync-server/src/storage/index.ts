export type { MopStore, MentorshipRecord, ProgrammeRole } from './store.ts';
export { SqliteStore, docJournalPath, openSqliteDatabase } from './sqlite-store.ts';
