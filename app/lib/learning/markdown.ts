import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/** The app's page for a resource; `resource:ID` links in Markdown point here. */
export const resourcePath = (id: string): string => `/learn/${encodeURIComponent(id)}`;

const marked = new Marked({
  gfm: true,
  async: false,
  walkTokens(token) {
    if (token.type !== 'link') return;
    const link = token as Tokens.Link;
    const match = /^resource:([a-z0-9-]+)$/.exec(link.href);
    if (match?.[1]) link.href = resourcePath(match[1]);
  }
});

/**
 * Renders a resource's Markdown to HTML that is safe to insert: parsed by marked (GitHub-flavoured, so tables and
 * task lists work), `resource:ID` links turned into app links, then sanitised by DOMPurify because bodies are written
 * by coordinators and travel through zip files that anyone could edit.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
