import type { Catalogue, Certificate } from '@mop/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, useStackAndBrowser, watchErrors } from './harness.ts';

/**
 * The public learning center is real HTML: every kind of public page answers with its content and its search-engine
 * and link-preview tags with JavaScript off, and the sitemap, robots.txt and feed follow the live catalogue.
 */
describe('public pages', () => {
  const suite = useStackAndBrowser();

  async function api<T>(
    path: string,
    init: RequestInit & { cookie?: string } = {}
  ): Promise<{ body: T; cookie: string }> {
    const response = await fetch(`${suite.stack.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        origin: suite.stack.url,
        ...(init.cookie ? { cookie: init.cookie } : {})
      }
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return { body: (await response.json()) as T, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
  }

  let publishedCount = 0;
  /** A resource a coordinator publishes during the test, with a phrase found nowhere else. */
  async function publishResource(): Promise<{ id: string; title: string; phrase: string }> {
    const { cookie } = await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'coordinator@example.org', password: DEMO_PASSWORD })
    });
    const catalogue = (await api<Catalogue>('/api/catalogue')).body;
    const phrase = `Listening without fixing, ${Date.now()}`;
    publishedCount += 1;
    const title = `Reflective listening <in> practice ${publishedCount}`;
    const { body } = await api<{ id: string }>('/api/resources', {
      method: 'POST',
      cookie,
      body: JSON.stringify({
        title,
        summary: 'How a mentor listens first & advises later.',
        type: 'page',
        audience: ['mentor'],
        language: 'en',
        collection: catalogue.collections[0]!.id,
        body: `## In practice\n\n${phrase}.\n\n<script>alert("no")</script>`
      })
    });
    return { id: body.id, title, phrase };
  }

  /** A certificate earned by answering a module's quiz right. */
  async function earnCertificate(catalogue: Catalogue): Promise<Certificate> {
    const module = catalogue.modules[0]!;
    const answers = Object.fromEntries(module.quiz.map((question) => [question.id, question.answer]));
    const { body } = await api<Certificate>(`/api/modules/${module.id}/certificates`, {
      method: 'POST',
      body: JSON.stringify({
        requestId: `public-pages-${Date.now()}`,
        learnerName: 'Ada Lovelace',
        answers,
        moduleVersion: module.version,
        completedAt: new Date().toISOString()
      })
    });
    return body;
  }

  async function noScriptPage(): Promise<Page> {
    const context = await suite.browser.newContext({
      baseURL: suite.stack.url,
      javaScriptEnabled: false,
      locale: 'en-US'
    });
    return context.newPage();
  }

  async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
    return scripts.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  /** A PNG's width and height, from its header. */
  function pngSize(bytes: Uint8Array): { width: number; height: number } {
    expect([...bytes.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }

  it('renders every kind of public page with JavaScript off, with its tags, licence and funding notice', async () => {
    const published = await publishResource();
    const catalogue = (await api<Catalogue>('/api/catalogue')).body;
    const certificate = await earnCertificate(catalogue);
    const translated = catalogue.resources.find((resource) => resource.translationOf !== undefined)!;
    const module = catalogue.modules[0]!;
    const pack = catalogue.packs[0]!;
    const collection = catalogue.collections[0]!;
    const pages: { path: string; title: string; text: string; ldType?: string }[] = [
      { path: '/learn', title: 'Learning center', text: collection.title },
      { path: `/learn/${published.id}`, title: published.title, text: published.phrase, ldType: 'LearningResource' },
      {
        path: `/learn/${translated.id}`,
        title: translated.title,
        text: translated.summary,
        ldType: 'LearningResource'
      },
      {
        path: `/learn/collections/${collection.id}`,
        title: collection.title,
        text: collection.summary,
        ldType: 'Collection'
      },
      { path: '/learn/packs', title: 'Resource packs', text: pack.title },
      { path: `/learn/packs/${pack.id}`, title: pack.title, text: pack.purpose, ldType: 'Collection' },
      { path: '/learn/modules', title: 'Self-learning modules', text: module.title },
      { path: `/learn/modules/${module.id}`, title: module.title, text: module.summary, ldType: 'Course' },
      {
        path: `/learn/modules/${module.id}/lessons/${module.lessons[0]!.id}`,
        title: module.lessons[0]!.title,
        text: module.lessons[0]!.title
      },
      { path: '/verify', title: 'Check a certificate', text: 'Certificate code' },
      { path: `/verify/${certificate.code}`, title: certificate.code, text: 'Ada Lovelace' }
    ];

    const page = await noScriptPage();
    const cards = new Set<string>();
    const titles = new Set<string>();
    const descriptions = new Set<string>();
    for (const expected of pages) {
      const response = await page.goto(expected.path);
      expect(response?.status(), expected.path).toBe(200);
      const title = await page.title();
      expect(title, expected.path).toContain(expected.title);
      titles.add(title);
      expect(await page.locator('main').textContent(), expected.path).toContain(expected.text);
      // Every public page: one description, a canonical link to itself, a link preview with an image.
      expect(await page.locator('meta[name="description"]').count(), expected.path).toBe(1);
      descriptions.add((await page.locator('meta[name="description"]').getAttribute('content')) ?? '');
      expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(
        `${suite.stack.url}${expected.path}`
      );
      expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBeTruthy();
      // The card: an absolute URL of a PNG the server draws, its size and a text alternative; a large card on Twitter.
      const image = await page.locator('meta[property="og:image"]').getAttribute('content');
      expect(image, expected.path).toMatch(/^http:\/\/[^/]+\/og\/.+\.png(\?.*)?$/);
      cards.add(image!);
      expect(await page.locator('meta[property="og:image:width"]').getAttribute('content')).toBe('1200');
      expect(await page.locator('meta[property="og:image:height"]').getAttribute('content')).toBe('630');
      expect(await page.locator('meta[property="og:image:alt"]').getAttribute('content')).toBeTruthy();
      expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image');
      expect(await page.locator('meta[name="twitter:image"]').getAttribute('content')).toBe(image);
      // The licence and the EU funding notice with the emblem from this server.
      expect(await page.locator('a[rel="license"]').first().getAttribute('href')).toContain('by-nc-sa/4.0');
      expect(await page.getByText('Funded by the European Union. Views and opinions').count()).toBeGreaterThan(0);
      expect(await page.locator('img[src="/eu-emblem.svg"]').getAttribute('alt')).toBe('Flag of the European Union');
      const data = await jsonLd(page);
      if (expected.ldType) {
        expect(
          data.map((item) => item['@type']),
          expected.path
        ).toContain(expected.ldType);
        expect(data[0]!['@context']).toBe('https://schema.org');
      }
    }
    expect(titles.size, 'every page has its own title').toBe(pages.length);
    expect(descriptions.size, 'every page has its own description').toBe(pages.length);
    // Every card answers a PNG of 1200×630 (the new resource's too, drawn from the live catalogue).
    for (const card of cards) {
      const response = await fetch(card);
      expect(response.status, card).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(pngSize(new Uint8Array(await response.arrayBuffer())), card).toEqual({ width: 1200, height: 630 });
    }
    expect([...cards].some((card) => card.includes(`/og/resource/${published.id}.png`))).toBe(true);
    const unknown = await fetch(`${suite.stack.url}/og/resource/no-such-resource.png`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('card_not_found');

    // The new resource: its Markdown rendered, raw HTML shown as text (no script reaches the page).
    await page.goto(`/learn/${published.id}`);
    expect(await page.locator('main h2', { hasText: 'In practice' }).count()).toBe(1);
    expect(await page.locator('main script').count()).toBe(0);
    const [resourceLd] = await jsonLd(page);
    expect(resourceLd).toMatchObject({
      name: published.title,
      inLanguage: 'en',
      license: 'https://creativecommons.org/licenses/by-nc-sa/4.0/'
    });

    // A module is a schema.org Course with its language and the licence.
    await page.goto(`/learn/modules/${module.id}`);
    expect((await jsonLd(page)).find((item) => item['@type'] === 'Course')).toMatchObject({
      name: module.title,
      inLanguage: module.language,
      license: 'https://creativecommons.org/licenses/by-nc-sa/4.0/'
    });

    // Translations link to each other with hreflang; the article carries its own language.
    await page.goto(`/learn/${translated.id}`);
    const hreflangs = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('hreflang')));
    expect(hreflangs).toContain(translated.language);
    expect(hreflangs.length).toBeGreaterThan(1);
    expect(await page.locator('article').getAttribute('lang')).toBe(translated.language);

    // An unknown resource, collection, pack, module or lesson is a real 404 (not a "not found" page with 200), and
    // offers the learning center; a certificate's page names a person, so search engines are asked not to list it.
    for (const missing of [
      '/learn/no-such-resource',
      '/learn/collections/no-such-collection',
      '/learn/packs/no-such-pack',
      '/learn/modules/no-such-module',
      `/learn/modules/${module.id}/lessons/no-such-lesson`
    ]) {
      const response = await page.goto(missing);
      expect(response?.status(), missing).toBe(404);
      expect(await page.locator('h1').textContent(), missing).toBe('Page not found');
      expect(await page.getByTestId('error-learn').getAttribute('href')).toBe('/learn');
    }
    await page.goto(`/verify/${certificate.code}`);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');

    // The verification form works without JavaScript too.
    await page.goto('/verify');
    await page.getByLabel('Certificate code').fill(certificate.code.toLowerCase());
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByTestId('verify-name').waitFor();
    expect(await page.getByTestId('verify-name').textContent()).toBe('Ada Lovelace');
    await page.context().close();
  });

  it('serves the page in the reader language and hydrates it into the app', async () => {
    const italian = await suite.browser.newContext({
      baseURL: suite.stack.url,
      javaScriptEnabled: false,
      locale: 'it-IT'
    });
    const page = await italian.newPage();
    await page.goto('/learn');
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.title()).toContain('Centro di apprendimento');
    await italian.close();

    // With JavaScript the same HTML becomes the app: the search filters the list with no page load.
    const device = await suite.device();
    const app = await device.newPage();
    const errors: string[] = [];
    watchErrors(app, 'visitor', errors);
    await app.goto('/learn');
    await app.getByLabel('Search resources').fill('checklist');
    await expect.poll(() => app.getByTestId('learn-results').count()).toBe(1);

    // A search typed into the server-rendered page before the app's code has arrived (a slow phone) is kept when the
    // page hydrates, filters the list and goes into the address, with no error. (A new device: on the first one the
    // service worker would serve the held scripts from its cache.)
    const slow = await (await suite.device()).newPage();
    watchErrors(slow, 'slow visitor', errors);
    let release = (): void => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await slow.route('**/_app/immutable/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await slow.goto('/learn', { waitUntil: 'domcontentloaded' });
    await slow.getByLabel('Search resources').fill('checklist');
    release();
    // The held scripts now load and the page hydrates, which takes a while on a busy machine.
    await expect.poll(() => slow.getByTestId('learn-results').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => new URL(slow.url()).searchParams.get('q'), { timeout: 5_000 }).toBe('checklist');
    expect(errors).toEqual([]);
  });

  it('lists a new resource at once in the sitemap and the feed, and keeps crawlers out of the signed-in app', async () => {
    const published = await publishResource();
    const sitemap = await (await fetch(`${suite.stack.url}/sitemap.xml`)).text();
    expect(sitemap).toContain(`<loc>${suite.stack.url}/learn/${published.id}</loc>`);
    expect(sitemap).toMatch(/<xhtml:link rel="alternate" hreflang="it"/);
    const feed = await fetch(`${suite.stack.url}/feed.xml`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await feed.text();
    expect(atom).toContain(`<id>${suite.stack.url}/learn/${published.id}</id>`);
    expect(atom).toContain(`<title>${published.title.replace('<', '&lt;').replace('>', '&gt;')}</title>`);
    const robots = await (await fetch(`${suite.stack.url}/robots.txt`)).text();
    expect(robots).toContain('Disallow: /mentoring');
    expect(robots).toContain('Disallow: /api/');
    for (const signedIn of ['/account', '/admin', '/manage', '/programmes', '/reset-password'])
      expect(robots).toContain(`Disallow: ${signedIn}\n`);
    expect(robots).toContain(`Sitemap: ${suite.stack.url}/sitemap.xml`);
    expect(robots).not.toMatch(/^Disallow: \/learn$/m);
    // A signed-in page stays client-rendered: the shell, without the learning center's content.
    const mentoring = await (await fetch(`${suite.stack.url}/mentoring`)).text();
    expect(mentoring).not.toContain('application/ld+json');
    expect(mentoring).toContain('<title>MOP — Mentoring Online Platform</title>');
  });
  it('sends a public page with its styles inline and no module preloads; the shell without the font preload', async () => {
    // What the browser is asked to fetch before it can paint: a public page's text comes first (hooks.server.ts).
    const learn = await fetch(`${suite.stack.url}/learn`);
    const html = await learn.text();
    expect(learn.headers.get('link') ?? '').not.toContain('modulepreload');
    expect(learn.headers.get('link') ?? '').toContain('as="font"');
    expect(html).toMatch(/<style>[^<]*\.svelte-[a-z0-9]+\{/);
    // SvelteKit keeps the inlined files as disabled links (the app knows them as loaded); none holds back the paint.
    expect(html).not.toMatch(/<link href="[^"]+" rel="stylesheet">/);
    const shell = await fetch(`${suite.stack.url}/mentoring`);
    expect(shell.headers.get('link') ?? '').not.toContain('as="font"');
    expect(shell.headers.get('link') ?? '').toContain('modulepreload');
    expect(await shell.text()).not.toMatch(/<link href="[^"]+" rel="stylesheet">/);
  });

  it('lands a visitor in the learning center, and offers it on the 404 page; signed in, home stays', async () => {
    // Without JavaScript (a crawler, a first visit) the server sends a visitor from / to the learning center.
    const noScript = await noScriptPage();
    const response = await noScript.goto('/');
    expect(new URL(noScript.url()).pathname).toBe('/learn');
    expect(response?.status()).toBe(200);
    expect(await noScript.title()).toContain('Learning center');
    // The service worker's fetch of the shell (no text/html asked for) still gets the shell, not a redirect.
    const shell = await fetch(`${suite.stack.url}/`, { redirect: 'manual' });
    expect(shell.status).toBe(200);
    await noScript.context().close();

    const errors: string[] = [];
    const visitor = await (await suite.device()).newPage();
    watchErrors(visitor, 'visitor', errors);
    await visitor.goto('/');
    await visitor.waitForURL('**/learn');
    await visitor.getByRole('heading', { level: 1, name: 'Learning center' }).waitFor();
    await visitor.goto('/no-such-page');
    await visitor.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await visitor.getByTestId('error-learn').getAttribute('href')).toBe('/learn');
    expect(await visitor.getByTestId('error-home').count()).toBe(0);
    expect(await visitor.getByText('Back to my mentoring').count()).toBe(0);
    await visitor.getByTestId('error-learn').click();
    await visitor.waitForURL('**/learn');

    // Signed in: / still opens the person's home, and the 404 page links to it as well as to the learning center.
    const mentor = await (await suite.device()).newPage();
    watchErrors(mentor, 'mentor', errors);
    await login(mentor, 'mentor@example.org');
    await mentor.goto('/');
    await mentor.waitForURL('**/mentoring**');
    await mentor.goto('/no-such-page');
    await mentor.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await mentor.getByTestId('error-home').textContent()).toBe('Go to my mentoring');
    expect(await mentor.getByTestId('error-home').getAttribute('href')).toBe('/mentoring');
    expect(await mentor.getByTestId('error-learn').count()).toBe(1);

    // In Italian, the 404 page speaks Italian.
    const italianContext = await suite.browser.newContext({ baseURL: suite.stack.url, locale: 'it-IT' });
    const italian = await italianContext.newPage();
    await italian.goto('/no-such-page');
    await italian.getByRole('heading', { level: 1, name: 'Pagina non trovata' }).waitFor();
    expect(await italian.getByTestId('error-learn').textContent()).toBe('Vai al centro di apprendimento');
    await italianContext.close();
    expect(errors).toEqual([]);
  });
});
