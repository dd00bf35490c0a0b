import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@mop/shared';
import { plannedFiles, type FileFormat } from './formats.ts';
import { loadLibrary, type Library } from './load.ts';
import { parseMarkdown } from './markdown.ts';
import { normalizeOfficeZip } from './office-zip.ts';
import { toSlides } from './slides.ts';

export interface BuiltFile {
  resourceId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** Absolute path of the written file. */
  path: string;
}

export interface BuildFilesOptions {
  /** Where to write, flat: `<outDir>/<resourceId>.<ext>`. Created if missing. */
  outDir: string;
  /** The library to build; loaded from the starter library when omitted. */
  library?: Library;
}

/** The SHA-256 of some bytes, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The Markdown file offered for download: the body under its title, with the licence at the end. */
function markdownFile(resource: Resource): Uint8Array {
  const text = `# ${resource.title}\n\n${(resource.body ?? '').trim()}\n\n---\n\n*${resource.attribution}*\n`;
  return new TextEncoder().encode(text);
}

async function render(resource: Resource, format: FileFormat): Promise<Uint8Array> {
  const blocks = parseMarkdown(resource.body ?? '');
  const date = new Date(`${resource.updatedAt}T00:00:00Z`);
  switch (format) {
    case 'md':
      return markdownFile(resource);
    // The renderers (pdfkit, docx, pptxgenjs) are loaded on the first file built, not when the server starts: an idle
    // server never builds one, and they were the largest part of its heap (docs/benchmarks.md).
    case 'pdf': {
      const { renderPdf, renderSlidesPdf } = await import('./render-pdf.ts');
      return resource.type === 'slide-deck'
        ? renderSlidesPdf(resource, toSlides(resource, blocks))
        : renderPdf(resource, blocks);
    }
    case 'docx': {
      const { renderDocx } = await import('./render-docx.ts');
      return normalizeOfficeZip(await renderDocx(resource, blocks), date);
    }
    case 'pptx': {
      const { renderPptx } = await import('./render-pptx.ts');
      return normalizeOfficeZip(await renderPptx(resource, toSlides(resource, blocks)), date);
    }
  }
}

/**
 * Generates the downloadable files of every resource — PDF and DOCX for guides, worksheets and reflection
 * exercises, PPTX and a landscape PDF for slide decks, and the Markdown source of every resource with a body — with
 * pure-JS libraries and standard fonts only, so it runs offline. The output is deterministic: timestamps are taken
 * from each resource's `updatedAt`.
 *
 * @returns one entry per written file, with its size and SHA-256
 */
export async function buildFiles(options: BuildFilesOptions): Promise<BuiltFile[]> {
  const library = options.library ?? loadLibrary();
  mkdirSync(options.outDir, { recursive: true });
  const built: BuiltFile[] = [];
  for (const resource of library.resources) {
    for (const planned of plannedFiles(resource)) {
      let bytes: Uint8Array;
      try {
        bytes = await render(resource, planned.format);
      } catch (error) {
        throw new Error(
          `${resource.sourceFile}: could not build ${planned.name}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error }
        );
      }
      const path = join(options.outDir, planned.name);
      writeFileSync(path, bytes);
      built.push({
        resourceId: resource.id,
        name: planned.name,
        mediaType: planned.mediaType,
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
        path
      });
    }
  }
  return built;
}
