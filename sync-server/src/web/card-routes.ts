import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Catalogue } from '@mop/shared';
import type { Logger } from '../logger.ts';
import { noneMatch } from '../resources/range.ts';
import {
  cardEtag,
  collectionCard,
  learningCenterCard,
  renderCard,
  resourceCard,
  titledCard,
  type CardContent
} from './og-card.ts';

interface CardRouteOptions {
  logger: Logger;
  /** The live catalogue (`GET /api/catalogue`, answered in this process). */
  catalogue(c: Context): Promise<Catalogue>;
  /** The platform's name, as the admin set it. */
  platformName(c: Context): Promise<string>;
}

/** How many drawn cards are kept in memory: drawing one costs about 0.2 s of CPU. */
const KEPT_CARDS = 64;

/**
 * `GET /og/learn.png`, `/og/resource/<id>.png`, `/og/collection/<id>.png`, `/og/pack/<id>.png`,
 * `/og/module/<id>.png`: the Open Graph cards of the public pages (`?lang=` chooses the words of a card whose content
 * has no language of its own). An unknown id is a 404 JSON error, never a 500. Cards carry a strong ETag of what they
 * show and may be cached for an hour; a page's `og:image` adds the content's version, so an edit gets a new address.
 */
export function cardRoutes(options: CardRouteOptions): Hono {
  const app = new Hono();
  // Drawn cards by ETag (the same content always gives the same PNG), oldest first; a draw in progress is shared.
  const drawn = new Map<string, Promise<Uint8Array>>();

  const draw = (etag: string, content: CardContent): Promise<Uint8Array> => {
    const kept = drawn.get(etag);
    if (kept) {
      drawn.delete(etag);
      drawn.set(etag, kept);
      return kept;
    }
    const png = renderCard(content);
    drawn.set(etag, png);
    png.catch(() => drawn.delete(etag));
    while (drawn.size > KEPT_CARDS) drawn.delete(drawn.keys().next().value!);
    return png;
  };

  const notFound = (c: Context) =>
    c.json({ error: { code: 'card_not_found', message: 'There is no public page with this card.' } }, 404);

  const answer = async (c: Context, content: CardContent | undefined): Promise<Response> => {
    if (!content) return notFound(c);
    const etag = cardEtag(content);
    const headers = {
      ETag: etag,
      'Cache-Control': 'public, max-age=3600',
      // Made to be shown on other sites (a messenger's web client, a social network): not same-origin like the rest.
      'Cross-Origin-Resource-Policy': 'cross-origin'
    };
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    try {
      const png = await draw(etag, content);
      return c.body(png.slice().buffer, 200, { ...headers, 'Content-Type': 'image/png' });
    } catch (error) {
      options.logger.error('og card: drawing failed', error);
      return c.json({ error: { code: 'card_unavailable', message: 'The card could not be drawn.' } }, 503);
    }
  };

  /** The id in `<id>.png`, or undefined for any other file name. */
  const idOf = (c: Context): string | undefined => /^(.+)\.png$/.exec(c.req.param('file') ?? '')?.[1];
  const language = (c: Context): string => c.req.query('lang') ?? 'en';

  app.get('/learn.png', async (c) => answer(c, learningCenterCard(language(c), await options.platformName(c))));
  app.get('/:kind/:file', async (c) => {
    const id = idOf(c);
    if (!id) return notFound(c);
    let catalogue: Catalogue, platform: string;
    try {
      [catalogue, platform] = await Promise.all([options.catalogue(c), options.platformName(c)]);
    } catch (error) {
      options.logger.error('og card: the catalogue could not be read', error);
      return c.json({ error: { code: 'card_unavailable', message: 'The card could not be drawn.' } }, 503);
    }
    switch (c.req.param('kind')) {
      case 'resource': {
        const resource = catalogue.resources.find((candidate) => candidate.id === id);
        return answer(c, resource && resourceCard(resource, catalogue, platform));
      }
      case 'collection': {
        const collection = catalogue.collections.find((candidate) => candidate.id === id);
        return answer(c, collection && collectionCard(collection, language(c), platform));
      }
      case 'pack': {
        const pack = catalogue.packs.find((candidate) => candidate.id === id);
        return answer(c, pack && titledCard('pack', pack, platform));
      }
      case 'module': {
        const module = catalogue.modules.find((candidate) => candidate.id === id);
        return answer(c, module && titledCard('module', module, platform));
      }
      default:
        return notFound(c);
    }
  });
  app.all('*', (c) => notFound(c));
  return app;
}
