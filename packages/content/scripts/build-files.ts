/**
 * Generates the starter library's downloadable files into packages/content/dist/files and prints a summary.
 *
 *   npx tsx packages/content/scripts/build-files.ts [outDir]
 */
import { fileURLToPath } from 'node:url';
import { buildCatalogue, buildFiles, loadLibrary } from '../src/index.ts';

const outDir = process.argv[2] ?? fileURLToPath(new URL('../dist/files', import.meta.url));
const started = performance.now();
const library = loadLibrary();
const built = await buildFiles({ outDir, library });
const { manifests } = buildCatalogue({ filesDir: outDir, library, requireFiles: true });
const bytes = built.reduce((sum, f) => sum + f.size, 0);
console.log(
  `${built.length} files, ${(bytes / 1024).toFixed(0)} KiB, from ${library.resources.length} resources, into ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`
);
for (const m of manifests)
  console.log(`pack ${m.packId} v${m.version}: ${m.files.length} files, ${(m.totalBytes / 1024).toFixed(0)} KiB`);
