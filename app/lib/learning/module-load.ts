import type { LearningModule, Resource } from '@mop/shared';
import { loadCatalogue } from './catalogue.service';
import { loadErrorMessage } from './load-errors';

/** A module from the local catalogue (cached for offline) with the catalogue's resources, or the reason it is missing. */
export async function loadModule(
  moduleId: string,
  fetchFn: typeof fetch
): Promise<{ module: LearningModule | null; resources: Map<string, Resource>; error: string | null }> {
  try {
    const catalogue = await loadCatalogue({ fetch: fetchFn });
    const module = catalogue.modules.find((candidate) => candidate.id === moduleId) ?? null;
    return { module, resources: new Map(catalogue.resources.map((resource) => [resource.id, resource])), error: null };
  } catch (error) {
    return { module: null, resources: new Map(), error: await loadErrorMessage(error) };
  }
}
