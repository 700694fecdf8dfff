import { toAsciiDigits } from '@oscc/contract';

/** Titles people put before a Thai or English name; they say nothing about who the person is. */
const TITLES = /^(เด็กหญิง|เด็กชาย|ด\.ญ\.|ด\.ช\.|นางสาว|น\.ส\.|นาย|นาง|ดร\.|mrs\.?|mr\.?|ms\.?|miss)\s*/i;

/** A name folded for comparing: no title, no spaces or punctuation, lower case, ASCII digits. */
export function foldName(name: string): string {
  return toAsciiDigits(name.normalize('NFC').trim().replace(TITLES, '').toLowerCase()).replace(/[\s.,'"()-]+/g, '');
}

/** Levenshtein distance over code points (Thai vowels and tone marks count as characters, as typed). */
function distance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How alike two names are, 0 to 1 — 1 for the same name written with another
 * title or spacing; a mistyped tone mark in a long Thai name stays above 0.85.
 */
export function nameSimilarity(a: string, b: string): number {
  const left = [...foldName(a)];
  const right = [...foldName(b)];
  if (left.length === 0 || right.length === 0) return 0;
  return 1 - distance(left, right) / Math.max(left.length, right.length);
}
