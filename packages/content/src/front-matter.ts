import { LibraryError } from './errors.ts';

/** A value in front matter: a string, an integer, a boolean or a list of strings. */
export type FrontMatterValue = string | number | boolean | string[];

export interface FrontMatterDocument {
  data: Record<string, FrontMatterValue>;
  /** The Markdown after the closing `---`, with leading blank lines removed. */
  body: string;
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_]*):(?:\s+(.*))?$/;

/**
 * Parses the small, strict subset of YAML front matter the library uses, so a typo fails loudly instead of silently
 * becoming a different value:
 *
 * ```
 * ---
 * id: first-session-checklist
 * title: "First session: a checklist"
 * audience: [mentor, mentee]
 * version: 2
 * sample: true
 * ---
 * ```
 *
 * One `key: value` per line; values are a double-quoted string (with `\"` and `\\` escapes), a `[a, b]` list of
 * plain or quoted strings, `true`/`false`, an integer, or a plain string. Comments (`#` at line start) and blank
 * lines are skipped. Nested maps, multi-line values and duplicate keys are errors.
 *
 * @param text the whole file
 * @param file the file's name, used in error messages
 * @throws LibraryError naming the file and the field (or line) at fault
 */
export function parseFrontMatter(text: string, file: string): FrontMatterDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== '---') throw new LibraryError(file, undefined, 'must start with a front-matter line "---"');
  const end = lines.indexOf('---', 1);
  if (end === -1) throw new LibraryError(file, undefined, 'front matter is not closed with a "---" line');

  const data: Record<string, FrontMatterValue> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = KEY_LINE.exec(line);
    if (!match) throw new LibraryError(file, `line ${i + 1}`, `expected "key: value", got "${line}"`);
    const key = match[1]!;
    if (Object.hasOwn(data, key)) throw new LibraryError(file, key, 'is given twice');
    const raw = (match[2] ?? '').trim();
    if (raw === '') throw new LibraryError(file, key, 'has no value (nested or multi-line values are not supported)');
    data[key] = parseValue(raw, file, key);
  }
  const body = lines
    .slice(end + 1)
    .join('\n')
    .replace(/^\s*\n/, '');
  return { data, body };
}

function parseValue(raw: string, file: string, key: string): FrontMatterValue {
  if (raw.startsWith('"')) return parseQuoted(raw, file, key).value;
  if (raw.startsWith('[')) return parseList(raw, file, key);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (/^['{|>&*!%@`]/.test(raw))
    throw new LibraryError(file, key, `unsupported YAML syntax "${raw}"; use a double-quoted string`);
  if (/:\s|\s#/.test(raw)) throw new LibraryError(file, key, `ambiguous plain value "${raw}"; put it in double quotes`);
  return raw;
}

function parseQuoted(raw: string, file: string, key: string): { value: string; rest: string } {
  let value = '';
  for (let i = 1; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === '"' || next === '\\') {
        value += next;
        i++;
        continue;
      }
      throw new LibraryError(file, key, `unsupported escape "\\${next ?? ''}" in quoted string`);
    }
    if (ch === '"') return finishQuoted(value, raw.slice(i + 1), file, key);
    value += ch;
  }
  throw new LibraryError(file, key, 'quoted string is not closed');
}

function finishQuoted(value: string, rest: string, file: string, key: string): { value: string; rest: string } {
  // Only a list continues after a closing quote; for a plain field anything left over is a mistake.
  if (rest.trim() !== '' && !/^\s*[,\]]/.test(rest))
    throw new LibraryError(file, key, `unexpected text after quoted string: "${rest.trim()}"`);
  return { value, rest };
}

function parseList(raw: string, file: string, key: string): string[] {
  if (!raw.endsWith(']')) throw new LibraryError(file, key, 'list must end with "]" on the same line');
  const items: string[] = [];
  let rest = raw.slice(1).trimStart();
  if (rest === ']') return items;
  while (rest !== '') {
    let item: string;
    if (rest.startsWith('"')) {
      const quoted = parseQuoted(rest, file, key);
      item = quoted.value;
      rest = quoted.rest.trimStart();
    } else {
      const stop = rest.search(/[,\]]/);
      item = rest.slice(0, stop).trim();
      rest = rest.slice(stop);
      if (item === '') throw new LibraryError(file, key, 'list has an empty item');
      if (/["[]/.test(item)) throw new LibraryError(file, key, `list item "${item}" must be quoted`);
    }
    items.push(item);
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (rest === ']') rest = '';
    else throw new LibraryError(file, key, `expected "," or "]" in list, got "${rest}"`);
  }
  return items;
}
