import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchTerms } from './search-text.ts';

describe('Thai search text', () => {
  it('folds level words, spaces, aliases and Thai digits away', () => {
    expect(normalizeForSearch('จ. ราชบุรี')).toBe('ราชบุรี');
    expect(normalizeForSearch('จังหวัดราชบุรี')).toBe('ราชบุรี');
    expect(normalizeForSearch('กทม.')).toBe('กรุงเทพมหานคร');
    expect(normalizeForSearch('Ban Pong')).toBe('banpong');
    expect(normalizeForSearch('๗๐๑๑๐')).toBe('70110');
  });

  it('splits a query typed without spaces into words', () => {
    expect(searchTerms('บ้านโป่งราชบุรี')).toEqual(['บ้านโป่ง', 'ราชบุรี']);
    expect(searchTerms('ต.หน้าเมือง อ.เมืองราชบุรี')).toEqual(expect.arrayContaining(['เมือง', 'ราชบุรี']));
    expect(searchTerms('บางรักกรุงเทพ')).toEqual(['บางรัก', 'กรุงเทพมหานคร']);
  });
});
