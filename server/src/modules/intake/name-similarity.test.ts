import { describe, expect, it } from 'vitest';
import { foldName, nameSimilarity } from './name-similarity.ts';

describe('names alike', () => {
  it('ignores titles, spaces and case', () => {
    expect(foldName('นางสาว สมศรี  ใจดี')).toBe('สมศรีใจดี');
    expect(nameSimilarity('ด.ญ.มะลิ ทองดี', 'เด็กหญิงมะลิ ทองดี')).toBe(1);
    expect(nameSimilarity('Mr. Somchai Jaidee', 'somchai jaidee')).toBe(1);
  });

  it('sees a mistyped tone mark or vowel as alike, and different people as different', () => {
    expect(nameSimilarity('สมชาย ใจดี', 'สมชาย ใจดิ')).toBeGreaterThan(0.85);
    expect(nameSimilarity('สมชาย ใจดี', 'สมศรี ทองคำ')).toBeLessThan(0.6);
    expect(nameSimilarity('', 'สมชาย')).toBe(0);
  });
});
