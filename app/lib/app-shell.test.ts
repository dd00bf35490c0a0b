import { describe, expect, it } from 'vitest';
import { isAppShell } from './app-shell';

const page = (body: string) => `<!doctype html>
<html lang="en">
  <head>
    <title>MOP</title>
    <style>.mop-boot { display: flex; }</style>
  </head>
  <body>
    <div class="mop-boot" aria-hidden="true"><svg></svg></div>
    <div style="display: contents">${body}</div>
  </body>
</html>`;

describe('isAppShell', () => {
  it('tells the client-rendered shell from a page rendered on the server', () => {
    expect(isAppShell(page('\n\t\t\t<script>kit.start(app, element);</script>\n\t\t'))).toBe(true);
    expect(
      isAppShell(page('<!--[--><h1>Learning center</h1><!--]-->\n<script>kit.start(app, element, {});</script>'))
    ).toBe(false);
  });
});
