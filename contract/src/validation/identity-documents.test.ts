import { describe, expect, it } from 'vitest';
import {
  formatThaiNationalId,
  parsePassportNumber,
  parseThaiNationalId,
  thaiIdCheckDigit,
} from './identity-documents.ts';

/** Builds a valid number from 12 digits, so the tests do not rely on anyone's real number. */
const withCheckDigit = (first12: string) => `${first12}${thaiIdCheckDigit(first12)}`;

describe('Thai identification numbers', () => {
  it('computes the check digit as the Department of Provincial Administration does', () => {
    // Worked by hand: 1·13 + 1·12 + 0·11 + 1·10 + 2·9 + 0·8 + 0·7 + 0·6 + 2·5 + 3·4 + 4·3 + 5·2 = 97; (11 − 97 mod 11) mod 10 = 2
    expect(thaiIdCheckDigit('110120002345')).toBe(2);
    // sum 2 (only the 12th digit, weight 2): 11 − 2 = 9
    expect(thaiIdCheckDigit('000000000001')).toBe(9);
    // sum divisible by 11 → (11 − 0) mod 10 = 1
    expect(thaiIdCheckDigit('000000000000')).toBe(1);
  });

  it.each([
    ['1101200023452', '1101200023452'],
    ['1-1012-00023-45-2', '1101200023452'],
    ['๑ ๑๐๑๒ ๐๐๐๒๓ ๔๕ ๒', '1101200023452'],
    [withCheckDigit('012345678901'), withCheckDigit('012345678901')], // registered without Thai status
  ])('accepts %s', (text, digits) => {
    expect(parseThaiNationalId(text)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['', 'NATIONAL_ID_REQUIRED'],
    ['110120002345', 'NATIONAL_ID_LENGTH'],
    ['11012000234511', 'NATIONAL_ID_LENGTH'],
    ['1101200O23451', 'NATIONAL_ID_LENGTH'],
    ['1101200023451', 'NATIONAL_ID_CHECK_DIGIT'],
    ['1101200032452', 'NATIONAL_ID_CHECK_DIGIT'], // two digits swapped
    ['1111111111111', 'NATIONAL_ID_INVALID'],
    [withCheckDigit('912345678901'), 'NATIONAL_ID_INVALID'],
  ])('refuses %s (%s)', (text, code) => {
    const result = parseThaiNationalId(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe(code);
      expect(result.problem.th).toMatch(/[ก-๙]/);
    }
  });

  it('prints the number in its usual groups', () => {
    expect(formatThaiNationalId('1101200023452')).toBe('1-1012-00023-45-2');
  });
});

describe('passport numbers', () => {
  it.each([
    ['aa1234567', 'AA1234567'],
    ['MA 123 456', 'MA123456'],
    ['E-1234567', 'E1234567'],
  ])('normalises %s', (text, value) => {
    expect(parsePassportNumber(text)).toEqual({ ok: true, value });
  });

  it.each(['', '12345', 'AB12345678', 'พล123456'])('refuses %s', (text) => {
    expect(parsePassportNumber(text).ok).toBe(false);
  });
});
