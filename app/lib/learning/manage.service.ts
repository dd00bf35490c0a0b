import {
  type PackCreate,
  type ResourceCreate,
  type ResourcePatch,
  apiPaths,
  PackDetailSchema,
  PackListSchema,
  ResourceDetailSchema,
  ResourceUploadResponseSchema,
  type ResourceDetail
} from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { invalidateCatalogue } from './catalogue.service';
import { learnRequest, parseJsonAnswer, refusalMessages } from './learn-api';

/**
 * The coordinators' and admins' writes to the learning repository. Every call throws `ApiRequestError` with the
 * server's own message on a refusal (validation, permissions), which the page shows as it is.
 */

export async function createResource(input: ResourceCreate): Promise<ResourceDetail> {
  const created = await learnRequest(apiPaths.resources(), ResourceDetailSchema, { method: 'POST', body: input });
  invalidateCatalogue();
  return created;
}

export async function patchResource(id: string, patch: ResourcePatch): Promise<void> {
  await learnRequest(apiPaths.resource(id), ResourceDetailSchema, {
    method: 'PATCH',
    body: patch
  });
  invalidateCatalogue();
}

export async function retireResource(id: string): Promise<void> {
  await learnRequest(apiPaths.retireResource(id), ResourceDetailSchema, { method: 'POST' });
  invalidateCatalogue();
}

export function listAllPacks() {
  return learnRequest(apiPaths.packs(), PackListSchema);
}

export async function createPack(input: PackCreate): Promise<void> {
  await learnRequest(apiPaths.packs(), PackDetailSchema, { method: 'POST', body: input });
}

export async function publishPack(id: string): Promise<void> {
  await learnRequest(apiPaths.publishPack(id), PackDetailSchema, { method: 'POST' });
}

/**
 * Uploads a file to a resource as the raw request body. `XMLHttpRequest` rather than `fetch`, because only it
 * reports upload progress (`upload.onprogress`) in browsers today.
 */
export function uploadResourceFile(
  resourceId: string,
  file: File,
  onProgress: (sent: number, total: number) => void
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiPaths.resourceFileUpload(resourceId, file.name));
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.onload = () => {
      void refusalMessages({ ok: request.status >= 200 && request.status < 300 }).then(() => {
        try {
          parseJsonAnswer(request.status, request.responseText, ResourceUploadResponseSchema);
          invalidateCatalogue();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    };
    request.send(file);
  });
}
