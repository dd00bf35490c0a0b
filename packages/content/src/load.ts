import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import {
  CollectionSchema,
  LearningModuleSchema,
  PackSchema,
  ResourceSchema,
  type Collection,
  type LearningModule,
  type Pack,
  type Resource
} from '@mop/shared';
import { LibraryError } from './errors.ts';
import { parseFrontMatter } from './front-matter.ts';
import { resourceLinks } from './markdown.ts';

/** The starter library shipped with MOP: `packages/content/library`. */
export const DEFAULT_LIBRARY_DIR = fileURLToPath(new URL('../library', import.meta.url));

/** A resource as read from its source, before generated files are attached. */
export interface LibraryResource extends Resource {
  /** The Markdown source, relative to the library folder (always with `/`). */
  sourceFile: string;
}

export interface Library {
  dir: string;
  collections: Collection[];
  resources: LibraryResource[];
  packs: Pack[];
  /** Self-learning modules from `modules.json` (empty when the file is absent). */
  modules: LearningModule[];
}

/** Front-matter keys a resource may have; `body` is the Markdown and `files` are generated. */
const FRONT_MATTER_KEYS = new Set([
  'id',
  'title',
  'summary',
  'type',
  'audience',
  'language',
  'topics',
  'collection',
  'phase',
  'order',
  'licence',
  'attribution',
  'updatedAt',
  'version',
  'externalUrl',
  'translationOf',
  'sample'
]);

/**
 * Reads and validates the library: `collections.json`, `packs.json`, `modules.json` (optional) and every
 * `resources/**\/*.md`.
 * Checks each file against the catalogue schema and the cross-references between them (collection and phase
 * placement, translations, `resource:ID` links, pack contents, unique ids).
 *
 * @param dir the library folder; defaults to the starter library
 * @throws LibraryError naming the file and field at fault
 */
export function loadLibrary(dir: string = DEFAULT_LIBRARY_DIR): Library {
  const collections = readJsonList(dir, 'collections.json', CollectionSchema);
  const packs = readJsonList(dir, 'packs.json', PackSchema);
  const modules = existsSync(join(dir, 'modules.json')) ? readJsonList(dir, 'modules.json', LearningModuleSchema) : [];
  const resources = markdownFiles(join(dir, 'resources')).map((path) => readResource(dir, path));
  resources.sort((a, b) => a.id.localeCompare(b.id));
  checkReferences(collections, resources, packs);
  checkModuleReferences(modules, collections, resources);
  return { dir, collections, resources, packs, modules };
}

function readJsonList<S extends v.GenericSchema>(dir: string, name: string, schema: S): v.InferOutput<S>[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (error) {
    throw new LibraryError(name, undefined, error instanceof Error ? error.message : String(error));
  }
  if (!Array.isArray(json)) throw new LibraryError(name, undefined, 'must be a JSON array');
  const seen = new Set<string>();
  return json.map((item: unknown, index) => {
    const result = v.safeParse(schema, item);
    if (!result.success) throw issueError(name, result.issues, `[${index}]`);
    const id = (result.output as { id: string }).id;
    if (seen.has(id)) throw new LibraryError(name, `[${index}].id`, `duplicate id "${id}"`);
    seen.add(id);
    return result.output;
  });
}

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...markdownFiles(path));
    else if (entry.endsWith('.md')) found.push(path);
  }
  return found;
}

function readResource(dir: string, path: string): LibraryResource {
  const file = relative(dir, path).split(sep).join('/');
  const { data, body } = parseFrontMatter(readFileSync(path, 'utf8'), file);
  for (const key of Object.keys(data)) {
    if (!FRONT_MATTER_KEYS.has(key)) throw new LibraryError(file, key, 'is not a known front-matter field');
  }
  const result = v.safeParse(ResourceSchema, { ...data, body: body.trim() === '' ? undefined : body });
  if (!result.success) throw issueError(file, result.issues, '');
  if (result.output.id !== basename(path, '.md')) {
    throw new LibraryError(file, 'id', `"${result.output.id}" must match the file name "${basename(path)}"`);
  }
  if (result.output.files.length > 0) throw new LibraryError(file, 'files', 'files are generated, not written by hand');
  return { ...result.output, sourceFile: file };
}

function issueError(
  file: string,
  issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
  prefix: string
): LibraryError {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  const field = path === null ? (prefix === '' ? undefined : prefix) : `${prefix}${prefix === '' ? '' : '.'}${path}`;
  // valibot says "Invalid key" when a required field is missing; say so in words an editor understands.
  const missing = issue.kind === 'schema' && issue.input === undefined && path !== null;
  return new LibraryError(file, field, missing ? 'is required' : issue.message);
}

function checkReferences(collections: Collection[], resources: LibraryResource[], packs: Pack[]): void {
  const byId = new Map<string, LibraryResource>();
  for (const resource of resources) {
    const other = byId.get(resource.id);
    if (other)
      throw new LibraryError(
        resource.sourceFile,
        'id',
        `duplicate id "${resource.id}", also used by ${other.sourceFile}`
      );
    byId.set(resource.id, resource);
  }
  const collectionById = new Map(collections.map((c) => [c.id, c]));
  for (const r of resources) {
    const collection = collectionById.get(r.collection);
    if (!collection) throw new LibraryError(r.sourceFile, 'collection', `unknown collection "${r.collection}"`);
    if (r.phase !== undefined && !collection.phases.some((p) => p.id === r.phase)) {
      throw new LibraryError(r.sourceFile, 'phase', `collection "${collection.id}" has no phase "${r.phase}"`);
    }
    if (r.translationOf !== undefined && !byId.has(r.translationOf)) {
      throw new LibraryError(r.sourceFile, 'translationOf', `unknown resource "${r.translationOf}"`);
    }
    for (const target of resourceLinks(r.body ?? '')) {
      if (!byId.has(target))
        throw new LibraryError(r.sourceFile, 'body', `links to unknown resource "resource:${target}"`);
    }
  }
  packs.forEach((pack, index) => {
    pack.resourceIds.forEach((id, j) => {
      if (!byId.has(id))
        throw new LibraryError('packs.json', `[${index}].resourceIds[${j}]`, `unknown resource "${id}"`);
    });
  });
}

/** A module's collection, the resources its lessons list and the `resource:ID` links in its lessons must exist. */
function checkModuleReferences(
  modules: LearningModule[],
  collections: Collection[],
  resources: LibraryResource[]
): void {
  const resourceIds = new Set(resources.map((r) => r.id));
  const collectionIds = new Set(collections.map((c) => c.id));
  modules.forEach((module, index) => {
    if (module.collection !== undefined && !collectionIds.has(module.collection)) {
      throw new LibraryError('modules.json', `[${index}].collection`, `unknown collection "${module.collection}"`);
    }
    module.lessons.forEach((lesson, l) => {
      lesson.resourceIds.forEach((id, r) => {
        if (!resourceIds.has(id))
          throw new LibraryError(
            'modules.json',
            `[${index}].lessons[${l}].resourceIds[${r}]`,
            `unknown resource "${id}"`
          );
      });
      for (const target of resourceLinks(lesson.body)) {
        if (!resourceIds.has(target))
          throw new LibraryError(
            'modules.json',
            `[${index}].lessons[${l}].body`,
            `links to unknown resource "resource:${target}"`
          );
      }
    });
  });
}
