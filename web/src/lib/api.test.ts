import { ERRORS } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { parseErrorBody, toQueryString, UNEXPECTED_RESPONSE_MESSAGE } from './api.ts';

describe('parseErrorBody', () => {
  it('keeps the code, both messages, the fields and the request id of an API error', () => {
    const body = {
      error: {
        code: 'INVALID_CREDENTIALS',
        message: { th: ERRORS.INVALID_CREDENTIALS.th, en: ERRORS.INVALID_CREDENTIALS.en },
        fields: [{ path: 'email', code: 'invalid_format', message: 'Invalid email' }],
        requestId: 'req-1',
      },
    };
    const error = parseErrorBody(401, body, 'header-id');
    expect(error.status).toBe(401);
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(error.messages.th).toBe('อีเมลหรือรหัสผ่านไม่ถูกต้อง');
    expect(error.fields).toHaveLength(1);
    expect(error.requestId).toBe('req-1');
  });

  it('still has a readable message when the body is not the API error shape', () => {
    for (const body of [undefined, 'Bad Gateway', { error: 'nope' }, { error: { code: 'X', message: 'text' } }]) {
      const error = parseErrorBody(502, body, 'header-id');
      expect(error.code).toBe('UNEXPECTED_RESPONSE');
      expect(error.messages).toEqual(UNEXPECTED_RESPONSE_MESSAGE);
      expect(error.requestId).toBe('header-id');
    }
  });
});

describe('toQueryString', () => {
  it('leaves out empty parameters and encodes Thai text', () => {
    expect(toQueryString({ q: 'บ้านโป่ง', agencyId: null, provinceCode: '', limit: 25, offset: 0 })).toBe(
      `?q=${encodeURIComponent('บ้านโป่ง')}&limit=25&offset=0`,
    );
    expect(toQueryString({ q: undefined })).toBe('');
  });
});
