/** The app's stylesheets as SvelteKit writes them in `%sveltekit.head%`. */
const STYLESHEET_LINKS = /[ \t]*<link href="[^"]+" rel="stylesheet">\n?/g;
/** Where a page rendered in the browser (the shell) starts: app.html's wrapper, then SvelteKit's bootstrap script. */
const SHELL_BODY = /<div style="display: contents">\s*<script>/;

/**
 * In the client-rendered shell (every signed-in page, and every page the service worker opens offline), the
 * stylesheets go from the head to just before the app's wrapper, below app.html's header bar (`.mop-boot`). A
 * stylesheet in the head holds back the whole first paint, and offline each one is an answer from the service worker;
 * one in the body only holds back what follows it, so the bar (styled inline) paints as soon as the HTML is read. The
 * app still starts after them: the bootstrap script below waits for the stylesheets before it runs, and renders into
 * the wrapper. A page rendered here (its content in the wrapper) is left as it is.
 */
export function shellStylesAfterBar(html: string): string {
  if (!SHELL_BODY.test(html)) return html;
  const links = html.match(STYLESHEET_LINKS);
  if (!links) return html;
  const rest = html.replace(STYLESHEET_LINKS, '');
  return rest.replace(SHELL_BODY, (wrapper) => `${links.map((link) => link.trim()).join('\n    ')}\n    ${wrapper}`);
}
