import * as v from 'valibot';

/**
 * The learning repository's catalogue: collections (framework → phases → tools), resources, packs and pack
 * manifests, defined once for the app, the server and the content builder (`@mop/content`).
 */

/**
 * The version of the catalogue's shape as served by `GET /api/catalogue` and cached by the app for offline search.
 *
 * Bump it when a field is removed, renamed or re-typed, or when a new required field appears that an older app would
 * misread, so the app knows to drop its cached catalogue and fetch it afresh. Adding an optional field that older
 * apps can ignore, adding resources or packs, or adding a new value to a picklist that the app already tolerates
 * does not need a bump.
 */
export const CATALOGUE_FORMAT_VERSION = 1;

export const RESOURCE_TYPES = [
  'guide',
  'worksheet',
  'reflection-exercise',
  'slide-deck',
  'video-link',
  'page'
] as const;
export const ResourceTypeSchema = v.picklist(RESOURCE_TYPES, 'type must be one of: ' + RESOURCE_TYPES.join(', '));
export type ResourceType = v.InferOutput<typeof ResourceTypeSchema>;

export const AUDIENCES = ['mentor', 'mentee', 'facilitator'] as const;
export const AudienceSchema = v.picklist(AUDIENCES, 'audience must be one of: ' + AUDIENCES.join(', '));
export type Audience = v.InferOutput<typeof AudienceSchema>;

export const COLLECTION_KINDS = ['framework', 'mentee-tools', 'training', 'complementary'] as const;
export const CollectionKindSchema = v.picklist(COLLECTION_KINDS, 'kind must be one of: ' + COLLECTION_KINDS.join(', '));
export type CollectionKind = v.InferOutput<typeof CollectionKindSchema>;

/** Lowercase words joined by single hyphens: `first-session-checklist`. Used for every id in the catalogue. */
export const SlugSchema = v.pipe(
  v.string('id must be a string'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be a lowercase slug of a-z, 0-9 and single hyphens'),
  v.maxLength(80, 'id must be at most 80 characters')
);

/** A BCP 47 language tag as used here: a primary language (`en`, `it`, `es`, `el`) and optional subtags (`pt-BR`). */
export const LanguageSchema = v.pipe(
  v.string('language must be a string'),
  v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as en, it, es or pt-BR')
);

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = v.pipe(v.string('date must be a string'), v.isoDate('date must be YYYY-MM-DD'));

/** A lowercase hex SHA-256 digest. */
export const Sha256Schema = v.pipe(v.string(), v.regex(/^[a-f0-9]{64}$/, 'sha256 must be 64 lowercase hex digits'));

/** An SPDX-style licence identifier such as `CC-BY-NC-SA-4.0`. */
export const LicenceIdSchema = v.pipe(
  v.string('licence must be a string'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'licence must be an SPDX-style identifier such as CC-BY-NC-SA-4.0')
);

/** The disclaimer every EU-funded PeerMent output carries (wording from the MOP project description). */
export const EU_FUNDING_DISCLAIMER =
  'Funded by the European Union. Views and opinions expressed are however those of the author(s) only and do not ' +
  'necessarily reflect those of the European Union or the European Education and Culture Executive Agency (EACEA). ' +
  'Neither the European Union nor EACEA can be held responsible for them.';

export const DEFAULT_LICENCE = 'CC-BY-NC-SA-4.0';

export interface LicenceInfo {
  /** SPDX identifier. */
  id: string;
  /** Human-readable name shown next to a resource. */
  name: string;
  /** The licence's canonical deed. */
  url: string;
  /** Attribution text used when a resource does not give its own. */
  defaultAttribution: string;
}

/** Licences the platform knows how to show. Resources may name others; the app then shows the bare identifier. */
export const LICENCES: Readonly<Record<string, LicenceInfo>> = {
  [DEFAULT_LICENCE]: {
    id: DEFAULT_LICENCE,
    name: 'Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
    defaultAttribution: `© 2025 PeerMent partners. Licensed under CC BY-NC-SA 4.0. ${EU_FUNDING_DISCLAIMER}`
  }
};

/** The default attribution text, shown with every resource that does not carry its own. */
export const DEFAULT_ATTRIBUTION = LICENCES[DEFAULT_LICENCE]!.defaultAttribution;

export const ResourceFileSchema = v.object({
  /** File name as offered for download, e.g. `first-session-checklist.pdf`. */
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'file name must be a plain file name')),
  mediaType: v.pipe(v.string(), v.regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'mediaType must be a MIME type')),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: Sha256Schema,
  /** Where the app fetches it, usually a path on the MOP server. */
  url: v.string()
});
export type ResourceFile = v.InferOutput<typeof ResourceFileSchema>;

