import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkspaceError } from '@mop/shared';
import { locales } from '$lib/paraglide/runtime.js';
import { ApiRequestError, NetworkError } from './api';
import { failureKind, loadServerErrorMessages, messageFor, problemFor } from './errors';
import { SERVER_ERROR_MESSAGES, type ServerErrorCode } from './server-error-messages';

const root = new URL('../../../', import.meta.url).pathname;
const SENTINEL = 'SERVER-ENGLISH-SENTINEL';
/** Codes whose message names the field or pair to fix: their translation carries the server's detail. */
const WITH_DETAIL: ServerErrorCode[] = [
  'already_invited',
  'collection_in_use',
  'csv_has_problems',
  'invalid_request',
  'matching_conflict',
  'not_matchable',
  'participant_has_pair',
  'rule_violated'
];

/** Every `code` the server can put in `{ error: { code, message } }`, read from its source. */
function serverCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const source = readFileSync(path, 'utf8');
        // `new ApiRefusal(404, 'not_found', …)`, `apiError(c, 404, 'not_found', …)`, `{ code: 'not_found', … }`.
        for (const match of source.matchAll(/\b[1-5]\d\d,\s*'([a-z_]+)'/g)) codes.add(match[1]!);
        for (const match of source.matchAll(/\bcode:\s*'([a-z_]+)'/g)) codes.add(match[1]!);
      }
    }
  };
  walk(join(root, 'sync-server/src'));
  return codes;
}

// The API client loads the codes' translations before it throws a refusal; these tests make the errors themselves.
beforeAll(() => loadServerErrorMessages());
afterEach(() => vi.unstubAllGlobals());

describe('messageFor', () => {
  it('knows every code the server emits', () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((code) => !(code in SERVER_ERROR_MESSAGES))).toEqual([]);
  });

  for (const locale of locales) {
    it(`translates every known code in ${locale}, with the server's English only as a named detail`, () => {
      const english = new Map<string, string>();
      for (const code of Object.keys(SERVER_ERROR_MESSAGES) as ServerErrorCode[]) {
        const text = messageFor(new ApiRequestError(400, code, SENTINEL), { locale });
        expect(text.trim(), code).not.toBe('');
        expect(text.includes(SENTINEL), code).toBe(WITH_DETAIL.includes(code));
        expect(text, code).not.toBe(messageFor(new ApiRequestError(400, 'no_such_code', SENTINEL), { locale }));
        if (locale !== 'en') english.set(code, messageFor(new ApiRequestError(400, code, SENTINEL), { locale: 'en' }));
        if (locale !== 'en') expect(text, `${code} is not translated`).not.toBe(english.get(code));
      }
    });
  }

  it('falls back to a translated sentence that quotes the server for a code it does not know', () => {
    const error = new ApiRequestError(409, 'brand_new_code', 'Something newer servers say');
    expect(messageFor(error, { locale: 'it' })).toBe('Il server non ha accettato: Something newer servers say');
    expect(failureKind(error)).toBe('refused');
  });

  it('does not show the server English for a known code', () => {
    const error = new ApiRequestError(401, 'invalid_credentials', 'Email or password is incorrect');
    expect(messageFor(error, { locale: 'es' })).toBe('El correo o la contraseña no son correctos.');
  });

  it('tells offline from an unreachable server', () => {
    vi.stubGlobal('navigator', { onLine: false });
    expect(messageFor(new NetworkError(new TypeError('Failed to fetch')), { locale: 'en' })).toMatch(/You are offline/);
    vi.stubGlobal('navigator', { onLine: true });
    expect(messageFor(new NetworkError(new TypeError('Failed to fetch')), { locale: 'en' })).toMatch(
      /could not be reached/
    );
    expect(failureKind(new TypeError('Failed to fetch'))).toBe('offline');
  });

  it('names timeouts, a full device and a broken IndexedDB', () => {
    expect(messageFor(new DOMException('timed out', 'TimeoutError'), { locale: 'en' })).toMatch(/too long/);
    const quota = Object.assign(new Error('QuotaExceededError Quota exceeded'), {
      name: 'AbortError',
      inner: new DOMException('full', 'QuotaExceededError')
    });
    // Dexie reports a quota failure as an aborted transaction whose `inner` is the QuotaExceededError.
    expect(failureKind(Object.assign(new Error('x'), { name: 'OpenFailedError' }))).toBe('storage');
    expect(messageFor(Object.assign(new Error('x'), { name: 'OpenFailedError' }), { locale: 'en' })).toMatch(/storage/);
    expect(
      messageFor(Object.assign(new Error('x'), { name: 'BulkError', inner: quota.inner }), { locale: 'en' })
    ).toMatch(/no room left/);
  });

  it('translates workspace refusals and keeps the detail of bad input', () => {
    expect(messageFor(new WorkspaceError('forbidden', 'Only the author edits a reflection'), { locale: 'it' })).toBe(
      'Non hai il permesso di farlo.'
    );
    expect(messageFor(new WorkspaceError('invalid_input', 'title is required'), { locale: 'en' })).toBe(
      'Check what you entered (title is required).'
    );
  });

  it('keeps reader-facing app errors and quotes unexpected ones', () => {
    const importError = Object.assign(new Error('This file is not a zip archive, or it is damaged.'), {
      name: 'PackImportError'
    });
    expect(messageFor(importError, { locale: 'en' })).toBe('This file is not a zip archive, or it is damaged.');
    expect(messageFor(new Error('boom'), { locale: 'en' })).toBe('Something went wrong: boom');
    expect(messageFor('plain string', { locale: 'es' })).toBe('Algo ha fallado: plain string');
  });

  it('lets a page word a kind or a code its own way', () => {
    const forbidden = new ApiRequestError(403, 'forbidden', 'nope');
    expect(messageFor(forbidden, { wording: { forbidden: 'Members only' } })).toBe('Members only');
    expect(messageFor(new ApiRequestError(409, 'already_published', 'x'), { wording: { refused: 'R' } })).toBe('R');
    expect(problemFor(new ApiRequestError(404, 'not_found', 'x'), { locale: 'en' }).kind).toBe('not-found');
  });

  it('treats any failure while the device is offline as offline', () => {
    vi.stubGlobal('navigator', { onLine: false });
    const problem = problemFor(new ApiRequestError(500, 'internal_error', 'x'), {
      wording: { offline: 'Needs a link' }
    });
    expect(problem).toEqual({ kind: 'offline', message: 'Needs a link' });
  });
});

describe('messageFor and this device', () => {
  it('says a pair not yet saved on this device needs one connection', () => {
    const error = Object.assign(new Error('Not saved on this device yet'), { name: 'NotAvailableOfflineError' });
    expect(failureKind(error)).toBe('offline');
    expect(messageFor(error, { locale: 'en' })).toMatch(/not been saved on this device/);
  });
});
