export type {
  ResourceStore,
  StoredResource,
  StoredFile,
  StoredPack,
  ResourceMetadata,
  ResourceStatus
} from './store.ts';
export { SqliteResourceStore } from './sqlite-resource-store.ts';
export { BlobStore } from './blob-store.ts';
export { ResourceLibrary, LibraryError, MAX_UPLOAD_BYTES } from './library.ts';
export { resourceRoutes, resourceUploadRoutes } from './routes.ts';
export { seedStarterLibrary, type SeededLibrary } from './seed.ts';
