import { LICENCES, type Collection, type Pack, type Resource } from './catalogue.ts';
import type { LearningModule } from './modules.ts';

/**
 * The public learning center's addresses and its schema.org descriptions, defined once for the pages the app renders
 * (canonical links, JSON-LD) and for what the server builds from the live catalogue (sitemap, Atom feed).
 */

export const PUBLIC_PATHS = {
  learn: '/learn',
  packs: '/learn/packs',
  modules: '/learn/modules',
  verify: '/verify',
  resource: (id: string): string => `/learn/${encodeURIComponent(id)}`,
  collection: (id: string): string => `/learn/collections/${encodeURIComponent(id)}`,
  pack: (id: string): string => `/learn/packs/${encodeURIComponent(id)}`,
  module: (id: string): string => `/learn/modules/${encodeURIComponent(id)}`
} as const;

/**
 * A public page's Open Graph card (a 1200×630 PNG drawn by the server from the live catalogue). `v` is the content's
 * version, so a messenger that cached the old card fetches the new one after an edit.
 */
export const CARD_PATHS = {
  learn: '/og/learn.png',
  resource: (id: string, version: number): string => `/og/resource/${encodeURIComponent(id)}.png?v=${version}`,
  collection: (id: string): string => `/og/collection/${encodeURIComponent(id)}.png`,
  pack: (id: string, version: number): string => `/og/pack/${encodeURIComponent(id)}.png?v=${version}`,
  module: (id: string, version: number): string => `/og/module/${encodeURIComponent(id)}.png?v=${version}`
} as const;

/** The size of every card, for `og:image:width` and `og:image:height`. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/** Where the signed-in app lives: crawlers are kept out of it (robots.txt) and it is never server-rendered. */
export const PRIVATE_PATH_PREFIXES = [
  '/api/',
  '/sync',
  '/login',
  '/mentoring',
  '/mentors',
  '/requests',
  '/programmes',
  '/profile',
  '/notifications',
  '/agenda',
  '/community',
  '/library',
  '/manage',
  '/learn/certificates/',
  '/account',
  '/admin',
  // Pages reached by a link with a token in it, or about one person's account: nothing to index.
  '/setup',
  '/join',
  '/invitation',
  '/forgot-password',
  '/reset-password',
  '/confirm-email',
  '/unsubscribe'
] as const;

/** The licence's deed for a licence id, or undefined for an id MOP does not know. */
export function licenceUrl(licence: string): string | undefined {
  return LICENCES[licence]?.url;
}

/** Resources that translate `resource` or that it translates (siblings of the same original included). */
export function translationsOf(resource: Resource, resources: readonly Resource[]): Resource[] {
  const original = resource.translationOf ?? resource.id;
  return resources.filter(
    (other) => other.id !== resource.id && (other.id === original || other.translationOf === original)
  );
}

/**
 * The first paragraph of a Markdown text as plain text, for a page's description: headings, images and code blocks
 * skipped, link targets and emphasis marks dropped, cut at a word near `max` characters.
 */
export function markdownExcerpt(markdown: string, max = 200): string {
  const paragraph =
    markdown
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .find((block) => block !== '' && !/^(#|!\[|```|<|>|[-*+] |\d+\. |\|)/.test(block)) ?? '';
  const text = paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).trimEnd()}…`;
}

type JsonLd = Record<string, unknown>;

const publisher = (origin: string): JsonLd => ({ '@type': 'Organization', name: 'MOP', url: `${origin}/` });

/** schema.org `LearningResource` for a resource page. */
export function resourceJsonLd(resource: Resource, origin: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    '@id': `${origin}${PUBLIC_PATHS.resource(resource.id)}`,
    url: `${origin}${PUBLIC_PATHS.resource(resource.id)}`,
    name: resource.title,
    description: resource.summary,
    inLanguage: resource.language,
    learningResourceType: resource.type,
    audience: resource.audience.map((role) => ({ '@type': 'EducationalAudience', educationalRole: role })),
    keywords: resource.topics.join(', '),
    license: licenceUrl(resource.licence) ?? resource.licence,
    creditText: resource.attribution,
    dateModified: resource.updatedAt,
    version: resource.version,
    isAccessibleForFree: true,
    publisher: publisher(origin),
    ...(resource.translationOf
      ? { translationOfWork: { '@id': `${origin}${PUBLIC_PATHS.resource(resource.translationOf)}` } }
      : {})
  };
}

/** schema.org `Course` for a self-learning module. */
export function moduleJsonLd(module: LearningModule, origin: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': `${origin}${PUBLIC_PATHS.module(module.id)}`,
    url: `${origin}${PUBLIC_PATHS.module(module.id)}`,
    name: module.title,
    description: module.summary,
    inLanguage: module.language,
    license: licenceUrl('CC-BY-NC-SA-4.0'),
    dateModified: module.updatedAt,
    version: module.version,
    isAccessibleForFree: true,
    timeRequired: `PT${module.estimatedMinutes}M`,
    provider: publisher(origin),
    hasCourseInstance: {
      '@type': 'CourseInstance',
      courseMode: 'online',
      courseWorkload: `PT${module.estimatedMinutes}M`
    }
  };
}

/** schema.org `Collection` (a collection of the catalogue, or a pack) listing its resources. */
export function collectionJsonLd(
  item: { id: string; title: string; summary: string; url: string },
  resources: readonly Resource[],
  origin: string
): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Collection',
    '@id': `${origin}${item.url}`,
    url: `${origin}${item.url}`,
    name: item.title,
    description: item.summary,
    license: licenceUrl('CC-BY-NC-SA-4.0'),
    isAccessibleForFree: true,
    publisher: publisher(origin),
    hasPart: resources.map((resource) => ({
      '@type': 'LearningResource',
      '@id': `${origin}${PUBLIC_PATHS.resource(resource.id)}`,
      name: resource.title,
      inLanguage: resource.language
    }))
  };
}

/** The JSON-LD of a collection page. */
export function catalogueCollectionJsonLd(collection: Collection, resources: readonly Resource[], origin: string) {
  const url = PUBLIC_PATHS.collection(collection.id);
  return collectionJsonLd(
    { id: collection.id, title: collection.title, summary: collection.summary, url },
    resources,
    origin
  );
}

/** The JSON-LD of a pack page. */
export function packJsonLd(pack: Pack, resources: readonly Resource[], origin: string) {
  const url = PUBLIC_PATHS.pack(pack.id);
  return collectionJsonLd({ id: pack.id, title: pack.title, summary: pack.purpose, url }, resources, origin);
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<` is escaped so no text in the catalogue can close the
 * element early.
 */
export function jsonLdScript(data: JsonLd): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
