import type { Handle, HandleFetch } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { getTextDirection } from '$lib/paraglide/runtime.js';
import { setServerRemoteImages } from '$lib/learning/markdown';
import { setServerPlatform } from '$lib/cohorts/platform.svelte';
import { withPlatformName } from '$lib/cohorts/rendered-platform-name';
import { PlatformInfoSchema, type PlatformInfo } from '@mop/shared';
import * as v from 'valibot';
import { isAppShell } from '$lib/app-shell';

/** Inter's variable Latin file (fonts.css), whatever its hashed name in the build. */
const LATIN_FONT = /inter-latin-wght-normal[^/]*\.woff2$/;

/**
 * Server rendering of the public pages: the reader's language comes from the request (Accept-Language; the device's
 * saved choice only exists in the browser), and `<html lang>` follows it.
 */
export const handle: Handle = async ({ event, resolve }) => {
  setServerRemoteImages(event.platform?.remoteImages === true);
  const info = await platformInfo(event.platform, event.url);
  const demo = info?.demo ?? false;
  setServerPlatform(info);
  return paraglideMiddleware(event.request, async ({ request, locale }) => {
    event.request = request;
    let shell = false;
    const response = await resolve(event, {
      // Inter's Latin file (English, Italian, Spanish) is preloaded with the page's scripts and styles: found only
      // when the styles are parsed, it arrived after the first paint and the swap moved every line of text.
      preload: ({ type, path }) => type === 'js' || type === 'css' || (type === 'font' && LATIN_FONT.test(path)),
      transformPageChunk: ({ html }) => {
        const rendered = withoutDefaultHead(
          html
            .replace('%mop.lang%', locale)
            .replace('%mop.dir%', getTextDirection(locale))
            // Read by the resource Markdown sanitiser (app/lib/learning/markdown.ts); the page's CSP matches it.
            .replace('%mop.remote-images%', event.platform?.remoteImages ? '1' : '0')
            // The demo banner is rendered with the page (not added when the app has asked the server, which moved the
            // whole page down); the browser reads it back from here (platform.svelte.ts).
            .replace('%mop.demo%', demo ? '1' : '0')
        );
        shell = isAppShell(rendered);
        // A rendered page names the platform (header, footer, title); the browser starts from the same name. The shell
        // names nothing yet and is kept offline, where the name last known on the device is fresher.
        return shell || !info ? rendered : withPlatformName(rendered, info.name);
      }
    });
    // The shell (isAppShell) does not preload Inter: in a Chromium trace of an offline start its first paint
    // waited for the preloaded font, and that paint is the header bar, which has no text. The app asks for the font
    // as it starts (the root +layout.ts), before it renders any text.
    // A page rendered here (the public learning center) does not preload the app's modules: it is read before it is
    // used, so its text, styles (inline) and Inter come first, and the modules are asked for when the page's
    // bootstrap script runs, at the end of the HTML. With the ~60 modulepreloads in this header they were requested
    // with the HTML, and on a slow phone connection the text waited for them (Lighthouse, mobile, /learn with the
    // styles inline too: first paint 2.1 → 1.4 s, largest paint 3.3 → 2.0 s; docs/benchmarks.md, issue 16, sixth
    // round). The price: the page is interactive a few round trips later, as the browser finds the modules' imports
    // level by level; links work without it.
    const dropped = shell ? 'as="font"' : 'rel="modulepreload"';
    const link = response.headers.get('link');
    if (link)
      response.headers.set(
        'link',
        link
          .split(/,\s*/)
          .filter((entry) => !entry.includes(dropped))
          .join(', ')
      );
    return response;
  });
};

/**
 * The platform's name and whether this server holds demo data (`/api/platform`, answered in this process; an admin
 * may rename the platform or remove the data at any time); null when it cannot be told.
 */
async function platformInfo(platform: App.Platform | undefined, url: URL): Promise<PlatformInfo | null> {
  if (!platform) return null;
  try {
    const response = await platform.apiFetch(
      new Request(new URL('/api/platform', url), { headers: { accept: 'application/json' } })
    );
    return v.parse(PlatformInfoSchema, await response.json());
  } catch {
    return null;
  }
}

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
