import { browser } from '$app/environment';

type Render = (markdown: string) => string;

/** The attribute the body's element carries with its resource's id, so the browser knows which body the server sent. */
const SERVER_BODY_ATTRIBUTE = 'data-resource-body';

/**
 * Shown while a server-rendered page hydrates: Svelte keeps the server's content of an `{@html}` block whose value
 * differs while hydrating, so the body the server rendered stays, and nothing has to be downloaded to show it.
 */
const KEEP_SERVER_HTML = ' ';

let renderer: Promise<Render> | null = null;

/** marked and DOMPurify (about 26 kB gzip): loaded only when the browser has a body to render itself. */
function loadRenderer(): Promise<Render> {
  renderer ??= import('./markdown').then(({ renderMarkdown }) => renderMarkdown);
  renderer.catch(() => (renderer = null));
  return renderer;
}

/**
 * A resource page's body as HTML in the browser. The server renders the body into the page it sends (the strict
 * server profile of markdown.ts), so a page opened from a link, a search engine or a messenger hydrates with no
 * Markdown renderer at all; the renderer is loaded when the browser shows a body the server did not send (a link
 * followed inside the app, an offline start from the service worker).
 */
export class ResourceBody {
  /** The body's HTML; '' until the renderer has loaded. */
  html = $state('');
  #serverRenderedId: string | null;
  #shown: string | null = null;

  constructor() {
    // Read before hydration changes anything: the element the server rendered, if the page came from the server.
    this.#serverRenderedId = browser
      ? (document.querySelector(`[${SERVER_BODY_ATTRIBUTE}]`)?.getAttribute(SERVER_BODY_ATTRIBUTE) ?? null)
      : null;
    if (this.#serverRenderedId !== null) this.html = KEEP_SERVER_HTML;
  }

  /** Shows the body of resource `id` (call from an effect whenever the resource changes). */
  show(id: string | null, markdown: string): void {
    const key = `${id}\n${markdown}`;
    if (key === this.#shown) return;
    this.#shown = key;
    if (id !== null && id === this.#serverRenderedId) return;
    // Another resource than the one the server sent: from now on the browser renders every body.
    this.#serverRenderedId = null;
    this.html = '';
    if (!markdown) return;
    loadRenderer().then(
      (render) => {
        if (this.#shown === key) this.html = render(markdown);
      },
      (error: unknown) => console.error('MOP: could not load the Markdown renderer', error)
    );
  }
}
