import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Rewrites an Office file (DOCX, PPTX: a zip) so the same source gives the same bytes: every entry gets the same
 * timestamp, the created/modified dates in `docProps/core.xml` are set to `date`, and random relationship ids (docx
 * names hyperlink relationships with nanoid) are renumbered in order of appearance. Otherwise the hash — and so every
 * pack manifest — would change on every build.
 *
 * @param zip the file as written by the library
 * @param date the date to stamp, usually the resource's `updatedAt`
 */
export function normalizeOfficeZip(zip: Uint8Array, date: Date): Uint8Array {
  const entries = unzipSync(zip);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const decoder = new TextDecoder();
  const renamed = new Map<string, string>();
  for (const [name, data] of Object.entries(entries)) {
    if (!name.endsWith('.rels')) continue;
    for (const m of decoder.decode(data).matchAll(/Id="(rId[A-Za-z0-9_-]{12,})"/g)) {
      if (!renamed.has(m[1]!)) renamed.set(m[1]!, `rIdMop${renamed.size + 1}`);
    }
  }
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (!/\.(xml|rels)$/.test(name)) {
      out[name] = [data, {}];
      continue;
    }
    let xml = decoder.decode(data);
    if (name === 'docProps/core.xml')
      xml = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`);
    if (renamed.size > 0)
      xml = xml.replace(/"(rId[A-Za-z0-9_-]{12,})"/g, (whole, id: string) => `"${renamed.get(id) ?? id}"`);
    out[name] = [new TextEncoder().encode(xml), {}];
  }
  return zipSync(out, { level: 6, mtime: date });
}
