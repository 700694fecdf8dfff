import { describe, expect, it } from 'vitest';
import { createFieldProtector, FieldProtectionError, generateFieldKeys, parseFieldKeys } from './field-protection.ts';

const first = generateFieldKeys('k1');
const second = generateFieldKeys('k2');
const keysV1 = parseFieldKeys(first.fieldKeys, first.hashKey);
const keysV2 = parseFieldKeys(`${second.fieldKeys},${first.fieldKeys}`, first.hashKey);

describe('field protection', () => {
  const protector = createFieldProtector(keysV1);

  it('encrypts Thai text so that the stored value shows nothing of it, and reveals it again', () => {
    const name = 'เด็กหญิงสมใจ ใจดี';
    const token = protector.protect(name, 'person.name');
    expect(token).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+$/);
    expect(token).not.toContain('สมใจ');
    expect(protector.reveal(token, 'person.name')).toBe(name);
    // A fresh IV each time: equal values do not look equal.
    expect(protector.protect(name, 'person.name')).not.toBe(token);
  });

  it('refuses a value that was altered, or copied into another field', () => {
    const token = protector.protect('0812345678', 'person.phone');
    const parts = token.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const altered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
    expect(() => protector.reveal(altered, 'person.phone')).toThrow(FieldProtectionError);
    expect(() => protector.reveal(token, 'person.address')).toThrow(/another field/);
    expect(() => protector.reveal('plain text', 'person.phone')).toThrow(/not a protected value/);
  });

  it('keeps old values readable after a new key becomes current, and re-encrypts them on request', () => {
    const old = protector.protect('1101200023452', 'person.national_id');
    const rotated = createFieldProtector(keysV2);
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.reveal(old, 'person.national_id')).toBe('1101200023452');
    const renewed = rotated.reprotect(old, 'person.national_id');
    expect(renewed.startsWith('v1.k2.')).toBe(true);
    expect(rotated.needsRotation(renewed)).toBe(false);
    // A key that is gone cannot be used: the old installation cannot read the new value.
    expect(() => protector.reveal(renewed, 'person.national_id')).toThrow(/no key "k2"/);
  });

  it('finds equal values by a keyed hash that depends on the key and the kind of value', () => {
    const a = protector.blindIndex('phone', '+66812345678');
    expect(protector.blindIndex('phone', '+66812345678')).toBe(a);
    expect(protector.sameIndex(a, protector.blindIndex('phone', '+66812345678'))).toBe(true);
    expect(protector.blindIndex('national_id', '+66812345678')).not.toBe(a);
    const otherKey = createFieldProtector(parseFieldKeys(first.fieldKeys, second.hashKey));
    expect(otherKey.blindIndex('phone', '+66812345678')).not.toBe(a);
  });

  it('encrypts binary content (attachments) bound to its field, readable after a key rotation', () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo of an injury')]);
    const stored = protector.protectBytes(photo, 'attachment.content');
    expect(stored.includes(Buffer.from('photo of an injury'))).toBe(false);
    expect(protector.revealBytes(stored, 'attachment.content').equals(photo)).toBe(true);
    expect(createFieldProtector(keysV2).revealBytes(stored, 'attachment.content').equals(photo)).toBe(true);
    expect(() => protector.revealBytes(stored, 'attachment.other')).toThrow(/another field/);
    const altered = Buffer.from(stored);
    altered[altered.length - 20] = altered[altered.length - 20]! ^ 1;
    expect(() => protector.revealBytes(altered, 'attachment.content')).toThrow(FieldProtectionError);
    expect(() => protector.revealBytes(Buffer.from('plain'), 'attachment.content')).toThrow(/not protected/);
  });

  it('keeps optional fields optional', () => {
    expect(protector.protectOptional(null, 'person.address')).toBeNull();
    expect(protector.revealOptional(null, 'person.address')).toBeNull();
  });

  it('explains bad configuration without printing a key', () => {
    const bad: [string, string, RegExp][] = [
      ['', first.hashKey, /holds no key/],
      ['k1', first.hashKey, /id:base64key/],
      ['k1:c2hvcnQ=', first.hashKey, /32 bytes/],
      [`${first.fieldKeys},${first.fieldKeys}`, first.hashKey, /twice/],
      [first.fieldKeys, 'c2hvcnQ=', /FIELD_HASH_KEY must be 32 bytes/],
    ];
    for (const [fieldKeys, hashKey, message] of bad) {
      let error: unknown;
      try {
        parseFieldKeys(fieldKeys, hashKey);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FieldProtectionError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(first.fieldKeys.split(':')[1]!);
    }
  });
});
