import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  HeightRule,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild
} from 'docx';
import { LICENCES, type Resource } from '@mop/shared';
import type { Block, Span } from './markdown.ts';

function runs(spans: Span[], base: { italics?: boolean; size?: number; color?: string } = {}): ParagraphChild[] {
  return spans
    .filter((s) => s.text !== '')
    .map((s) => {
      const run = new TextRun({
        text: s.text,
        bold: s.bold,
        italics: s.italic === true || base.italics === true,
        font: s.code ? 'Courier New' : undefined,
        size: base.size,
        color: s.href !== undefined && /^https?:/.test(s.href) ? '1F5FA8' : base.color,
        underline: s.href !== undefined && /^https?:/.test(s.href) ? {} : undefined
      });
      return s.href !== undefined && /^https?:/.test(s.href)
        ? new ExternalHyperlink({ link: s.href, children: [run] })
        : run;
    });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function blockToDocx(block: Block, listInstance: () => number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: runs(block.spans) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(block.spans), spacing: { after: 120 } })];
    case 'quote':
      return [
        new Paragraph({
          children: runs(block.spans, { italics: true, color: '616E7C' }),
          indent: { left: 400 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: '7B2D8E', space: 8 } },
          spacing: { before: 120, after: 160 }
        })
      ];
    case 'list': {
      const instance = listInstance();
      return block.items.map((item) => {
        if (item.checked !== undefined) {
          return new Paragraph({
            children: [new TextRun({ text: item.checked ? '☒ ' : '☐ ', font: 'Segoe UI Symbol' }), ...runs(item.spans)],
            indent: { left: 360, hanging: 360 },
            spacing: { after: 80 }
          });
        }
        return block.ordered
          ? new Paragraph({
              children: runs(item.spans),
              numbering: { reference: 'ordered', level: 0, instance },
              spacing: { after: 60 }
            })
          : new Paragraph({ children: runs(item.spans), bullet: { level: 0 }, spacing: { after: 60 } });
      });
    }
    case 'table': {
      const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
      const width = Math.floor(9000 / columns);
      const row = (cells: Span[][], header: boolean): TableRow =>
        new TableRow({
          tableHeader: header,
          height: header ? undefined : { value: 560, rule: HeightRule.ATLEAST },
          children: Array.from(
            { length: columns },
            (_, i) =>
              new TableCell({
                width: { size: width, type: WidthType.DXA },
                shading: header ? { type: ShadingType.CLEAR, fill: 'F0E6F3', color: 'auto' } : undefined,
                children: [
                  new Paragraph({
                    children: header
                      ? [new TextRun({ text: (cells[i] ?? []).map((s) => s.text).join(''), bold: true })]
                      : runs(cells[i] ?? [])
                  })
                ]
              })
          )
        });
      return [
        new Table({
          width: { size: 9000, type: WidthType.DXA },
          columnWidths: Array.from({ length: columns }, () => width),
          rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))]
        }),
        new Paragraph({ children: [] })
      ];
    }
    case 'rule':
      return [
        new Paragraph({
          children: [],
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'CBD2D9', space: 1 } }
        })
      ];
  }
}

/**
 * Renders a guide, worksheet or reflection exercise as an editable Word document, so partners can adapt it.
 * The zip's timestamps are not yet fixed here; `normalizeOfficeZip` does that.
 *
 * @param resource the resource (title, summary and licence go into the header and footer)
 * @param blocks its parsed Markdown body
 */
export async function renderDocx(resource: Resource, blocks: Block[]): Promise<Uint8Array> {
  let instances = 0;
  const licence = LICENCES[resource.licence];
  const doc = new Document({
    creator: 'PeerMent partners',
    lastModifiedBy: 'MOP content builder',
    title: resource.title,
    description: resource.summary,
    keywords: resource.topics.join(', '),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } }
            }
          ]
        }
      ]
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${resource.title} · ${resource.licence} · `, size: 16, color: '616E7C' }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '616E7C' })
                ]
              })
            ]
          })
        },
        children: [
          new Paragraph({
            children: [
              new TextRun({
                text: `MOP LEARNING LIBRARY · ${resource.type.toUpperCase()}${resource.sample ? ' · SAMPLE CONTENT' : ''}`,
                bold: true,
                size: 16,
                color: '7B2D8E'
              })
            ]
          }),
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(resource.title)] }),
          new Paragraph({
            children: [new TextRun({ text: resource.summary, italics: true, color: '616E7C' })],
            spacing: { after: 80 }
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: `For: ${resource.audience.join(', ')} · Language: ${resource.language} · Version ${resource.version} · Updated ${resource.updatedAt}`,
                size: 17,
                color: '616E7C'
              })
            ],
            spacing: { after: 240 }
          }),
          ...blocks.flatMap((b) => blockToDocx(b, () => instances++)),
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'CBD2D9', space: 1 } },
            spacing: { before: 240 }
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: `Licence: ${licence?.name ?? resource.licence}`,
                bold: true,
                size: 16,
                color: '616E7C'
              })
            ]
          }),
          ...(licence
            ? [
                new Paragraph({
                  children: [
                    new ExternalHyperlink({
                      link: licence.url,
                      children: [new TextRun({ text: licence.url, size: 16, color: '1F5FA8' })]
                    })
                  ]
                })
              ]
            : []),
          new Paragraph({ children: [new TextRun({ text: resource.attribution, size: 16, color: '616E7C' })] })
        ]
      }
    ]
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
