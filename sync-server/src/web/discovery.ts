import {
  EU_FUNDING_DISCLAIMER,
  LICENCES,
  PRIVATE_PATH_PREFIXES,
  PUBLIC_PATHS,
  translationsOf,
  type Catalogue,
  type Resource
} from '@mop/shared';

/**
 * What search engines and feed readers read: `sitemap.xml`, `robots.txt` and an Atom feed, built from the live
 * catalogue on each request, so a resource a coordinator has just published is listed at once.
 */

const xml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** A catalogue date (`YYYY-MM-DD`) as an RFC 3339 instant. */
const instant = (date: string): string => `${date}T00:00:00Z`;

/** The sitemap: the learning center's index pages and every resource, collection, pack, module and lesson. */
export function sitemapXml(catalogue: Catalogue, origin: string): string {
  const entries: string[] = [];
  const add = (path: string, lastmod?: string, alternates: { language: string; path: string }[] = []) => {
    const links = alternates
      .map(
        (other) => `<xhtml:link rel="alternate" hreflang="${xml(other.language)}" href="${xml(origin + other.path)}"/>`
      )
      .join('');
    entries.push(
      `<url><loc>${xml(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${links}</url>`
    );
  };
  const newest = (dates: string[]) => [...dates].sort().at(-1);
  add(PUBLIC_PATHS.learn, newest(catalogue.resources.map((resource) => resource.updatedAt)));
  add(PUBLIC_PATHS.packs);
  add(PUBLIC_PATHS.modules, newest(catalogue.modules.map((module) => module.updatedAt)));
  add(PUBLIC_PATHS.verify);
  for (const collection of catalogue.collections) add(PUBLIC_PATHS.collection(collection.id));
  for (const resource of catalogue.resources) {
    const translations = translationsOf(resource, catalogue.resources);
    // hreflang lists every language version, this one included, or none at all.
    const alternates =
      translations.length > 0
        ? [resource, ...translations].map((other) => ({
            language: other.language,
            path: PUBLIC_PATHS.resource(other.id)
          }))
        : [];
    add(PUBLIC_PATHS.resource(resource.id), resource.updatedAt, alternates);
  }
  for (const pack of catalogue.packs) add(PUBLIC_PATHS.pack(pack.id));
  for (const module of catalogue.modules) {
    add(PUBLIC_PATHS.module(module.id), module.updatedAt);
    for (const lesson of module.lessons)
      add(`${PUBLIC_PATHS.module(module.id)}/lessons/${encodeURIComponent(lesson.id)}`, module.updatedAt);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('\n') +
    '\n</urlset>\n'
  );
}

/** robots.txt: the learning center is open to crawlers, the signed-in app and the API are not. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /learn',
    'Allow: /verify',
    ...PRIVATE_PATH_PREFIXES.map((prefix) => `Disallow: ${prefix}`),
    // A quiz keeps its answers on the device; there is nothing to index.
    'Disallow: /learn/modules/*/quiz',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    ''
  ].join('\n');
}

/** How many entries the feed carries: the newest; readers keep what they have already seen. */
const FEED_ENTRIES = 50;

function resourceEntry(resource: Resource, origin: string): string {
  const url = origin + PUBLIC_PATHS.resource(resource.id);
  const licence = LICENCES[resource.licence];
  return [
    '<entry>',
    `<id>${xml(url)}</id>`,
    `<title>${xml(resource.title)}</title>`,
    `<link rel="alternate" type="text/html" hreflang="${xml(resource.language)}" href="${xml(url)}"/>`,
    `<updated>${instant(resource.updatedAt)}</updated>`,
    `<summary>${xml(resource.summary)}</summary>`,
    ...resource.topics.map((topic) => `<category term="${xml(topic)}"/>`),
    licence ? `<link rel="license" href="${xml(licence.url)}"/>` : '',
    `<rights>${xml(resource.attribution)}</rights>`,
    '</entry>'
  ].join('');
}

/** The Atom feed of new and updated resources, newest first. */
export function atomFeed(catalogue: Catalogue, origin: string): string {
  const resources = [...catalogue.resources]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title))
    .slice(0, FEED_ENTRIES);
  const updated = resources[0]?.updatedAt ?? '2025-01-01';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">' +
    `<id>${xml(origin + '/feed.xml')}</id>` +
    '<title>MOP learning center: new and updated resources</title>' +
    `<link rel="self" type="application/atom+xml" href="${xml(origin + '/feed.xml')}"/>` +
    `<link rel="alternate" type="text/html" href="${xml(origin + PUBLIC_PATHS.learn)}"/>` +
    `<updated>${instant(updated)}</updated>` +
    '<author><name>MOP</name></author>' +
    `<rights>${xml(EU_FUNDING_DISCLAIMER)}</rights>` +
    resources.map((resource) => resourceEntry(resource, origin)).join('') +
    '</feed>\n'
  );
}
