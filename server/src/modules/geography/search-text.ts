import { toAsciiDigits } from '@oscc/contract';

/** Words that name a level, not a place: people type them, the index leaves them out. */
const LEVEL_WORDS = [
  'กิ่งอำเภอ',
  'จังหวัด',
  'อำเภอ',
  'ตำบล',
  'แขวง',
  'เขต',
  'จ.',
  'อ.',
  'ต.',
  'changwat',
  'amphoe',
  'tambon',
  'khwaeng',
  'khet',
  'province',
  'district',
  'subdistrict',
];

const ALIASES: [RegExp, string][] = [
  [/กรุงเทพฯ|กทม\.?|กรุงเทพ(?!มหานคร)/g, 'กรุงเทพมหานคร'],
  [/\bbkk\b/g, 'bangkok'],
];

/**
 * Folds a name or a query to the form the index compares: lower case, ASCII
 * digits, aliases expanded, level words and every space and punctuation
 * removed — so "จ. ราชบุรี", "ราชบุรี" and "จังหวัดราชบุรี" are one.
 */
export function normalizeForSearch(text: string): string {
  let folded = toAsciiDigits(text.normalize('NFC').toLowerCase());
  for (const [pattern, replacement] of ALIASES) folded = folded.replace(pattern, replacement);
  for (const word of LEVEL_WORDS) folded = folded.split(word).join(' ');
  return folded.replace(/[\s.,\-()'"/]+/g, '');
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Splits a query typed without spaces ("บ้านโป่งราชบุรี") into the words a
 * Thai dictionary finds in it, so each can be matched on its own.
 */
export function searchTerms(query: string): string[] {
  let folded = toAsciiDigits(query.normalize('NFC').toLowerCase());
  for (const [pattern, replacement] of ALIASES) folded = folded.replace(pattern, replacement);
  for (const word of LEVEL_WORDS) folded = folded.split(word).join(' ');
  const terms = new Set<string>();
  for (const part of folded.split(/[\s.,\-()'"/]+/)) {
    if (!part) continue;
    for (const segment of segmenter.segment(part)) {
      const term = segment.segment.trim();
      if (segment.isWordLike && term) terms.add(term);
    }
  }
  // A long Thai word split into tiny syllables matches too much; keep the
  // pieces but drop single characters when there are longer ones.
  const all = [...terms];
  const meaningful = all.filter((term) => term.length > 1);
  return meaningful.length > 0 ? meaningful : all;
}
