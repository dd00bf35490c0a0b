import { DEFAULT_LICENCE, LICENCES, type Resource } from '@mop/shared';
import { spansToText, type Block, type Span } from './markdown.ts';
import { toWinAnsi } from './pdf-text.ts';
import type { Slide } from './slides.ts';

type Doc = PDFKit.PDFDocument;
type PdfKit = typeof import('pdfkit');

/**
 * pdfkit (and its fonts) is loaded on the first render, not when the server starts: a server renders files only when
 * it seeds or rebuilds the library, and pdfkit is the largest part of an idle server's heap otherwise.
 */
let pdfKit: PdfKit | undefined;
async function loadPdfKit(): Promise<PdfKit> {
  pdfKit ??= (await import('pdfkit')).default;
  return pdfKit;
}

const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#7b2d8e';
const LINK = '#1f5fa8';

/** Metadata fixed to the resource's `updatedAt`, so the same source always gives the same bytes. */
function openDocument(
  PDFDocument: PdfKit,
  resource: Resource,
  layout: 'portrait' | 'landscape'
): { doc: Doc; done: Promise<Buffer> } {
  const date = new Date(`${resource.updatedAt}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    bufferPages: true,
    lang: resource.language,
    displayTitle: true,
    info: {
      Title: toWinAnsi(resource.title),
      Author: 'PeerMent partners',
      Subject: toWinAnsi(resource.summary),
      Keywords: toWinAnsi(resource.topics.join(', ')),
      Creator: 'MOP content builder',
      Producer: 'MOP',
      CreationDate: date,
      ModDate: date
    }
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

function fontFor(span: Span, base: { bold?: boolean; italic?: boolean } = {}): string {
  if (span.code) return 'Courier';
  const bold = span.bold === true || base.bold === true;
  const italic = span.italic === true || base.italic === true;
  if (bold && italic) return 'Helvetica-BoldOblique';
  if (bold) return 'Helvetica-Bold';
  if (italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

interface SpanOptions {
  x: number;
  width: number;
  size: number;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  gapAfter?: number;
}

/** Writes styled spans as one flowing paragraph starting at the current y. */
function writeSpans(doc: Doc, spans: Span[], o: SpanOptions): void {
  const parts = spans.filter((s) => s.text !== '');
  if (parts.length === 0) return;
  doc.fontSize(o.size);
  parts.forEach((span, index) => {
    const external = span.href !== undefined && /^https?:/.test(span.href);
    doc.font(fontFor(span, o)).fillColor(external ? LINK : (o.color ?? INK));
    const options: PDFKit.Mixins.TextOptions = { width: o.width, continued: index < parts.length - 1, lineGap: 2 };
    if (external) options.link = span.href;
    if (index === 0) doc.text(toWinAnsi(span.text), o.x, doc.y, options);
    else doc.text(toWinAnsi(span.text), options);
  });
  doc.fillColor(INK);
  doc.moveDown((o.gapAfter ?? 0.5) * 1);
}

function ensureSpace(doc: Doc, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function writeHeader(doc: Doc, resource: Resource, left: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(8).fillColor(ACCENT);
  doc.text(
    toWinAnsi(`MOP LEARNING LIBRARY · ${resource.type.toUpperCase()}${resource.sample ? ' · SAMPLE CONTENT' : ''}`),
    left,
    doc.y,
    { width, characterSpacing: 0.5 }
  );
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(toWinAnsi(resource.title), { width });
  doc.moveDown(0.3);
  doc.font('Helvetica-Oblique').fontSize(11).fillColor(MUTED).text(toWinAnsi(resource.summary), { width });
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .text(
      toWinAnsi(
        `For: ${resource.audience.join(', ')} · Language: ${resource.language} · Version ${resource.version} · Updated ${resource.updatedAt}`
      ),
      { width }
    );
  doc.moveDown(0.6);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  doc.moveDown(1);
  doc.fillColor(INK);
}

function writeBlock(doc: Doc, block: Block, left: number, width: number): void {
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 1 ? 17 : block.level === 2 ? 14 : 12;
      ensureSpace(doc, size * 4);
      doc.moveDown(block.level === 3 ? 0.3 : 0.6);
      writeSpans(doc, block.spans, {
        x: left,
        width,
        size,
        bold: true,
        color: block.level === 1 ? ACCENT : INK,
        gapAfter: 0.3
      });
      return;
    }
    case 'paragraph':
      ensureSpace(doc, 30);
      writeSpans(doc, block.spans, { x: left, width, size: 10.5 });
      return;
    case 'quote': {
      ensureSpace(doc, 40);
      const top = doc.y;
      writeSpans(doc, block.spans, {
        x: left + 14,
        width: width - 14,
        size: 10,
        italic: true,
        color: MUTED,
        gapAfter: 0
      });
      doc
        .moveTo(left + 3, top)
        .lineTo(left + 3, doc.y)
        .lineWidth(2)
        .strokeColor(ACCENT)
        .stroke();
      doc.moveDown(0.7);
      return;
    }
    case 'list':
      block.items.forEach((item, index) => {
        ensureSpace(doc, 28);
        const y = doc.y;
        doc.font('Helvetica').fontSize(10.5).fillColor(INK);
        if (item.checked !== undefined) {
          doc
            .rect(left + 1, y + 1.5, 8.5, 8.5)
            .lineWidth(0.8)
            .strokeColor(INK)
            .stroke();
          if (item.checked) doc.text('x', left + 2.8, y, { lineBreak: false });
        } else if (block.ordered) doc.text(`${index + 1}.`, left, y, { width: 16, lineBreak: false });
        else doc.circle(left + 4, y + 6, 1.8).fill(INK);
        doc.y = y;
        writeSpans(doc, item.spans, { x: left + 18, width: width - 18, size: 10.5, gapAfter: 0.25 });
      });
      doc.moveDown(0.4);
      return;
    case 'table': {
      ensureSpace(doc, 60);
      const cell = (spans: Span[], header: boolean): PDFKit.Mixins.CellOptions => ({
        text: toWinAnsi(spansToText(spans)),
        font: { src: header ? 'Helvetica-Bold' : 'Helvetica', size: 9.5 },
        type: header ? 'TH' : 'TD'
      });
      doc.table({
        position: { x: left, y: doc.y },
        maxWidth: width,
        defaultStyle: { padding: [5, 6, 5, 6], border: 0.6, borderColor: '#9aa5b1' },
        rowStyles: (row) => (row === 0 ? { backgroundColor: '#f0e6f3' } : { minHeight: 30 }),
        data: [block.header.map((c) => cell(c, true)), ...block.rows.map((r) => r.map((c) => cell(c, false)))]
      });
      doc.x = left;
      doc.moveDown(0.8);
      return;
    }
    case 'rule':
      ensureSpace(doc, 20);
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .lineWidth(0.5)
        .strokeColor('#cbd2d9')
        .stroke();
      doc.moveDown(0.8);
      return;
  }
}

function writeLicence(doc: Doc, resource: Resource, left: number, width: number): void {
  ensureSpace(doc, 90);
  doc.moveDown(1);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.5)
    .strokeColor('#cbd2d9')
    .stroke();
  doc.moveDown(0.6);
  const licence = LICENCES[resource.licence];
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor(MUTED)
    .text(toWinAnsi(`Licence: ${licence?.name ?? resource.licence}`), left, doc.y, { width });
  if (licence) doc.font('Helvetica').fillColor(LINK).text(licence.url, { width, link: licence.url });
  doc.font('Helvetica').fillColor(MUTED).text(toWinAnsi(resource.attribution), { width });
}

function numberPages(doc: Doc, resource: Resource): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
    const label = `${resource.title} · ${resource.licence === DEFAULT_LICENCE ? 'CC BY-NC-SA 4.0' : resource.licence} · ${i + 1}/${range.count}`;
    doc.text(toWinAnsi(label), doc.page.margins.left, doc.page.height - 34, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
      lineBreak: false
    });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Renders a guide, worksheet or reflection exercise as an A4 PDF with standard fonts only.
 *
 * @param resource the resource (title, summary and licence go into the header and footer)
 * @param blocks its parsed Markdown body
 */
export async function renderPdf(resource: Resource, blocks: Block[]): Promise<Buffer> {
  const { doc, done } = openDocument(await loadPdfKit(), resource, 'portrait');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  writeHeader(doc, resource, left, width);
  for (const block of blocks) writeBlock(doc, block, left, width);
  writeLicence(doc, resource, left, width);
  numberPages(doc, resource);
  doc.end();
  return done;
}

/**
 * Renders a slide deck as a landscape PDF, one page per slide, for facilitators without presentation software.
 *
 * @param resource the slide-deck resource
 * @param slides its slides (see `toSlides`)
 */
export async function renderSlidesPdf(resource: Resource, slides: Slide[]): Promise<Buffer> {
  const { doc, done } = openDocument(await loadPdfKit(), resource, 'landscape');
  const left = 60;
  const width = doc.page.width - 120;
  slides.forEach((slide, index) => {
    if (index > 0) doc.addPage();
    doc.rect(0, 0, doc.page.width, 10).fill(ACCENT);
    const titleOnly = slide.bullets.length === 0;
    doc.y = titleOnly ? 190 : 60;
    doc
      .font('Helvetica-Bold')
      .fontSize(titleOnly ? 32 : 26)
      .fillColor(INK)
      .text(toWinAnsi(slide.title), left, doc.y, { width });
    doc.moveDown(titleOnly ? 0.5 : 0.8);
    if (slide.subtitle) doc.font('Helvetica').fontSize(15).fillColor(MUTED).text(toWinAnsi(slide.subtitle), { width });
    for (const bullet of slide.bullets) {
      const y = doc.y;
      doc.circle(left + 5, y + 8, 2.5).fill(ACCENT);
      doc.y = y;
      writeSpans(doc, bullet, { x: left + 20, width: width - 20, size: 16, gapAfter: 0.4 });
    }
  });
  numberPages(doc, resource);
  doc.end();
  return done;
}
