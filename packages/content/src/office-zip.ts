import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Rewrites an Office file (DOCX, PPTX: a zip) so the same source gives the same bytes: every entry gets the same
 * timestamp and the created/modified dates in `docProps/core.xml` are set to `date`. The libraries stamp the current
 * time in both places, which would change the hash — and so every pack manifest — on every build.
 *
 * @param zip the file as written by the library
 * @param date the date to stamp, usually the resource's `updatedAt`
 */
export function normalizeOfficeZip(zip: Uint8Array, date: Date): Uint8Array {
  const entries = unzipSync(zip);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name === 'docProps/core.xml') {
      const xml = new TextDecoder().decode(data).replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`);
      out[name] = [new TextEncoder().encode(xml), {}];
    } else out[name] = [data, {}];
  }
  return zipSync(out, { level: 6, mtime: date });
}
