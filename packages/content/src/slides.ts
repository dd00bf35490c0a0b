import type { Resource } from '@mop/shared';
import { parseInline, spansToText, type Block, type Span } from './markdown.ts';

export interface Slide {
  title: string;
  subtitle?: string;
  bullets: Span[][];
  /** Speaker notes. */
  notes: string;
}

/**
 * Reads a slide-deck resource's Markdown as slides: a title slide from the resource, then one slide per `##`
 * heading whose list items and paragraphs become bullets and whose `>` quotes become speaker notes, and a closing
 * slide with the licence and attribution. Text before the first `##` (the sample-content note) goes into the title
 * slide's notes.
 *
 * @param resource the slide-deck resource
 * @param blocks its parsed Markdown body
 */
export function toSlides(resource: Resource, blocks: Block[]): Slide[] {
  const slides: Slide[] = [{ title: resource.title, subtitle: resource.summary, bullets: [], notes: '' }];
  let current = slides[0]!;
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === 2) {
      current = { title: spansToText(block.spans), bullets: [], notes: '' };
      slides.push(current);
      continue;
    }
    const onTitle = current === slides[0];
    switch (block.kind) {
      case 'list':
        if (onTitle) current.notes += block.items.map((i) => spansToText(i.spans)).join('\n') + '\n';
        else current.bullets.push(...block.items.map((i) => i.spans));
        break;
      case 'paragraph':
        if (onTitle) current.notes += spansToText(block.spans) + '\n';
        else current.bullets.push(block.spans);
        break;
      case 'quote':
        current.notes += spansToText(block.spans) + '\n';
        break;
      case 'table':
        current.bullets.push(...block.rows.map((row) => parseInline(row.map(spansToText).join(' — '))));
        break;
      default:
        break;
    }
  }
  slides.push({
    title: 'Licence and attribution',
    bullets: [[{ text: resource.licence }], [{ text: resource.attribution }]],
    notes: ''
  });
  return slides.map((s) => ({ ...s, notes: s.notes.trim() }));
}
