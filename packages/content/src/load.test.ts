import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIENCES, RESOURCE_TYPES, ResourceSchema, gradeQuiz } from '@mop/shared';
import { LibraryError } from './errors.ts';
import { DEFAULT_LIBRARY_DIR, loadLibrary } from './load.ts';

describe('the starter library', () => {
  const library = loadLibrary();

  it('has at least 12 resources, each valid against the catalogue schema, with unique ids', () => {
    expect(library.resources.length).toBeGreaterThanOrEqual(12);
    for (const { sourceFile: _sourceFile, ...resource } of library.resources) {
      expect(v.safeParse(ResourceSchema, resource).success, resource.id).toBe(true);
    }
    const ids = library.resources.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every type and every audience, and more than one language', () => {
    const types = new Set(library.resources.map((r) => r.type));
    for (const type of RESOURCE_TYPES) expect(types, type).toContain(type);
    const audiences = new Set(library.resources.flatMap((r) => r.audience));
    for (const audience of AUDIENCES) expect(audiences, audience).toContain(audience);
    expect(library.resources.filter((r) => r.language !== 'en').length).toBeGreaterThanOrEqual(1);
  });

  it('places the framework overview and one page per MENTRA phase', () => {
    const mentra = library.collections.find((c) => c.id === 'mentra');
    expect(mentra?.kind).toBe('framework');
    expect(mentra?.phases.map((p) => p.id)).toEqual([
      'building-the-relationship',
      'setting-goals',
      'working-on-progress',
      'closing-and-moving-on'
    ]);
    for (const phase of mentra?.phases ?? []) {
      const pages = library.resources.filter(
        (r) => r.collection === 'mentra' && r.phase === phase.id && r.type === 'page'
      );
      expect(pages.length, phase.id).toBe(1);
      const tools = library.resources.filter(
        (r) => r.collection === 'mentra' && r.phase === phase.id && r.type !== 'page'
      );
      expect(tools.length, phase.id).toBeGreaterThan(0);
    }
    expect(new Set(library.collections.map((c) => c.kind))).toEqual(
      new Set(['framework', 'mentee-tools', 'training', 'complementary'])
    );
  });

  it('labels every resource as sample content, in front matter and in the text, with a substantial body', () => {
    for (const r of library.resources) {
      expect(r.sample, r.id).toBe(true);
      expect(r.body ?? '', r.id).toMatch(/Sample content|Contenuto di esempio|Contenido de ejemplo/);
      const words = (r.body ?? '').split(/\s+/).filter(Boolean).length;
      expect(words, r.id).toBeGreaterThanOrEqual(250);
      expect(words, r.id).toBeLessThanOrEqual(750);
    }
  });

  it('has self-learning modules for every audience, each with lessons and a quiz that a correct answer key passes', () => {
    expect(library.modules.length).toBeGreaterThanOrEqual(3);
    expect(new Set(library.modules.flatMap((m) => m.audience))).toEqual(new Set(AUDIENCES));
    for (const module of library.modules) {
      expect(module.lessons.length, module.id).toBeGreaterThanOrEqual(2);
      expect(module.quiz.length, module.id).toBeGreaterThanOrEqual(4);
      expect(module.sample, module.id).toBe(true);
      const key = Object.fromEntries(module.quiz.map((q) => [q.id, q.answer]));
      expect(gradeQuiz(module, key).passed, module.id).toBe(true);
      // Answering every question with its first option must not pass: a quiz whose answers are all "A" tests nothing.
      expect(gradeQuiz(module, Object.fromEntries(module.quiz.map((q) => [q.id, 0]))).passed, module.id).toBe(false);
    }
  });

  it('has two packs that reference existing resources', () => {
    expect(library.packs.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(library.resources.map((r) => r.id));
    for (const pack of library.packs)
      for (const id of pack.resourceIds) expect(ids, `${pack.id} → ${id}`).toContain(id);
  });
});

describe('loadLibrary on a broken library', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Copies the starter library and lets a test break one file. */
  function brokenCopy(path: string, edit: (text: string) => string): string {
    dir = mkdtempSync(join(tmpdir(), 'mop-library-'));
    cpSync(DEFAULT_LIBRARY_DIR, dir, { recursive: true });
    const file = join(dir, path);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }

  function errorOf(libraryDir: string): LibraryError {
    try {
      loadLibrary(libraryDir);
    } catch (error) {
      if (error instanceof LibraryError) return error;
      throw error;
    }
    throw new Error('expected loadLibrary to fail');
  }

  const checklist = 'resources/mentra/first-session-checklist.md';
  it.each([
    [
      'an audience outside the picklist',
      checklist,
      (t: string) => t.replace('audience: [mentor, mentee]', 'audience: [mentor, artist]'),
      checklist,
      'audience.1',
      /audience must be one of/
    ],
    ['a missing title', checklist, (t: string) => t.replace(/^title: .*\n/m, ''), checklist, 'title', /required/],
    [
      'an unknown field',
      checklist,
      (t: string) => t.replace('sample: true', 'sample: true\nauthor: me'),
      checklist,
      'author',
      /not a known/
    ],
    [
      'a bad date',
      checklist,
      (t: string) => t.replace('updatedAt: 2025-06-02', 'updatedAt: 2 June 2025'),
      checklist,
      'updatedAt',
      /YYYY-MM-DD/
    ],
    [
      'an id that is not a slug',
      checklist,
      (t: string) => t.replace('id: first-session-checklist', 'id: First_Session'),
      checklist,
      'id',
      /slug/
    ],
    [
      'an unknown phase',
      checklist,
      (t: string) => t.replace('phase: building-the-relationship', 'phase: warm-up'),
      checklist,
      'phase',
      /no phase "warm-up"/
    ],
    [
      'a link to a missing resource',
      checklist,
      (t: string) => t.replace('resource:preparing-for-a-session', 'resource:nowhere'),
      checklist,
      'body',
      /resource:nowhere/
    ],
    [
      'a pack with an unknown resource',
      'packs.json',
      (t: string) => t.replace('"glossary"', '"glossery"'),
      'packs.json',
      '[0].resourceIds[10]',
      /unknown resource "glossery"/
    ],
    [
      'a module lesson listing an unknown resource',
      'modules.json',
      (t: string) => t.replace('["mentra-overview", "glossary"]', '["mentra-overview", "glossery"]'),
      'modules.json',
      '[0].lessons[0].resourceIds[1]',
      /unknown resource "glossery"/
    ],
    [
      'a module lesson linking to an unknown resource',
      'modules.json',
      (t: string) => t.replace('(resource:mentra-overview)', '(resource:nowhere)'),
      'modules.json',
      '[0].lessons[0].body',
      /resource:nowhere/
    ],
    [
      'a quiz answer outside the options',
      'modules.json',
      (t: string) => t.replace('"answer": 1,', '"answer": 7,'),
      'modules.json',
      '[0].quiz.0',
      /index of one of the options/
    ],
    [
      'a module in an unknown collection',
      'modules.json',
      (t: string) => t.replace('"collection": "peerment-training"', '"collection": "nowhere"'),
      'modules.json',
      '[0].collection',
      /unknown collection "nowhere"/
    ]
  ])('reports %s with file and field', (_name, path, edit, file, field, message) => {
    const error = errorOf(brokenCopy(path, edit));
    expect(error.file).toBe(file);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${file}: ${field}: `)).toBe(true);
  });

  it('reports a duplicate id naming both files', () => {
    const copy = brokenCopy(checklist, (t) => t);
    writeFileSync(
      join(copy, 'resources/complementary/first-session-checklist.md'),
      readFileSync(join(copy, checklist))
    );
    const error = errorOf(copy);
    expect(error.field).toBe('id');
    expect(error.message).toMatch(/duplicate id "first-session-checklist"/);
  });
});
