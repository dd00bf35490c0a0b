import { escapeHtml } from '$lib/html-escape';

/**
 * The platform's name travels with a page the server rendered: its header, footer and title are in the HTML, and the
 * browser must start from the same name (not "MOP", nor an older one kept on the device) or hydration would replace
 * them until `/api/platform` answers.
 */
const META_NAME = 'mop-platform-name';

/** Adds the name to a rendered page's `<head>` (server side). */
export function withPlatformName(html: string, name: string): string {
  return html.replace('</head>', `<meta name="${META_NAME}" content="${escapeHtml(name)}"></head>`);
}

/** The name the page was rendered with, or null (a page the app rendered itself, such as the offline shell). */
export function renderedPlatformName(doc: Pick<Document, 'querySelector'>): string | null {
  return doc.querySelector(`meta[name="${META_NAME}"]`)?.getAttribute('content') || null;
}
