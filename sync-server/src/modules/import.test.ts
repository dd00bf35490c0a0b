import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LearningModule } from '@mop/shared';
import { DEFAULT_LIBRARY_DIR } from '@mop/content';
import { makeTempDir, startTestServer, type TestServer } from '../test-support/harness.ts';
import { importModules } from './import.ts';

/** Importing modules into a real server database: everything checked before anything is written. */

let server: TestServer;
const starter = JSON.parse(readFileSync(path.join(DEFAULT_LIBRARY_DIR, 'modules.json'), 'utf8')) as LearningModule[];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ids = () => server.learningModules.listModules().map((m) => m.id);

describe('importModules', () => {
  it('adds new modules first in file order, replaces existing ones and keeps the others after them', () => {
    const own: LearningModule = { ...starter[2]!, id: 'our-own-module', title: 'Our own module', version: 1 };
    const edited: LearningModule = { ...starter[1]!, title: 'Listening, revised', version: 2 };
    const result = importModules(server.learningModules, server.resources.store, [own, edited]);
    expect(result).toEqual({ added: ['our-own-module'], updated: ['listening-and-feedback'] });
    expect(ids()).toEqual([
      'our-own-module',
      'listening-and-feedback',
      'mentoring-foundations',
      'mentee-getting-the-most'
    ]);
    expect(server.learningModules.getModule('listening-and-feedback')?.title).toBe('Listening, revised');
  });

  it.each([
    ['not a list', { modules: [] }, /JSON list/],
    ['a schema error', [{ ...starter[0], quiz: [] }], /Module 1: .*quiz/],
    ['a duplicate id', [starter[0], starter[0]], /appears twice/],
    [
      'an unknown resource',
      [{ ...starter[0], lessons: [{ ...starter[0]!.lessons[0]!, resourceIds: ['nowhere'] }] }],
      /no resource "nowhere"/
    ],
    [
      'a link to an unknown resource',
      [{ ...starter[0], lessons: [{ ...starter[0]!.lessons[0]!, body: 'See [x](resource:nowhere).' }] }],
      /no resource "nowhere"/
    ],
    ['an unknown collection', [{ ...starter[0], collection: 'nowhere' }], /unknown collection/]
  ])('refuses %s and writes nothing', (_name, json, message) => {
    const before = JSON.stringify(server.learningModules.listModules());
    expect(() => importModules(server.learningModules, server.resources.store, json)).toThrow(message);
    expect(JSON.stringify(server.learningModules.listModules())).toBe(before);
  });
});

describe('npm run admin:import-modules', () => {
  it('imports a file into MOP_DATA_DIR and reports a bad file with exit code 1', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'modules.json');
    writeFileSync(file, JSON.stringify([{ ...starter[0], id: 'cli-module' }]));
    const cli = path.resolve(import.meta.dirname, '..', 'admin-cli.ts');
    const tsx = path.resolve(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const out = execFileSync(tsx, [cli, 'import-modules', file], {
      env: { ...process.env, MOP_DATA_DIR: server.dataDir },
      encoding: 'utf8'
    });
    expect(out).toMatch(/Modules added: cli-module/);
    expect(ids()).toContain('cli-module');

    writeFileSync(file, '[{"id": "Bad Id"}]');
    let failure: { status: number | null; stderr: string } | null = null;
    try {
      execFileSync(tsx, [cli, 'import-modules', file], {
        env: { ...process.env, MOP_DATA_DIR: server.dataDir },
        encoding: 'utf8',
        stdio: 'pipe'
      });
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/Module 1: /);
  });
});
