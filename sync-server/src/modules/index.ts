export type { ModuleStore, StoredCertificate } from './store.ts';
export { SqliteModuleStore } from './sqlite-module-store.ts';
export { moduleRoutes } from './routes.ts';
export { seedStarterModules } from './seed.ts';
export { importModules, type ModuleImport } from './import.ts';
