/**
 * Identity documents of the people in a case: the Thai 13-digit identification number (เลขประจำตัวประชาชน) and
 * passport numbers. Pure functions shared by the server and the browser; answers in the same shape as the other
 * validators (`thai-person.ts`).
 */
import { toAsciiDigits } from '../thai.ts';
import type { ParseResult } from './thai-person.ts';

/**
 * The check digit of a Thai identification number: the first 12 digits weighted 13 down to 2, summed, then
 * (11 − sum mod 11) mod 10 (Civil Registration Act numbering, as the Department of Provincial Administration
 * publishes it).
 */
export function thaiIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/**
 * A Thai identification number as its 13 digits. Accepts the printed form (1-2345-67890-12-1), spaces and Thai
 * digits. The first digit is the person's category (1–8; 0 for people registered without Thai status, who are
 * among the migrants and stateless people the 1300 centre helps), the last a check digit — a mistyped digit is
 * caught here, before it reaches a case.
 */
export function parseThaiNationalId(text: string): ParseResult<string> {
  const written = toAsciiDigits(text).replace(/[\s.-]+/g, '');
  if (written === '')
    return {
      ok: false,
      problem: {
        code: 'NATIONAL_ID_REQUIRED',
        th: 'กรุณาระบุเลขประจำตัวประชาชน',
        en: 'An identification number is required.',
      },
    };
  if (!/^\d{13}$/.test(written))
    return {
      ok: false,
      problem: {
        code: 'NATIONAL_ID_LENGTH',
        th: 'เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก',
        en: 'A Thai identification number has 13 digits.',
      },
    };
  if (written[0] === '9' || /^(\d)\1{12}$/.test(written))
    return {
      ok: false,
      problem: {
        code: 'NATIONAL_ID_INVALID',
        th: 'เลขประจำตัวประชาชนนี้ไม่ถูกต้อง',
        en: 'This identification number is not valid.',
      },
    };
  if (thaiIdCheckDigit(written) !== Number(written[12]))
    return {
      ok: false,
      problem: {
        code: 'NATIONAL_ID_CHECK_DIGIT',
        th: 'เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง) กรุณาตรวจสอบอีกครั้ง',
        en: 'The identification number does not add up (its last, check digit is wrong). Please check it.',
      },
    };
  return { ok: true, value: written };
}

/** The printed form of a Thai identification number: 1-2345-67890-12-1. */
export function formatThaiNationalId(digits: string): string {
  return `${digits.slice(0, 1)}-${digits.slice(1, 5)}-${digits.slice(5, 10)}-${digits.slice(10, 12)}-${digits.slice(12)}`;
}

/**
 * A passport number as printed in its machine-readable zone: 6–9 letters and digits (ICAO Doc 9303), upper case,
 * without spaces or dashes. The issuing country is recorded separately.
 */
export function parsePassportNumber(text: string): ParseResult<string> {
  const written = toAsciiDigits(text)
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  if (written === '')
    return {
      ok: false,
      problem: { code: 'PASSPORT_REQUIRED', th: 'กรุณาระบุเลขหนังสือเดินทาง', en: 'A passport number is required.' },
    };
  if (!/^[A-Z0-9]{6,9}$/.test(written))
    return {
      ok: false,
      problem: {
        code: 'PASSPORT_INVALID',
        th: 'เลขหนังสือเดินทางต้องเป็นตัวอักษรภาษาอังกฤษหรือตัวเลข 6–9 ตัว',
        en: 'A passport number has 6 to 9 letters and digits.',
      },
    };
  return { ok: true, value: written };
}
