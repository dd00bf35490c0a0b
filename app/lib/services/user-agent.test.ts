import { describe, expect, it } from 'vitest';
import { describeBrowser } from './user-agent';

describe('describeBrowser', () => {
  it('names common browsers and systems', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'
      )
    ).toBe('Chrome · Android');
    expect(
      describeBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
      )
    ).toBe('Safari · iOS');
    expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox · Windows'
    );
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0'
      )
    ).toBe('Edge · Windows');
  });

  it('says nothing for an unknown or missing one', () => {
    expect(describeBrowser(null)).toBeNull();
    expect(describeBrowser('curl/8.5.0')).toBeNull();
  });
});
