import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import satori from 'satori';
import { CARD_SIZE, type Catalogue, type Collection, type LearningModule, type Pack, type Resource } from '@mop/shared';
import { appMessages, type AppMessages } from '../http/app-messages.ts';

/**
 * The Open Graph card of a public page: a 1200×630 PNG that messengers and social networks show in a link preview
 * (they do not show SVG), drawn from the live catalogue on request, so a resource a coordinator has just published has
 * its card at once. satori lays the card out (flexbox, text wrapping, a self-hosted Inter font) into an SVG, and
 * resvg (WebAssembly: no native build) rasterises it.
 */

const { width: CARD_WIDTH, height: CARD_HEIGHT } = CARD_SIZE;
/** Goes up when the drawing changes, so cached cards are redrawn (part of the ETag). */
const CARD_DESIGN = 1;

/** What a card shows. */
export interface CardContent {
  /** The kind of page: a resource's type, "Collection", "Resource pack", "Self-learning module"… */
  kind: string;
  /** Where it belongs (a resource's collection), if anywhere. */
  context?: string | undefined;
  title: string;
  /** The content's language (BCP 47), shown as a chip; none for a page of every language. */
  language?: string | undefined;
  /** The platform's name (MOP until the admin names it). */
  platform: string;
  /** The language of the card's own words. */
  labels: CardLabels;
}

interface CardLabels {
  learningCenter: string;
  euFunded: string;
}

type Messages = AppMessages;
/** The card's words in `language` (the content's own), else English: the same translations as the app's. */
const messages = appMessages;

function labels(words: Messages): CardLabels {
  return { learningCenter: words['og_card_learning_center']!, euFunded: words['public_eu_funded']! };
}

const TYPE_KEYS: Record<Resource['type'], string> = {
  guide: 'learn_type_guide',
  worksheet: 'learn_type_worksheet',
  'reflection-exercise': 'learn_type_reflection_exercise',
  'slide-deck': 'learn_type_slide_deck',
  'video-link': 'learn_type_video_link',
  page: 'learn_type_page'
};

/** The card of a resource: its type and collection, in its own language. */
export function resourceCard(resource: Resource, catalogue: Catalogue, platform: string): CardContent {
  const words = messages(resource.language);
  const collection = catalogue.collections.find((candidate) => candidate.id === resource.collection);
  return {
    kind: words[TYPE_KEYS[resource.type]] ?? resource.type,
    context: collection?.title,
    title: resource.title,
    language: resource.language,
    platform,
    labels: labels(words)
  };
}

export function collectionCard(collection: Collection, interfaceLanguage: string, platform: string): CardContent {
  const words = messages(interfaceLanguage);
  return { kind: words['og_card_collection']!, title: collection.title, platform, labels: labels(words) };
}

/** The card of a pack or a module: its kind and title, in its own language. */
export function titledCard(
  kind: 'pack' | 'module',
  item: Pick<Pack | LearningModule, 'title' | 'language'>,
  platform: string
): CardContent {
  const words = messages(item.language);
  return {
    kind: words[kind === 'pack' ? 'og_card_pack' : 'modules_kicker']!,
    title: item.title,
    language: item.language,
    platform,
    labels: labels(words)
  };
}

/** The learning center's own card, the default of every public page without one of its own. */
export function learningCenterCard(interfaceLanguage: string, platform: string): CardContent {
  const words = messages(interfaceLanguage);
  return {
    kind: words['learn_title']!,
    title: words['og_card_tagline']!,
    platform,
    labels: labels(words)
  };
}

/** A strong ETag of what the card shows: the same content gives the same PNG. */
export function cardEtag(content: CardContent): string {
  return `"og${CARD_DESIGN}-${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 27)}"`;
}

// ---- Drawing ----

const require = createRequire(import.meta.url);

interface Assets {
  fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[];
  logo: string;
  emblem: string;
}

let assets: Promise<Assets> | undefined;

const dataUri = (svg: string): string => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

// The app's icon (static/icons/icon.svg) and the EU emblem (static/eu-emblem.svg), kept here so the server does not
// depend on where the app's build is.
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="112" fill="#1f4e5f"/>' +
  '<path d="M128 344c0-62 40-104 96-104M384 344c0-62-40-104-96-104" fill="none" stroke="#f6f5f1" stroke-width="28" stroke-linecap="round"/>' +
  '<circle cx="200" cy="176" r="44" fill="#f6f5f1"/><circle cx="312" cy="176" r="44" fill="#f2b56b"/>' +
  '<rect x="150" y="364" width="212" height="28" rx="14" fill="#f2b56b"/></svg>';

