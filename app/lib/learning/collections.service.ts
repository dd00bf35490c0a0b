import {
  apiPaths,
  CollectionAdminListSchema,
  CollectionAdminSchema,
  StarterLibraryStatusSchema,
  type CollectionCreate,
  type CollectionPatch
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';
import { invalidateCatalogue } from './catalogue.service';

/** The learning library's administration: collections (coordinators and admins) and the starter library (admins). */

type Fetch = typeof fetch;

export const listCollections = (fetch?: Fetch) =>
  apiRequest(apiPaths.collections(), CollectionAdminListSchema, { fetch });

/** Runs a change and forgets this device's cached catalogue, so the learning center shows it at once. */
async function changing<T>(work: Promise<T>): Promise<T> {
  const result = await work;
  invalidateCatalogue();
  return result;
}

export const createCollection = (input: CollectionCreate) =>
  changing(apiRequest(apiPaths.collections(), CollectionAdminSchema, { method: 'POST', body: input }));
export const updateCollection = (id: string, patch: CollectionPatch) =>
  changing(apiRequest(apiPaths.collection(id), CollectionAdminSchema, { method: 'PATCH', body: patch }));
export const orderCollections = (ids: string[]) =>
  changing(apiRequest(apiPaths.collectionOrder(), CollectionAdminListSchema, { method: 'PUT', body: { ids } }));
export const setCollectionRetired = (id: string, retired: boolean) =>
  changing(
    apiRequest(retired ? apiPaths.retireCollection(id) : apiPaths.restoreCollection(id), CollectionAdminSchema, {
      method: 'POST'
    })
  );

export const getStarterLibrary = (fetch?: Fetch) =>
  apiRequest(apiPaths.starterLibrary(), StarterLibraryStatusSchema, { fetch });
export const setStarterLibraryInstalled = (installed: boolean) =>
  changing(
    apiRequest(
      installed ? apiPaths.installStarterLibrary() : apiPaths.removeStarterLibrary(),
      StarterLibraryStatusSchema,
      { method: 'POST' }
    )
  );
