import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueSchema, PackManifestSchema } from '@mop/shared';
import { buildFiles, sha256Hex, type BuiltFile } from './build-files.ts';
import { buildCatalogue } from './catalogue.ts';
import { loadLibrary } from './load.ts';

describe('buildFiles and buildCatalogue', () => {
  const library = loadLibrary();
  let outDir: string;
  let built: BuiltFile[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'mop-files-'));
    built = await buildFiles({ outDir, library });
  }, 30_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes valid PDFs, DOCX and PPTX files', () => {
    const byExt = (ext: string) => built.filter((f) => f.name.endsWith(ext));
    expect(byExt('.pdf').length).toBeGreaterThanOrEqual(10);
    for (const f of byExt('.pdf')) {
      const bytes = readFileSync(f.path);
      expect(bytes.subarray(0, 5).toString('latin1'), f.name).toBe('%PDF-');
      expect(bytes.subarray(-6).toString('latin1'), f.name).toContain('%%EOF');
    }
    expect(byExt('.docx').length).toBeGreaterThanOrEqual(10);
    for (const f of byExt('.docx')) {
      const entries = unzipSync(readFileSync(f.path));
      expect(Object.keys(entries), f.name).toContain('word/document.xml');
      const xml = new TextDecoder().decode(entries['word/document.xml']);
      const resource = library.resources.find((r) => r.id === f.resourceId)!;
      expect(xml, f.name).toContain(
        resource.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
      );
    }
    const pptx = byExt('.pptx');
    expect(pptx.map((f) => f.resourceId)).toEqual(['workshop-1-slides']);
    expect(Object.keys(unzipSync(readFileSync(pptx[0]!.path)))).toContain('ppt/slides/slide1.xml');
  });

  it('gives every worksheet, guide and reflection exercise a PDF and a DOCX', () => {
    for (const r of library.resources.filter((r) => ['guide', 'worksheet', 'reflection-exercise'].includes(r.type))) {
      const names = built.filter((f) => f.resourceId === r.id).map((f) => f.name);
      expect(names, r.id).toEqual(expect.arrayContaining([`${r.id}.pdf`, `${r.id}.docx`]));
    }
  });

  it('lists every file in the catalogue and the pack manifests with the size and sha256 of the bytes on disk', () => {
    const { catalogue, manifests, missingFiles } = buildCatalogue({ filesDir: outDir, library });
    expect(missingFiles).toEqual([]);
    expect(v.safeParse(CatalogueSchema, catalogue).success).toBe(true);
    expect(catalogue.resources.flatMap((r) => r.files)).toHaveLength(built.length);
    expect(manifests.map((m) => m.packId)).toEqual(catalogue.packs.map((p) => p.id));
    for (const manifest of manifests) {
      expect(v.safeParse(PackManifestSchema, manifest).success).toBe(true);
      expect(manifest.files.length).toBeGreaterThan(0);
      for (const file of manifest.files) {
        const bytes = readFileSync(join(outDir, file.path.split('/')[1]!));
        expect(file.size, file.path).toBe(bytes.byteLength);
        expect(file.sha256, file.path).toBe(sha256Hex(bytes));
      }
      expect(manifest.totalBytes).toBe(manifest.files.reduce((sum, f) => sum + f.size, 0));
    }
  });

  it('is deterministic: a second build gives the same bytes', async () => {
    const again = mkdtempSync(join(tmpdir(), 'mop-files-'));
    try {
      const second = await buildFiles({ outDir: again, library });
      expect(second.map((f) => `${f.name} ${f.sha256}`)).toEqual(built.map((f) => `${f.name} ${f.sha256}`));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 30_000);

  it('leaves out files that have not been built, and can insist on them', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mop-empty-'));
    try {
      const { catalogue, missingFiles } = buildCatalogue({ filesDir: empty, library });
      expect(missingFiles.length).toBe(built.length);
      expect(catalogue.resources.every((r) => r.files.length === 0)).toBe(true);
      expect(() => buildCatalogue({ filesDir: empty, library, requireFiles: true })).toThrow(/missing generated files/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