function emblemSvg(): string {
  // Twelve five-pointed gold stars on a circle, on the blue flag (3:2).
  const stars: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    const angle = (index * Math.PI) / 6;
    const cx = 405 + 180 * Math.sin(angle);
    const cy = 270 - 180 * Math.cos(angle);
    const points: string[] = [];
    for (let point = 0; point < 10; point += 1) {
      const radius = point % 2 === 0 ? 30 : 12;
      const a = (point * Math.PI) / 5;
      points.push(`${(cx + radius * Math.sin(a)).toFixed(1)},${(cy - radius * Math.cos(a)).toFixed(1)}`);
    }
    stars.push(`<polygon points="${points.join(' ')}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 810 540"><rect width="810" height="540" fill="#039"/><g fill="#fc0">${stars.join('')}</g></svg>`;
}

/**
 * Inter's subsets, each loaded under its own family name and listed in `font-family` order: satori takes a glyph a
 * family lacks from the next one, so Polish, Czech, Romanian (latin-ext), Bulgarian (cyrillic) and Greek titles draw.
 */
const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'];
const FONT_FAMILY = FONT_SUBSETS.map((subset) => `Inter ${subset}`).join(', ');

async function loadAssets(): Promise<Assets> {
  const wasm = readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).then((bytes) => initWasm(bytes));
  const fonts = await Promise.all(
    FONT_SUBSETS.flatMap((subset) =>
      ([400, 700] as const).map(async (weight) => ({
        name: `Inter ${subset}`,
        data: await readFile(require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`)),
        weight,
        style: 'normal' as const
      }))
    )
  );
  await wasm;
  return { fonts, logo: dataUri(LOGO_SVG), emblem: dataUri(emblemSvg()) };
}

/** Emoji and their joiners: no font here has them, and a missing glyph is drawn as a "NO GLYPH" box. */
const withoutEmoji = (text: string): string =>
  text
    .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u200D|\uFE0F/gu, '')
    .replace(/\s{2,}/g, ' ')
    .trim();

interface Node {
  type: string;
  props: Record<string, unknown> & { style?: Record<string, unknown>; children?: unknown };
}

const h = (
  type: string,
  style: Record<string, unknown>,
  children?: unknown,
  props: Record<string, unknown> = {}
): Node => ({
  type,
  props: { ...props, style, children }
});

/** A long title gets a smaller type size so three lines hold it. */
function titleSize(title: string): number {
  if (title.length <= 32) return 96;
  if (title.length <= 60) return 80;
  if (title.length <= 100) return 64;
  return 52;
}

function layout(card: CardContent, found: Assets): Node {
  const content: CardContent = {
    ...card,
    platform: withoutEmoji(card.platform),
    kind: withoutEmoji(card.kind),
    context: card.context === undefined ? undefined : withoutEmoji(card.context),
    title: withoutEmoji(card.title)
  };
  const teal = '#1f4e5f';
  const ink = '#14232a';
  const languageChip = content.language
    ? h(
        'div',
        {
          display: 'flex',
          padding: '6px 18px',
          borderRadius: 999,
          border: `3px solid ${teal}`,
          color: teal,
          fontWeight: 700,
          fontSize: 30,
          letterSpacing: 1
        },
        content.language.toUpperCase()
      )
    : null;
  return h(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: '#f6f5f1',
      fontFamily: FONT_FAMILY,
      color: ink
    },
    [
      h('div', { display: 'flex', height: 16, backgroundColor: teal }),
      h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '40px 72px 40px' }, [
        // Identity: the app's mark, the platform's name, "PeerMent learning center".
        h('div', { display: 'flex', alignItems: 'center' }, [
          h('img', { width: 88, height: 88 }, undefined, { src: found.logo, width: 88, height: 88 }),
          h('div', { display: 'flex', flexDirection: 'column', marginLeft: 22 }, [
            h('div', { display: 'flex', fontSize: 40, fontWeight: 700, color: teal }, content.platform),
            h('div', { display: 'flex', fontSize: 30, color: '#4a5a60' }, content.labels.learningCenter)
          ])
        ]),
        // What it is: kind and collection.
        h('div', { display: 'flex', alignItems: 'center', marginTop: 40, fontSize: 34 }, [
          h(
            'div',
            {
              display: 'flex',
              flexShrink: 0,
              padding: '6px 18px',
              borderRadius: 10,
              backgroundColor: '#f2b56b',
              color: ink,
              fontWeight: 700
            },
            content.kind
          ),
          content.context
            ? h(
                'div',
                {
                  display: 'block',
                  marginLeft: 18,
                  color: '#4a5a60',
                  flexShrink: 1,
                  minWidth: 0,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  textOverflow: 'ellipsis'
                },
                content.context
              )
            : null
        ]),
        // The title, as large as its length allows, in the middle of the free space.
        h('div', { display: 'flex', flexGrow: 1, alignItems: 'center' }, [
          h(
            'div',
            {
              display: 'block',
              fontSize: titleSize(content.title),
              fontWeight: 700,
              lineHeight: 1.1,
              lineClamp: 3,
              color: ink
            },
            content.title
          )
        ]),
        // Language, licence, funding.
        h('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: 28 }, [
          h('div', { display: 'flex', alignItems: 'center' }, [
            languageChip,
            h('div', { display: 'flex', marginLeft: languageChip ? 20 : 0, color: '#4a5a60' }, 'CC BY-NC-SA 4.0')
          ]),
          h('div', { display: 'flex', alignItems: 'center' }, [
            h('img', {}, undefined, { src: found.emblem, width: 84, height: 56 }),
            h('div', { display: 'flex', marginLeft: 14, color: '#4a5a60' }, content.labels.euFunded)
          ])
        ])
      ])
    ]
  );
}

/** Draws a card as a PNG of 1200×630. */
export async function renderCard(content: CardContent): Promise<Uint8Array> {
  assets ??= loadAssets().catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  const found = await assets;
  const svg = await satori(layout(content, found) as never, {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: found.fonts
  });
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH } });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  return png;
}
