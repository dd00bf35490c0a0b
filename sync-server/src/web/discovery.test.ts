import { describe, expect, it } from 'vitest';
import type { Catalogue, Resource } from '@mop/shared';
import { atomFeed, robotsTxt, sitemapXml } from './discovery.ts';

const resource = (id: string, extra: Partial<Resource> = {}): Resource => ({
  id,
  title: `Title of ${id}`,
  summary: 'A summary',
  type: 'page',
  audience: ['mentor'],
  language: 'en',
  topics: [],
  collection: 'mentra',
  order: 0,
  licence: 'CC-BY-NC-SA-4.0',
  attribution: 'PeerMent',
  updatedAt: '2025-06-01',
  version: 1,
  body: 'Text',
  files: [],
  sample: false,
  ...extra
});

const catalogue = (resources: Resource[]): Catalogue =>
  ({ formatVersion: 1, collections: [], resources, packs: [], modules: [] }) as unknown as Catalogue;

describe('discovery files', () => {
  it('lists translations of a resource with hreflang, itself included', () => {
    const xml = sitemapXml(
      catalogue([resource('guide'), resource('guide-it', { language: 'it', translationOf: 'guide' })]),
      'https://mop.example.org'
    );
    expect(xml).toContain('<loc>https://mop.example.org/learn/guide</loc><lastmod>2025-06-01</lastmod>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="it" href="https://mop.example.org/learn/guide-it"/>');
    expect(xml.match(/hreflang="en"/g)).toHaveLength(2);
  });

  it('escapes catalogue text in the feed and puts the newest first', () => {
    const feed = atomFeed(
      catalogue([resource('old'), resource('new', { title: 'Tips & <tricks>', updatedAt: '2025-07-01' })]),
      'https://mop.example.org'
    );
    expect(feed).toContain('<title>Tips &amp; &lt;tricks&gt;</title>');
    expect(feed.indexOf('/learn/new')).toBeLessThan(feed.indexOf('/learn/old'));
    expect(feed).toContain('<updated>2025-07-01T00:00:00Z</updated>');
  });

  it('keeps crawlers out of the signed-in app and points at the sitemap', () => {
    const robots = robotsTxt('https://mop.example.org');
    expect(robots).toContain('Disallow: /mentoring');
    expect(robots).toContain('Allow: /learn');
    expect(robots).toContain('Sitemap: https://mop.example.org/sitemap.xml');
  });
});
