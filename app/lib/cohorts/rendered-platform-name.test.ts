import { describe, expect, it } from 'vitest';
import { renderedPlatformName, withPlatformName } from './rendered-platform-name';

/** Just enough of a document for the reader: the meta element the writer added, found by its name. */
function documentOf(html: string): Pick<Document, 'querySelector'> {
  const match = /<meta name="mop-platform-name" content="([^"]*)">/.exec(html);
  const content = match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return {
    querySelector: (() => (content === undefined ? null : { getAttribute: () => content })) as never
  };
}

describe("the platform's name on a page the server rendered", () => {
  it('goes into the head, escaped, and the browser reads the same name back', () => {
    const html = withPlatformName('<html><head><title>x</title></head><body></body></html>', 'Rete "A" & <B>');
    expect(html).toContain('<meta name="mop-platform-name" content="Rete &quot;A&quot; &amp; &lt;B&gt;"></head>');
    expect(renderedPlatformName(documentOf(html))).toBe('Rete "A" & <B>');
  });

  it('is unknown on a page the app rendered itself', () => {
    expect(renderedPlatformName(documentOf('<html><head></head></html>'))).toBeNull();
  });
});
