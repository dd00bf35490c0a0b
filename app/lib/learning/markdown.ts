import DOMPurify from 'dompurify';
import { Marked, type Token, type Tokens } from 'marked';
import { PUBLIC_PATHS } from '@mop/shared';
import { escapeHtml } from '$lib/html-escape';

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
/** An image from another site that the page's policy can load when remote images are allowed. */
const HTTPS = /^https:\/\//i;

/**
 * The server's `MOP_REMOTE_IMAGES`, handed over by hooks.server.ts before each server render (one value for the whole
 * process, so concurrent renders agree). In the browser the page's `<html data-remote-images>` says the same.
 */
let serverRemoteImages = false;

/** Called by hooks.server.ts with the server's `MOP_REMOTE_IMAGES`. */
export function setServerRemoteImages(allowed: boolean): void {
  serverRemoteImages = allowed;
}

/** An image on this site: a path (not `//host/…`), or a relative name. */
const LOCAL_IMAGE = /^(?:\/(?!\/)|\.|[^:/]+(?:\/|$))/;

/**
 * Server rendering (the public pages) has no DOM for DOMPurify, so it renders with a stricter marked instead: raw HTML
 * in the Markdown is shown as text and link or image targets other than web, mail and local ones are dropped. A page
 * the server sent keeps this rendering in the browser; bodies the browser shows itself go through DOMPurify
 * (resource-body.svelte.ts).
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
    // Remote images only where the admin allows them (and then https only, as the page's policy says).
    else if (
      token.type === 'image' &&
      !LOCAL_IMAGE.test(link.href.trim()) &&
      !(serverRemoteImages && HTTPS.test(link.href))
    )
      link.href = '';
    else if (!SAFE_URL.test(link.href.trim())) link.href = '#';
  },
  renderer: {
    checkbox,
    html: (token) => escapeHtml(token.text),
    image: ({ href, text }) => (href ? `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">` : escapeHtml(text))
  }
});

/** Form controls a resource never needs; a task list's disabled checkbox is the one `<input>` kept. */
const FORBIDDEN_TAGS = ['form', 'button', 'textarea', 'select', 'option', 'style', 'iframe', 'object', 'embed'];

/**
 * Whether the admin allows images from other sites in resources (`MOP_REMOTE_IMAGES=1`; the server then marks the
 * page `<html data-remote-images="1">` and lets its Content-Security-Policy load them). Off by default: a remote
 * image tells its host who read what, and when.
 */
function remoteImagesAllowed(): boolean {
  return document.documentElement.dataset.remoteImages === '1';
}

/** A DOMPurify instance of our own with the strict profile for resources, so its hooks change no other renderer. */
let purifier: ReturnType<typeof DOMPurify> | null = null;

function resourcePurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'INPUT') {
      // No password fields, no text boxes: a resource cannot pose as a sign-in form.
      if (node.getAttribute('type') === 'checkbox') node.setAttribute('disabled', '');
      else node.remove();
      return;
    }
    if (node.tagName !== 'IMG') return;
    const src = node.getAttribute('src') ?? '';
    if (LOCAL_IMAGE.test(src) || (HTTPS.test(src) && remoteImagesAllowed())) return;
    // Keeps the image's description in the text where the image would have been.
    node.replaceWith(document.createTextNode(node.getAttribute('alt') ?? ''));
  });
  purifier = instance;
  return instance;
}

/**
 * Renders a resource's Markdown to HTML that is safe to insert: parsed by marked (GitHub-flavoured, so tables and
 * task lists work), `resource:ID` links turned into app links, then sanitised by DOMPurify because bodies are written
 * by coordinators and travel through zip files that anyone could edit. The strict profile: no forms or form controls
 * (a disabled task-list checkbox excepted), no inline styles, and no images from other sites unless the admin allows
 * them (docs/security.md).
 */
export function renderMarkdown(markdown: string): string {
  // DOMPurify needs a DOM: during server rendering there is none.
  if (typeof document === 'undefined') return serverMarked.parse(markdown, { async: false });
  const html = marked.parse(markdown, { async: false });
  return resourcePurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: ['style', 'action', 'formaction']
  });
}
