import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readProfile, writeProfile } from '@mop/shared';
import { missingAnswers } from './profile.service';

// The document layer (IndexedDB, runes) is not needed to list what is missing.
vi.mock('$lib/services/docs.service', () => ({ openDoc: () => null }));

describe('missingAnswers', () => {
  it('counts the time zone shown preselected as answered, and a saved zone over the shown one', () => {
    const doc = new Y.Doc();
    const blank = readProfile(doc);
    expect(missingAnswers(blank, 'mentee')).toContain('timeZone');
    expect(missingAnswers(blank, 'mentee', 'Europe/Lisbon')).not.toContain('timeZone');
    expect(missingAnswers(blank, 'mentee', 'Europe/Lisbon')).toContain('sectors');
    writeProfile(doc, { timeZone: 'Not/AZone' });
    expect(missingAnswers(readProfile(doc), 'mentee', 'Europe/Lisbon')).toContain('timeZone');
  });
});
