import { toAsciiDigits, type PlaceMatch } from '@oscc/contract';
import type { PlaceCodes } from '../../../components/ui/place-selects.tsx';
import type { Language } from '../../../i18n/language.ts';
import { localizedRowName } from '../../../lib/format.ts';

/** The most digits a Thai postcode has. */
export const POSTCODE_LENGTH = 5;

/**
 * What is kept of a typed postcode: Thai digits (๐-๙) become 0-9, anything else (spaces, dashes, letters) is
 * dropped, and no more than five digits are kept.
 */
export function cleanPostcode(text: string): string {
  return toAsciiDigits(text).replace(/\D+/g, '').slice(0, POSTCODE_LENGTH);
}

/** The postcode to look up once all five digits are there; null before. */
export function completePostcode(text: string): string | null {
  const digits = cleanPostcode(text);
  return digits.length === POSTCODE_LENGTH ? digits : null;
}

/** The province, district and subdistrict codes of a subdistrict found by postcode; null for any other match. */
export function placeCodesOf(match: PlaceMatch): PlaceCodes | null {
  if (match.level !== 'subdistrict' || !match.subdistrict || !match.district) return null;
  return {
    provinceCode: match.province.code,
    districtCode: match.district.code,
    subdistrictCode: match.subdistrict.code,
  };
}

/** "ตำบล · อำเภอ · จังหวัด" (or the English names, where known) of a subdistrict found by postcode. */
export function placeMatchLabel(match: PlaceMatch, language: Language): string {
  return [match.subdistrict, match.district, match.province]
    .filter((row) => row !== null)
    .map((row) => localizedRowName(row, language))
    .join(' · ');
}
