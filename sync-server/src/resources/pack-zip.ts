import fs from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import {
  CATALOGUE_FORMAT_VERSION,
  EU_FUNDING_DISCLAIMER,
  LICENCES,
  type Pack,
  type PackManifest,
  type Resource,
  PACK_ZIP_MANIFEST
} from '@mop/shared';

/** What goes into a pack's zip besides the files: the pack, its manifest and its resources' metadata. */
export interface PackZipContent {
  pack: Pack;
  manifest: PackManifest;
  /**
   * Written to `PACK_ZIP_MANIFEST` at the root of the zip with the manifest (`PackZipManifest`), so the app can
   * import the zip and show the pack offline without asking the server anything.
   */
  resources: Resource[];
  /** The blob path of a manifest file's hash. */
  blobPath: (sha256: string) => string;
  /** Timestamp stored on every entry, so the same pack version gives the same zip. */
  mtime: Date;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

function indexHtml(content: PackZipContent): string {
  const byResource = new Map<string, PackManifest['files']>();
  for (const file of content.manifest.files)
    byResource.set(file.resourceId, [...(byResource.get(file.resourceId) ?? []), file]);
  const items = content.resources.map((resource) => {
    const links = (byResource.get(resource.id) ?? [])
      .map(
        (file) =>
          `<a href="${escapeHtml(encodeURI(file.path))}">${escapeHtml(file.path.slice(file.path.indexOf('/') + 1))}</a>`
      )
      .join(' · ');
    const external = resource.externalUrl ? ` <a href="${escapeHtml(resource.externalUrl)}">watch online</a>` : '';
    return `<li><h2>${escapeHtml(resource.title)}</h2><p>${escapeHtml(resource.summary)}</p><p>${links}${external}</p></li>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(content.pack.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.pack.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}li{margin-bottom:1.5rem}h2{font-size:1.15rem;margin:0}</style>
</head>
<body>
<h1>${escapeHtml(content.pack.title)}</h1>
<p>${escapeHtml(content.pack.purpose)}</p>
<p>Version ${content.pack.version} · ${content.manifest.files.length} files · ${content.manifest.totalBytes} bytes</p>
<ol>
${items.join('\n')}
</ol>
<p><a href="LICENCE.txt">Licence and attribution</a></p>
</body>
</html>
`;
}

function licenceText(content: PackZipContent): string {
  const sections = new Map<string, string>();
  for (const resource of content.resources) {
    const info = LICENCES[resource.licence];
    const heading = info ? `${info.name} (${info.id})\n${info.url}` : resource.licence;
    sections.set(heading, `${sections.get(heading) ?? ''}- ${resource.title}: ${resource.attribution}\n`);
  }
  const parts = [...sections].map(([heading, lines]) => `${heading}\n\n${lines}`);
  return `${content.pack.title}\n\nThe resources in this pack are shared under these licences:\n\n${parts.join('\n')}\n${EU_FUNDING_DISCLAIMER}\n`;
}

async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Uint8Array;
}

/**
 * The whole pack as a zip, streamed: each file is read from disk and passed through in 256 KiB chunks (stored, not
 * recompressed: PDF, DOCX, PPTX and media are compressed already), so memory stays flat however large the pack.
 * The generated text entries are small and deflated. There is no Content-Length: the size is known only at the end.
 */
export function packZipStream(content: PackZipContent): ReadableStream<Uint8Array> {
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else queue.push(chunk);
    if (final) finished = true;
  });

  const addText = (name: string, text: string) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = content.mtime;
    zip.add(entry);
    entry.push(strToU8(text), true);
  };

  async function* produce(): AsyncGenerator<Uint8Array> {
    addText('index.html', indexHtml(content));
    addText('LICENCE.txt', licenceText(content));
    addText(
      PACK_ZIP_MANIFEST,
      JSON.stringify(
        {
          ...content.manifest,
          formatVersion: CATALOGUE_FORMAT_VERSION,
          pack: content.pack,
          resources: content.resources
        },
        null,
        2
      )
    );
    yield* queue.splice(0);
    for (const file of content.manifest.files) {
      const entry = new ZipPassThrough(file.path);
      entry.mtime = content.mtime;
      zip.add(entry);
      for await (const chunk of readChunks(content.blobPath(file.sha256))) {
        entry.push(chunk);
        yield* queue.splice(0);
      }
      entry.push(new Uint8Array(0), true);
      yield* queue.splice(0);
    }
    zip.end();
    yield* queue.splice(0);
    if (failure) throw failure;
    if (!finished) throw new Error('zip did not finish');
  }

  const chunks = produce();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.byteLength > 0) {
          controller.enqueue(next.value);
          return;
        }
      }
    },
    async cancel() {
      await chunks.return(undefined);
    }
  });
}
