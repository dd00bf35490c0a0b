import { browser } from '$app/environment';
import { loadModule } from '$lib/learning/module-load';
import { notFoundOnServer } from '$lib/learning/load-errors';
import { getModuleProgress, listCertificates } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/** One module with this device's progress and the certificates earned for it here. */
export const load: PageLoad = async ({ params, fetch }) => {
  const [{ module, error }, progress, certificates] = await Promise.all([
    loadModule(params.id, fetch),
    // Progress and certificates live on the device: none while rendering on the server.
    browser ? getModuleProgress(params.id) : undefined,
    browser ? listCertificates() : []
  ]);
  if (!module && !error) notFoundOnServer();
  return { id: params.id, module, progress, certificates: certificates.filter((c) => c.moduleId === params.id), error };
};
