import * as v from 'valibot';
import {
  AudienceSchema,
  EditableResourceSchema,
  LanguageSchema,
  LicenceIdSchema,
  PackManifestSchema,
  PackSchema,
  ResourceFileSchema,
  ResourceSchema,
  ResourceTypeSchema,
  SlugSchema
} from './catalogue.ts';

/**
 * REST payloads of the learning repository's write API (`/api/resources`, `/api/packs`), used by coordinators and
 * admins. The read side returns the catalogue types of `catalogue.ts` unchanged.
 */

const title = v.pipe(
  v.string('title must be a string'),
  v.trim(),
  v.minLength(1, 'title is required'),
  v.maxLength(200, 'title must be at most 200 characters')
);
const summary = v.pipe(
  v.string('summary must be a string'),
  v.trim(),
  v.minLength(1, 'summary is required'),
  v.maxLength(600, 'summary must be at most 600 characters')
);
const topics = v.pipe(
  v.array(
    v.pipe(
      v.string('a topic must be a string'),
      v.trim(),
      v.minLength(1, 'a topic must not be empty'),
      v.maxLength(60)
    ),
    'topics must be a list'
  ),
  v.maxLength(30, 'at most 30 topics')
);
const audience = v.pipe(
  v.array(AudienceSchema, 'audience must be a list'),
  v.minLength(1, 'audience needs at least one entry')
);
/** Markdown pages are limited so a catalogue stays small enough to cache on a phone. */
const body = v.pipe(v.string('body must be a string'), v.maxLength(60_000, 'body must be at most 60000 characters'));
const externalUrl = v.pipe(
  v.string('externalUrl must be a string'),
  v.url('externalUrl must be a URL'),
  v.regex(/^https?:\/\//i, 'externalUrl must be an http(s) URL')
);

/** The editable fields of a resource. */
const resourceFields = {
  title,
  summary,
  type: ResourceTypeSchema,
  audience,
  language: LanguageSchema,
  topics: v.optional(topics, []),
  collection: SlugSchema,
  phase: v.optional(SlugSchema),
  order: v.optional(v.pipe(v.number('order must be a number'), v.integer('order must be an integer')), 0),
  licence: v.optional(LicenceIdSchema),
  attribution: v.optional(
    v.pipe(
      v.string('attribution must be a string'),
      v.trim(),
      v.minLength(1, 'attribution must not be empty'),
      v.maxLength(1000)
    )
  ),
  body: v.optional(body),
  externalUrl: v.optional(externalUrl),
  translationOf: v.optional(SlugSchema)
};

/**
 * `POST /api/resources`: a Markdown page (with `body`), a video link (with `externalUrl`) or a file resource whose
 * files are uploaded afterwards with `POST /api/resources/:id/files`. Without `id` one is made from the title.
 */
export const ResourceCreateSchema = v.strictObject(
  { id: v.optional(SlugSchema), ...resourceFields },
  'is not a known field'
);
export type ResourceCreate = v.InferOutput<typeof ResourceCreateSchema>;

/** `PATCH /api/resources/:id`: any subset of the editable fields; `null` clears an optional one. */
export const ResourcePatchSchema = v.strictObject(
  {
    title: v.optional(title),
    summary: v.optional(summary),
    type: v.optional(ResourceTypeSchema),
    audience: v.optional(audience),
    language: v.optional(LanguageSchema),
    topics: v.optional(topics),
    collection: v.optional(SlugSchema),
    phase: v.optional(v.nullable(SlugSchema)),
    order: v.optional(v.pipe(v.number('order must be a number'), v.integer('order must be an integer'))),
    licence: v.optional(LicenceIdSchema),
    attribution: v.optional(
      v.pipe(
        v.string('attribution must be a string'),
        v.trim(),
        v.minLength(1, 'attribution must not be empty'),
        v.maxLength(1000)
      )
    ),
    body: v.optional(v.nullable(body)),
    externalUrl: v.optional(v.nullable(externalUrl)),
    translationOf: v.optional(v.nullable(SlugSchema))
  },
  'is not a known field'
);
export type ResourcePatch = v.InferOutput<typeof ResourcePatchSchema>;

const packTitle = v.pipe(
  v.string('title must be a string'),
  v.trim(),
  v.minLength(1, 'title is required'),
  v.maxLength(200)
);
const purpose = v.pipe(
  v.string('purpose must be a string'),
  v.trim(),
  v.minLength(1, 'purpose is required'),
  v.maxLength(2000)
);
const resourceIds = v.pipe(
  v.array(SlugSchema, 'resourceIds must be a list'),
  v.minLength(1, 'a pack needs at least one resource'),
  v.maxLength(500),
  v.check((ids) => new Set(ids).size === ids.length, 'resourceIds must not repeat a resource')
);

/** `POST /api/packs`: a new, unpublished pack at version 1. */
export const PackCreateSchema = v.strictObject(
  { id: v.optional(SlugSchema), title: packTitle, purpose, language: LanguageSchema, resourceIds },
  'is not a known field'
);
export type PackCreate = v.InferOutput<typeof PackCreateSchema>;

/** `PATCH /api/packs/:id`: changing `resourceIds` bumps the pack's version. */
export const PackPatchSchema = v.strictObject(
  {
    title: v.optional(packTitle),
    purpose: v.optional(purpose),
    language: v.optional(LanguageSchema),
    resourceIds: v.optional(resourceIds)
  },
  'is not a known field'
);
export type PackPatch = v.InferOutput<typeof PackPatchSchema>;

/** `GET /api/packs/:id` and each entry of `GET /api/packs`. */
export const PackDetailSchema = v.object({
  pack: PackSchema,
  manifest: PackManifestSchema,
  /** Always true for visitors; coordinators and admins also see drafts. */
  published: v.boolean()
});
export type PackDetail = v.InferOutput<typeof PackDetailSchema>;

/** `GET /api/packs`. */
export const PackListSchema = v.object({ packs: v.array(PackDetailSchema) });
export type PackList = v.InferOutput<typeof PackListSchema>;

/** `GET /api/resources/:id` and the writes' answers; coordinators and admins also see retired resources. */
export const ResourceDetailSchema = v.intersect([
  EditableResourceSchema,
  v.object({ status: v.picklist(['active', 'retired']) })
]);
export type ResourceDetail = v.InferOutput<typeof ResourceDetailSchema>;

/** `POST /api/resources/:id/files?name=…`: the stored file and the resource with it. */
export const ResourceUploadResponseSchema = v.object({ file: ResourceFileSchema, resource: ResourceDetailSchema });
export type ResourceUploadResponse = v.InferOutput<typeof ResourceUploadResponseSchema>;

/** The name of the pack description at the root of a pack zip (`GET /api/packs/:id/zip`). */
export const PACK_ZIP_MANIFEST = 'mop-pack.json';

/** `mop-pack.json` in a pack zip: the pack's manifest (it validates as one) plus the pack and its resources. */
export const PackZipManifestSchema = v.object({
  ...PackManifestSchema.entries,
  pack: PackSchema,
  resources: v.array(ResourceSchema)
});
export type PackZipManifest = v.InferOutput<typeof PackZipManifestSchema>;
