export { matchingRoutes } from './routes.ts';
export { matchRequestRoutes } from './requests.ts';
export { SqliteMatchingStore } from './sqlite-matching-store.ts';
export type { MatchingStore } from './store.ts';
export type { MatchingContext } from './runs.ts';
