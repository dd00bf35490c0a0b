import type { Handle, HandleFetch } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { getTextDirection } from '$lib/paraglide/runtime.js';
import { setServerRemoteImages } from '$lib/learning/markdown';

/**
 * Server rendering of the public pages: the reader's language comes from the request (Accept-Language; the device's
 * saved choice only exists in the browser), and `<html lang>` follows it.
 */
export const handle: Handle = ({ event, resolve }) => {
  setServerRemoteImages(event.platform?.remoteImages === true);
  return paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) =>
        withoutDefaultHead(
          html
            .replace('%mop.lang%', locale)
            .replace('%mop.dir%', getTextDirection(locale))
            // Read by the resource Markdown sanitiser (app/lib/learning/markdown.ts); the page's CSP matches it.
            .replace('%mop.remote-images%', event.platform?.remoteImages ? '1' : '0')
        )
    });
  });
};

/**
 * A server-side load asks the API of this same process directly (the Hono app, handed over as `platform.apiFetch`)
 * rather than over the network; SvelteKit still inlines the answer in the page so hydration does not ask again.
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (event.platform && url.origin === event.url.origin && url.pathname.startsWith('/api/'))
    return event.platform.apiFetch(request);
  return fetch(request);
};

/**
 * app.html carries a default title and description for the client-rendered shell; a page rendered here brings its own,
 * and two `<title>` elements would make the first (the default) win.
 */
function withoutDefaultHead(html: string): string {
  if ((html.match(/<title>/g) ?? []).length < 2) return html;
  return html.replace(/<!--mop:default-head-->[\s\S]*?<!--\/mop:default-head-->/, '');
}
