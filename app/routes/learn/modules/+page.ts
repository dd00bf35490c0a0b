import { browser } from '$app/environment';
import { loadCatalogue } from '$lib/learning/catalogue.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import { listCertificates, listModuleProgress } from '$lib/learning/modules.service';
import type { StoredModuleProgress } from '$lib/learning/learning-db';
import type { PageLoad } from './$types';

/** Every self-learning module with this device's progress, and the certificates earned on this device. */
export const load: PageLoad = async ({ fetch }) => {
  // Progress and certificates live on the device: none while rendering on the server.
  const [progress, certificates] = browser
    ? await Promise.all([listModuleProgress(), listCertificates()])
    : [new Map<string, StoredModuleProgress>(), []];
  try {
    const catalogue = await loadCatalogue({ refresh: true, fetch });
    return { modules: catalogue.modules, fromDevice: catalogue.fromDevice, progress, certificates, error: null };
  } catch (error) {
    return { modules: [], fromDevice: false, progress, certificates, error: await loadErrorMessage(error) };
  }
};
