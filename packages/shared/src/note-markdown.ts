import * as Y from 'yjs';

/**
 * Renders a note's rich text (TipTap's ProseMirror nodes in a Y.XmlFragment) as Markdown, for data exports: headings,
 * paragraphs, bullet, ordered and task lists, quotes, code blocks, and bold / italic / code / link marks. Unknown nodes
 * keep their text, so nothing written is lost in the export.
 */
export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
  return blocks(fragment.toArray(), '')
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inline(text: Y.XmlText): string {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  return delta
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== 'string') return '';
      let out = insert;
      if ('code' in attributes) out = `\`${out}\``;
      if ('bold' in attributes) out = `**${out}**`;
      if ('italic' in attributes) out = `*${out}*`;
      const link = attributes.link as { href?: unknown } | undefined;
      if (link && typeof link.href === 'string') out = `[${out}](${link.href})`;
      return out;
    })
    .join('');
}

function inlineOf(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return inline(child);
      if (child instanceof Y.XmlElement) return child.nodeName === 'hardBreak' ? '  \n' : inlineOf(child);
      return '';
    })
    .join('');
}

/** A task item's `checked` attribute (y-prosemirror stores attributes as they are; older data may hold a string). */
function isChecked(item: Y.XmlElement): boolean {
  const checked: unknown = item.getAttribute('checked');
  return checked === true || checked === 'true';
}

function blocks(nodes: Node[], indent: string): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node instanceof Y.XmlText) {
      out.push(indent + inline(node));
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const children = node.toArray() as Node[];
    switch (node.nodeName) {
      case 'heading': {
        const level = Math.min(Math.max(Number(node.getAttribute('level')) || 1, 1), 6);
        out.push(`${indent}${'#'.repeat(level)} ${inlineOf(node)}`);
        break;
      }
      case 'bulletList':
      case 'orderedList':
      case 'taskList':
        children.forEach((item, index) => {
          const marker =
            node.nodeName === 'orderedList'
              ? `${index + 1}. `
              : node.nodeName === 'taskList'
                ? `- [${item instanceof Y.XmlElement && isChecked(item) ? 'x' : ' '}] `
                : '- ';
          const inner = item instanceof Y.XmlElement ? blocks(item.toArray() as Node[], '') : [];
          const [first = '', ...rest] = inner.join('\n').split('\n');
          out.push(
            [`${indent}${marker}${first}`, ...rest.map((line) => `${indent}${' '.repeat(marker.length)}${line}`)].join(
              '\n'
            )
          );
        });
        break;
      case 'blockquote':
        out.push(
          blocks(children, '')
            .join('\n\n')
            .split('\n')
            .map((line) => `${indent}> ${line}`)
            .join('\n')
        );
        break;
      case 'codeBlock':
        out.push(
          `${indent}\`\`\`\n${node
            .toArray()
            .map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
            .join('')}\n${indent}\`\`\``
        );
        break;
      case 'horizontalRule':
        out.push(`${indent}---`);
        break;
      case 'paragraph':
        out.push(indent + inlineOf(node));
        break;
      default:
        out.push(...blocks(children, indent));
    }
  }
  return out;
}
