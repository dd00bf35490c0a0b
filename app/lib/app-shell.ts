/** Where a page rendered in the browser (the shell) starts: app.html's wrapper, then SvelteKit's bootstrap script. */
const SHELL_BODY = /<div style="display: contents">\s*<script>/;

/**
 * Whether `html` is the client-rendered shell (every signed-in page, and every page the service worker opens
 * offline) rather than a page rendered on the server (its content in the wrapper). The shell paints app.html's header
 * bar while the app starts; its styles are inline in its head (svelte.config.js, `inlineStyleThreshold`), so the bar
 * waits for no stylesheet.
 */
export function isAppShell(html: string): boolean {
  return SHELL_BODY.test(html);
}
