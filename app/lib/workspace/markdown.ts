import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const marked = new Marked({ gfm: true, breaks: true, async: false });

/** A DOMPurify instance of our own, so the link hook below does not change other renderers' output. */
let purifier: ReturnType<typeof DOMPurify> | null = null;

function ownPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Renders a message's Markdown to HTML that is safe to insert: marked produces the HTML, DOMPurify removes scripts,
 * event handlers and `javascript:` (or any non-http/mailto) links. Links open in a new tab without an opener.
 */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false });
  return ownPurifier().sanitize(html, {
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'img'],
    FORBID_ATTR: ['style']
  });
}
