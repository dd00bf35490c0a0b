import type { Resource } from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { loadCatalogue } from './catalogue.service';
import { downloadPack, fetchPackDetail, type PackDetailAnswer } from './pack-download.service';
import { packRuns } from './packs.svelte';
import { messageFor } from '$lib/services/errors';

const waitingForNetwork = new Set<string>();

/**
 * Runs a pack download and mirrors its progress into `packRuns`. After a network drop the pack is marked
 * interrupted; when the browser says it is online again the download resumes by itself (verified files are skipped,
 * a partly fetched file continues with a Range request).
 */
export async function runPackDownload(detail: PackDetailAnswer, resources: Resource[]): Promise<void> {
  const id = detail.pack.id;
  if (packRuns.runs[id]?.status === 'downloading') return;
  packRuns.runs[id] = {
    doneFiles: 0,
    totalFiles: detail.manifest.files.length,
    doneBytes: 0,
    totalBytes: detail.manifest.totalBytes,
    status: 'downloading',
    error: null
  };
  try {
    const record = await downloadPack(detail, await currentResources(resources), (progress) => {
      packRuns.runs[id] = { ...progress, status: 'downloading', error: null };
    });
    const current = packRuns.runs[id];
    if (current)
      packRuns.runs[id] = {
        ...current,
        status: record.status === 'complete' ? 'complete' : 'error',
        error: record.error
      };
  } catch (error) {
    const current = packRuns.runs[id];
    const message = messageFor(error);
    if (current)
      packRuns.runs[id] = {
        ...current,
        status: error instanceof NetworkError ? 'interrupted' : 'error',
        error: message
      };
    if (error instanceof NetworkError) resumeWhenOnline(id, resources);
    else console.error('MOP: pack download failed', error);
  }
}

/**
 * The resources as the server has them now, from a fresh catalogue, with `known` filling any gap. A pack's Markdown
 * pages are not files of its manifest: their text travels in the catalogue, so an update (say, from the library,
 * which only has the resources stored with the old version) must refresh the catalogue, or the device would keep
 * showing the old wording offline while the pack says it is up to date.
 */
async function currentResources(known: Resource[]): Promise<Resource[]> {
  try {
    const catalogue = await loadCatalogue({ refresh: true });
    if (catalogue.fromDevice) return known;
    const fresh = new Set(catalogue.resources.map((resource) => resource.id));
    return [...catalogue.resources, ...known.filter((resource) => !fresh.has(resource.id))];
  } catch (error) {
    // Without a fresh catalogue the files can still be fetched; the pages keep the text the caller had.
    console.warn('MOP: could not refresh the catalogue before a pack download', error);
    return known;
  }
}

function resumeWhenOnline(id: string, resources: Resource[]): void {
  if (waitingForNetwork.has(id) || typeof window === 'undefined') return;
  waitingForNetwork.add(id);
  window.addEventListener(
    'online',
    () => {
      waitingForNetwork.delete(id);
      // The manifest is asked again: the pack may have changed while the device was away.
      fetchPackDetail(id)
        .then((detail) => runPackDownload(detail, resources))
        .catch((error: unknown) => console.warn('MOP: could not resume the pack download', error));
    },
    { once: true }
  );
}
