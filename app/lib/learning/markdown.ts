import DOMPurify from 'dompurify';
import { Marked, type Token, type Tokens } from 'marked';
import { PUBLIC_PATHS } from '@mop/shared';

/** The app's page for a resource; `resource:ID` links in Markdown point here. */
export const resourcePath = PUBLIC_PATHS.resource;

/** A task-list checkbox (`- [ ] …`) with the text of its item, so it has an accessible name. */
type LabelledCheckbox = Tokens.Checkbox & { label?: string };

/**
 * Names each task-list checkbox after its item's first line: a checkbox without a label is announced as just
 * "checkbox" (axe-core's `label` rule).
 */
function labelTaskCheckbox(token: Token): void {
  if (token.type !== 'list_item') return;
  const item = token as Tokens.ListItem;
  if (!item.task) return;
  const first = item.tokens[0];
  const nested = first && 'tokens' in first && Array.isArray(first.tokens) ? first.tokens : [];
  const checkbox = [...item.tokens, ...nested].find((child) => child.type === 'checkbox') as
    LabelledCheckbox | undefined;
  if (checkbox) checkbox.label = item.text.split('\n')[0]?.trim() ?? '';
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const checkbox = ({ checked, label }: LabelledCheckbox) =>
  `<input ${checked ? 'checked="" ' : ''}disabled="" type="checkbox"${label ? ` aria-label="${escapeHtml(label)}"` : ''}> `;

const marked = new Marked({
  gfm: true,
  async: false,
  walkTokens(token) {
    labelTaskCheckbox(token);
    if (token.type !== 'link') return;
    const link = token as Tokens.Link;
    const match = /^resource:([a-z0-9-]+)$/.exec(link.href);
    if (match?.[1]) link.href = resourcePath(match[1]);
  },
  renderer: { checkbox }
});

/** Link targets a server-rendered page may carry: web, mail, and paths or anchors on this site. */
const SAFE_URL = /^(?:https?:|mailto:|\/|#|\.|[^:]*$)/i;

/**
 * Server rendering (the public pages) has no DOM for DOMPurify, so it renders with a stricter marked instead: raw HTML
 * in the Markdown is shown as text and link or image targets other than web, mail and local ones are dropped. The
 * browser renders the same body through DOMPurify after hydration.
 */
const serverMarked = new Marked({
  gfm: true,
  async: false,
  walkTokens(token) {
    labelTaskCheckbox(token);
    if (token.type !== 'link' && token.type !== 'image') return;
    const link = token as Tokens.Link | Tokens.Image;
    const match = /^resource:([a-z0-9-]+)$/.exec(link.href);
    if (match?.[1]) link.href = resourcePath(match[1]);
    else if (!SAFE_URL.test(link.href.trim())) link.href = '#';
  },
  renderer: {
    checkbox,
    html: (token) => escapeHtml(token.text)
  }
});

/**
 * Renders a resource's Markdown to HTML that is safe to insert: parsed by marked (GitHub-flavoured, so tables and
 * task lists work), `resource:ID` links turned into app links, then sanitised by DOMPurify because bodies are written
 * by coordinators and travel through zip files that anyone could edit.
 */
export function renderMarkdown(markdown: string): string {
  // DOMPurify needs a DOM: during server rendering there is none.
  if (typeof document === 'undefined') return serverMarked.parse(markdown, { async: false });
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