const ResourceFieldsSchema = v.object({
  id: SlugSchema,
  title: v.pipe(v.string('title must be a string'), v.trim(), v.minLength(1, 'title is required'), v.maxLength(200)),
  summary: v.pipe(
    v.string('summary must be a string'),
    v.trim(),
    v.minLength(1, 'summary is required'),
    v.maxLength(600)
  ),
  type: ResourceTypeSchema,
  audience: v.pipe(
    v.array(AudienceSchema, 'audience must be a list'),
    v.minLength(1, 'audience needs at least one entry')
  ),
  language: LanguageSchema,
  topics: v.array(v.pipe(v.string(), v.trim(), v.minLength(1, 'a topic must not be empty')), 'topics must be a list'),
  /** The collection the resource belongs to. */
  collection: SlugSchema,
  /** The phase of that collection it is placed in; absent for resources that belong to the collection as a whole. */
  phase: v.optional(SlugSchema),
  /** Position among its siblings in the same collection and phase; lower first. */
  order: v.optional(v.pipe(v.number(), v.integer()), 0),
  licence: v.optional(LicenceIdSchema, DEFAULT_LICENCE),
  attribution: v.optional(v.pipe(v.string(), v.minLength(1)), DEFAULT_ATTRIBUTION),
  updatedAt: IsoDateSchema,
  version: v.pipe(
    v.number('version must be a number'),
    v.integer('version must be an integer'),
    v.minValue(1, 'version starts at 1')
  ),
  /** Markdown: the page itself, or the text of a guide or worksheet. Links to other resources use `resource:ID`. */
  body: v.optional(v.string()),
  files: v.optional(v.array(ResourceFileSchema), []),
  /** For video links: where the video lives. */
  externalUrl: v.optional(v.pipe(v.string(), v.url('externalUrl must be a URL'))),
  /** The id of the resource this one translates, so the app can offer the other languages. */
  translationOf: v.optional(SlugSchema),
  /** True for the starter content shipped with MOP, which partner organisations replace with their own. */
  sample: v.optional(v.boolean(), false)
});
type ResourceFields = v.InferOutput<typeof ResourceFieldsSchema>;

const videoLinkHasUrl = v.check<ResourceFields, string>(
  (r) => r.type !== 'video-link' || r.externalUrl !== undefined,
  'a video-link resource needs an externalUrl'
);
const pageHasBody = v.check<ResourceFields, string>(
  (r) => r.type !== 'page' || (r.body ?? '').trim() !== '',
  'a page resource needs a body'
);

/**
 * A resource as its editors see it while they build it (`GET /api/resources/:id` and the library's writes): a file
 * resource has no files until its first upload, so it is not held to the catalogue's "a body, files or an
 * externalUrl" rule. The catalogue only lists resources that meet it.
 */
export const EditableResourceSchema = v.pipe(ResourceFieldsSchema, videoLinkHasUrl, pageHasBody);

/** A resource as the catalogue publishes it: an editable resource that also has a body, files or a link. */
export const ResourceSchema = v.pipe(
  EditableResourceSchema,
  v.check(
    (r) => (r.body ?? '').trim() !== '' || r.files.length > 0 || r.externalUrl !== undefined,
    'a resource needs a body, files or an externalUrl'
  )
);
export type Resource = v.InferOutput<typeof ResourceSchema>;

export const PhaseSchema = v.object({
  id: SlugSchema,
  title: v.pipe(v.string(), v.minLength(1)),
  summary: v.string(),
  order: v.pipe(v.number(), v.integer())
});
export type Phase = v.InferOutput<typeof PhaseSchema>;

export const CollectionSchema = v.object({
  id: SlugSchema,
  title: v.pipe(v.string(), v.minLength(1)),
  summary: v.string(),
  kind: CollectionKindSchema,
  /** Position among collections; lower first. */
  order: v.optional(v.pipe(v.number(), v.integer()), 0),
  phases: v.array(PhaseSchema)
});
export type Collection = v.InferOutput<typeof CollectionSchema>;

export const PackSchema = v.object({
  id: SlugSchema,
  title: v.pipe(v.string(), v.minLength(1, 'title is required')),
  purpose: v.pipe(v.string(), v.minLength(1, 'purpose is required')),
  /** Goes up whenever the list of resources or any of their files changes, so devices can offer an update. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  updatedAt: IsoDateSchema,
  resourceIds: v.pipe(v.array(SlugSchema), v.minLength(1, 'a pack needs at least one resource')),
  language: LanguageSchema
});
export type Pack = v.InferOutput<typeof PackSchema>;

export const PackManifestFileSchema = v.object({
  resourceId: SlugSchema,
  /** Path inside the pack (and inside its zip), `<resourceId>/<file name>`. */
  path: v.string(),
  url: v.string(),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: Sha256Schema,
  mediaType: v.string()
});
export type PackManifestFile = v.InferOutput<typeof PackManifestFileSchema>;

/** Everything a device must fetch, with sizes and hashes to check, to hold a pack offline. */
export const PackManifestSchema = v.object({
  packId: SlugSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  files: v.array(PackManifestFileSchema),
  totalBytes: v.pipe(v.number(), v.integer(), v.minValue(0))
});
export type PackManifest = v.InferOutput<typeof PackManifestSchema>;
