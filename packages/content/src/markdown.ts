/**
 * A small Markdown reader for the subset the library is written in, so the PDF, DOCX and PPTX renderers share one
 * structure. The app renders the same Markdown with a full renderer; this subset is chosen so both agree:
 * `#`–`###` headings, paragraphs, `-`/`*` bullets, `- [ ]` checkboxes, `1.` numbered items, `>` quotes, pipe
 * tables, `---` rules; inline `**bold**`, `*italic*`/`_italic_`, `` `code` `` and `[text](href)` links. Lists do not
 * nest. Links to other resources are written `[title](resource:ID)`.
 */

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  href?: string;
}

export interface ListItem {
  spans: Span[];
  /** `undefined` for a plain item, `false`/`true` for an unticked/ticked checkbox. */
  checked?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'quote'; spans: Span[] }
  | { kind: 'table'; header: Span[][]; rows: Span[][][] }
  | { kind: 'rule' };

const BULLET = /^[-*]\s+(.*)$/;
const ORDERED = /^\d+[.)]\s+(.*)$/;
const CHECKBOX = /^\[([ xX])\]\s+(.*)$/;

/**
 * Splits Markdown into blocks with inline spans.
 *
 * @param markdown the body of a resource
 */
export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(trimmed);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, spans: parseInline(heading[2]!.trim()) });
      i++;
      continue;
    }
    if (/^(-{3,}|\*{3,})$/.test(trimmed)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (trimmed.startsWith('>')) {
      const parts: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('>')) parts.push(lines[i++]!.trim().replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', spans: parseInline(parts.join(' ').trim()) });
      continue;
    }
    if (trimmed.startsWith('|') && i + 1 < lines.length && /^\|?\s*:?-{3,}/.test(lines[i + 1]!.trim())) {
      const header = splitRow(trimmed);
      i += 2;
      const rows: Span[][][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(splitRow(lines[i++]!.trim()));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    const ordered = ORDERED.test(trimmed);
    if (ordered || BULLET.test(trimmed)) {
      const pattern = ordered ? ORDERED : BULLET;
      // Items keep their raw text until complete, so inline markup broken across lines still pairs up.
      const raw: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const m = pattern.exec(current.trim());
        if (m && !/^\s{2,}/.test(current)) raw.push(m[1]!);
        else if (current.trim() !== '' && /^\s+/.test(current) && raw.length > 0)
          raw[raw.length - 1] += ' ' + current.trim();
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items: raw.map(listItem) });
      continue;
    }
    const parts: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!.trim()))
      parts.push(lines[i++]!.trim());
    if (parts.length === 0) parts.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', spans: parseInline(parts.join(' ')) });
  }
  return blocks;
}

function listItem(text: string): ListItem {
  const box = CHECKBOX.exec(text);
  return box ? { spans: parseInline(box[2]!), checked: box[1] !== ' ' } : { spans: parseInline(text) };
}

function startsBlock(trimmed: string): boolean {
  return (
    /^#{1,3}\s/.test(trimmed) ||
    trimmed.startsWith('>') ||
    trimmed.startsWith('|') ||
    BULLET.test(trimmed) ||
    ORDERED.test(trimmed)
  );
}

function splitRow(row: string): Span[][] {
  const inner = row.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((cell) => parseInline(cell.trim()));
}

const INLINE = /(\*\*[^*]+\*\*)|(`[^`]+`)|(\[[^\]]+\]\([^)\s]+\))|(\*[^*\s][^*]*\*)|(\b_[^_]+_\b)/g;

/**
 * Splits one line of Markdown into styled spans.
 *
 * @param text inline Markdown
 */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) spans.push({ text: text.slice(last, m.index) });
    const token = m[0];
    if (m[1]) spans.push({ text: token.slice(2, -2), bold: true });
    else if (m[2]) spans.push({ text: token.slice(1, -1), code: true });
    else if (m[3]) {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)!;
      spans.push({ text: link[1]!, href: link[2]! });
    } else spans.push({ text: token.slice(1, -1), italic: true });
    last = m.index + token.length;
  }
  if (last < text.length) spans.push({ text: text.slice(last) });
  return spans;
}

/** The plain text of some spans, without markup. */
export function spansToText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** Every `resource:ID` link target in a Markdown body, for checking that they point at real resources. */
export function resourceLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(resource:([^)\s]+)\)/g)].map((m) => m[1]!);
}
