import { renderMarkdown } from '$lib/workspace/markdown';

const BLOCKS = 'p, li, br, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, td, th';

/**
 * A message's text as the conversation shows it: rendered and sanitised by the same `renderMarkdown`, then read as
 * text. So a preview never shows what the conversation drops (`<script>…</script>`, event handlers, raw tags).
 * Browser only: it parses the sanitised HTML into an inert document (DOMParser runs no scripts).
 */
export function messagePlainText(markdown: string): string {
  const doc = new DOMParser().parseFromString(renderMarkdown(markdown), 'text/html');
  // Block boundaries become spaces, so "<p>a</p><p>b</p>" reads "a b", not "ab".
  for (const element of doc.body.querySelectorAll(BLOCKS)) element.after(doc.createTextNode(' '));
  return doc.body.textContent ?? '';
}
