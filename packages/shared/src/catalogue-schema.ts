import * as v from 'valibot';
import { CollectionSchema, PackSchema, ResourceSchema } from './catalogue.ts';
import { LearningModuleSchema } from './modules.ts';

/** The whole catalogue, in a file of its own because it joins the resource schemas and the module schemas. */
export const CatalogueSchema = v.object({
  formatVersion: v.pipe(v.number(), v.integer()),
  /** ISO timestamp. */
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  collections: v.array(CollectionSchema),
  resources: v.array(ResourceSchema),
  packs: v.array(PackSchema),
  /** Self-learning modules (lessons and a quiz), see `modules.ts`. Optional, so an older catalogue still reads. */
  modules: v.optional(v.array(LearningModuleSchema), [])
});
/** What `GET /api/catalogue` returns. */
export type Catalogue = v.InferOutput<typeof CatalogueSchema>;
