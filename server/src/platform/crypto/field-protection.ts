import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/**
 * Field-level protection of identifying data (names, ID numbers, phone
 * numbers, addresses, narratives of victims): AES-256-GCM under keys from
 * configuration, bound to the column it belongs to, with key rotation; and
 * keyed hashes (HMAC-SHA-256 "blind indexes") so a phone or an ID can be
 * found by exact match without being stored in the clear. The same on PGlite
 * and PostgreSQL: the database only ever sees text.
 *
 * A protected value is `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The
 * key id says which key decrypts it, so old values keep working after a new
 * key becomes current and can be re-encrypted at leisure (`reprotect`).
 */

export interface FieldKeys {
  /** Encryption keys by id; each 32 bytes. */
  readonly encryption: ReadonlyMap<string, Buffer>;
  /** The id of the key new values are encrypted with. */
  readonly currentKeyId: string;
  /** The key of the blind indexes (32 bytes); rotating it means re-indexing. */
  readonly hashKey: Buffer;
}

export class FieldProtectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldProtectionError';
  }
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function keyOf(text: string, what: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new FieldProtectionError(`${what} must be 32 bytes, base64-encoded (got ${key.length})`);
  return key;
}

/**
 * Reads keys as configured: `FIELD_KEYS` = "id:base64,id:base64,…" (the first
 * is current) and `FIELD_HASH_KEY` = base64. Errors name the variable, never
 * a key.
 */
export function parseFieldKeys(fieldKeys: string, hashKey: string): FieldKeys {
  const encryption = new Map<string, Buffer>();
  let currentKeyId: string | null = null;
  for (const entry of fieldKeys
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID.test(id)) throw new FieldProtectionError('FIELD_KEYS entries must look like id:base64key');
    if (encryption.has(id)) throw new FieldProtectionError(`FIELD_KEYS names key "${id}" twice`);
    encryption.set(id, keyOf(entry.slice(separator + 1), `FIELD_KEYS key "${id}"`));
    currentKeyId ??= id;
  }
  if (!currentKeyId) throw new FieldProtectionError('FIELD_KEYS holds no key');
  return { encryption, currentKeyId, hashKey: keyOf(hashKey, 'FIELD_HASH_KEY') };
}

/** A fresh set of keys, for a new installation (see `loadOrCreateFieldKeys`). */
export function generateFieldKeys(keyId = 'k1'): { fieldKeys: string; hashKey: string } {
  return {
    fieldKeys: `${keyId}:${randomBytes(32).toString('base64')}`,
    hashKey: randomBytes(32).toString('base64'),
  };
}

export function createFieldProtector(keys: FieldKeys) {
  // Key objects made once: a raw key handed to every cipher is turned into one on each call (measurable per intake).
  const keyObjects = new Map<string, KeyObject>([...keys.encryption].map(([id, raw]) => [id, createSecretKey(raw)]));
  const hashKey = createSecretKey(keys.hashKey);
  const current = keyObjects.get(keys.currentKeyId);
  if (!current) throw new FieldProtectionError(`the current key "${keys.currentKeyId}" is not among the keys`);

  function protect(plaintext: string, field: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current!, iv);
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, keys.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  function reveal(token: string, field: string): string {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new FieldProtectionError('not a protected value');
    const key = keyObjects.get(parts[1]!);
    if (!key) throw new FieldProtectionError(`no key "${parts[1]}" to reveal this value`);
    const iv = Buffer.from(parts[2]!, 'base64url');
    const body = Buffer.from(parts[3]!, 'base64url');
    if (iv.length !== 12 || body.length < 16) throw new FieldProtectionError('not a protected value');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      // Altered, or moved from another column: either way it must not be believed.
      throw new FieldProtectionError('the protected value was altered or belongs to another field');
    }
  }

  /**
   * Binary content (attachments) under the same keys: one header byte (1),
   * the key id's length and the key id, the 12-byte IV, the ciphertext and
   * the 16-byte tag — bound to `field` like text values.
   */
  function protectBytes(plain: Uint8Array, field: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current!, iv);
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const keyId = Buffer.from(keys.currentKeyId, 'utf8');
    return Buffer.concat([
      Buffer.from([1, keyId.length]),
      keyId,
      iv,
      cipher.update(plain),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
  }

  function revealBytes(stored: Uint8Array, field: string): Buffer {
    const data = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    if (data.length < 2 || data[0] !== 1) throw new FieldProtectionError('not protected content');
    const keyIdEnd = 2 + data[1]!;
    const key = keyObjects.get(data.subarray(2, keyIdEnd).toString('utf8'));
    if (!key) throw new FieldProtectionError('no key to reveal this content');
    if (data.length < keyIdEnd + 12 + 16) throw new FieldProtectionError('not protected content');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(keyIdEnd, keyIdEnd + 12));
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    try {
      return Buffer.concat([decipher.update(data.subarray(keyIdEnd + 12, data.length - 16)), decipher.final()]);
    } catch {
      throw new FieldProtectionError('the protected content was altered or belongs to another field');
    }
  }

  return {
    protect,
    reveal,
    protectBytes,
    revealBytes,
    /** Null stays null: optional fields are protected when present. */
    protectOptional: (plaintext: string | null | undefined, field: string): string | null =>
      plaintext === null || plaintext === undefined ? null : protect(plaintext, field),
    revealOptional: (token: string | null, field: string): string | null =>
      token === null ? null : reveal(token, field),
    /** Whether a value is under an older key (for the rotation job). */
    needsRotation: (token: string): boolean => token.split('.')[1] !== keys.currentKeyId,
    /** Whether protected content (bytes) is under an older key. */
    bytesNeedRotation: (stored: Uint8Array): boolean => {
      const data = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      return data.length < 2 || data.subarray(2, 2 + data[1]!).toString('utf8') !== keys.currentKeyId;
    },
    /** The same value under the current key. */
    reprotect: (token: string, field: string): string => protect(reveal(token, field), field),
    /**
     * A keyed hash of an already normalised value (E.164 phone, 13 ID digits),
     * for exact-match search. `kind` separates indexes, so the same digits as
     * a phone and as an ID do not collide.
     */
    blindIndex: (kind: string, normalised: string): string =>
      createHmac('sha256', hashKey).update(`${kind}\u0000${normalised}`, 'utf8').digest('base64url'),
    /**
     * A key for another purpose (the audit chain's HMAC, CSRF tokens), derived
     * from the hash key with HKDF-SHA-256 and the purpose as its label, so no
     * new secret needs configuring and no two purposes share a key.
     */
    derivedKey: (purpose: string): Buffer =>
      Buffer.from(hkdfSync('sha256', keys.hashKey, Buffer.alloc(0), `oscc:${purpose}`, 32)),
    /** Constant-time comparison of two blind indexes. */
    sameIndex: (a: string, b: string): boolean => {
      const left = Buffer.from(a);
      const right = Buffer.from(b);
      return left.length === right.length && timingSafeEqual(left, right);
    },
  };
}

export type FieldProtector = ReturnType<typeof createFieldProtector>;
