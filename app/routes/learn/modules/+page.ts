import { loadCatalogue } from '$lib/learning/catalogue.service';
import { loadErrorMessage } from '$lib/learning/load-errors';
import { listCertificates, listModuleProgress } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/** Every self-learning module with this device's progress, and the certificates earned on this device. */
export const load: PageLoad = async ({ fetch }) => {
  const [progress, certificates] = await Promise.all([listModuleProgress(), listCertificates()]);
  try {
    const catalogue = await loadCatalogue({ refresh: true, fetch });
    return { modules: catalogue.modules, fromDevice: catalogue.fromDevice, progress, certificates, error: null };
  } catch (error) {
    return { modules: [], fromDevice: false, progress, certificates, error: loadErrorMessage(error) };
  }
};
