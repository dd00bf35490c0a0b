import type { Resource } from '@mop/shared';
import { spansToText } from './markdown.ts';
import type { Slide } from './slides.ts';

/**
 * Renders slides as a 16:9 PowerPoint deck with speaker notes. Fonts are named, not embedded; PowerPoint and
 * LibreOffice substitute if Arial is missing.
 *
 * @param resource the slide-deck resource (title, author metadata, footer)
 * @param slides its slides (see `toSlides`)
 */
export async function renderPptx(resource: Resource, slides: Slide[]): Promise<Uint8Array> {
  // Loaded on the first render, not when the server starts (see render-pdf.ts).
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.author = 'PeerMent partners';
  pptx.company = 'PeerMent';
  pptx.title = resource.title;
  pptx.subject = resource.summary;
  const footer = `${resource.sample ? 'Sample content · ' : ''}${resource.licence} · PeerMent / MOP`;
  slides.forEach((slide, index) => {
    const s = pptx.addSlide();
    s.addShape(pptx.ShapeType.rect, {
      x: 0,
      y: 0,
      w: 10,
      h: 0.12,
      fill: { color: '7B2D8E' },
      line: { color: '7B2D8E' }
    });
    if (index === 0) {
      s.addText(slide.title, {
        x: 0.6,
        y: 1.6,
        w: 8.8,
        h: 1.2,
        fontFace: 'Arial',
        fontSize: 34,
        bold: true,
        color: '1F2933'
      });
      if (slide.subtitle)
        s.addText(slide.subtitle, {
          x: 0.6,
          y: 2.9,
          w: 8.8,
          h: 1.2,
          fontFace: 'Arial',
          fontSize: 16,
          color: '616E7C',
          valign: 'top'
        });
    } else {
      s.addText(slide.title, {
        x: 0.5,
        y: 0.3,
        w: 9,
        h: 0.8,
        fontFace: 'Arial',
        fontSize: 26,
        bold: true,
        color: '1F2933'
      });
      if (slide.bullets.length > 0) {
        s.addText(
          slide.bullets.map((b) => ({ text: spansToText(b), options: { bullet: true, breakLine: true } })),
          {
            x: 0.6,
            y: 1.2,
            w: 8.8,
            h: 3.8,
            fontFace: 'Arial',
            fontSize: slide.bullets.length > 5 ? 15 : 18,
            color: '1F2933',
            valign: 'top',
            paraSpaceAfter: 6
          }
        );
      }
    }
    s.addText(footer, { x: 0.5, y: 5.2, w: 9, h: 0.3, fontFace: 'Arial', fontSize: 9, color: '616E7C' });
    if (slide.notes !== '') s.addNotes(slide.notes);
  });
  const out = await pptx.write({ outputType: 'uint8array' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return bytes');
  return out;
}
