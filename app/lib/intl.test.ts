import { describe, expect, it } from 'vitest';
import { collator, displayNames, numberFormat } from './intl';

describe('Intl formatters', () => {
  it('makes one per kind, locale and options, and formats as the constructors do', () => {
    expect(displayNames('en', 'language')).toBe(displayNames('en', 'language'));
    expect(displayNames('it', 'language')).not.toBe(displayNames('en', 'language'));
    expect(displayNames('en', 'region')).not.toBe(displayNames('en', 'language'));
    expect(displayNames('it', 'language').of('es')).toBe('spagnolo');
    const short = { style: 'unit', unit: 'kilobyte', unitDisplay: 'short' } as const;
    expect(numberFormat('en', short)).toBe(numberFormat('en', { ...short }));
    expect(numberFormat('en', short)).not.toBe(numberFormat('en', { ...short, maximumFractionDigits: 1 }));
    expect(numberFormat('en', short).format(840)).toBe('840 kB');
    expect(collator('es')).toBe(collator('es'));
    expect(['zona', 'ámbito', 'acuerdo'].sort(collator('es').compare)).toEqual(['acuerdo', 'ámbito', 'zona']);
  });

  it('throws for a locale that is not one, as the constructors do', () => {
    expect(() => displayNames('not a locale!', 'language')).toThrow(RangeError);
  });
});
