// The PDFs embed only the standard 14 fonts, which draw WinAnsi (Windows-1252) characters. Everything else is
// replaced with a close ASCII form here rather than coming out as a wrong glyph.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '✓': 'v',
  '☐': '[ ]',
  '−': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2011': '-'
};

/** Makes text safe for a standard PDF font. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n')
      out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}
