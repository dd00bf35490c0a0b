import { describe, expect, it } from 'vitest';
import { shellStylesAfterBar } from './shell-styles';

const page = (body: string) => `<!doctype html>
<html lang="en">
  <head>
    <title>MOP</title>
    
		<link href="/_app/immutable/assets/0.css" rel="stylesheet">
		<link href="/_app/immutable/assets/Nav.css" rel="stylesheet">
    <style>.mop-boot { display: flex; }</style>
  </head>
  <body>
    <div class="mop-boot" aria-hidden="true"><svg></svg></div>
    <div style="display: contents">${body}</div>
  </body>
</html>`;

describe('shellStylesAfterBar', () => {
  it('moves the stylesheets of the client-rendered shell below the header bar, in their order', () => {
    const html = shellStylesAfterBar(page('\n\t\t\t<script>kit.start(app, element);</script>\n\t\t'));
    const [head, body] = html.split('<body>');
    expect(head).not.toContain('rel="stylesheet"');
    expect(head).toContain('.mop-boot { display: flex; }');
    const bar = body!.indexOf('mop-boot');
    const first = body!.indexOf('/_app/immutable/assets/0.css');
    const second = body!.indexOf('/_app/immutable/assets/Nav.css');
    const wrapper = body!.indexOf('<div style="display: contents">');
    expect(bar).toBeGreaterThan(-1);
    expect(first).toBeGreaterThan(bar);
    expect(second).toBeGreaterThan(first);
    expect(wrapper).toBeGreaterThan(second);
  });

  it('leaves a page rendered on the server as it is', () => {
    const rendered = page('<!--[--><h1>Learning center</h1><!--]-->\n<script>kit.start(app, element, {});</script>');
    expect(shellStylesAfterBar(rendered)).toBe(rendered);
  });
});
