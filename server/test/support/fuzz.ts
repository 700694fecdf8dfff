import fc from 'fast-check';

/**
 * Arbitraries for fuzzing the public endpoints: hostile strings and values, JSON bodies that are
 * valid-shaped with one field mutated, malformed JSON and multipart, query strings and path params.
 */

/** Strings that have broken parsers, databases and encoders before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'x\ud83dy', // half an emoji
  '\u202e\u0e01\u0e02\u200f', // right-to-left override, Thai, right-to-left mark
  '\ufeff\u200b\u200d', // byte-order mark, zero-width space and joiner
  '👩‍👩‍👧‍👦🇹🇭',
  'ก\u0e48\u0e48\u0e48\u0e48\u0e48\u0e48', // a Thai consonant with stacked tone marks
  'กรุงเทพมหานคร อมรรัตนโกสินทร์',
  '๐๘๑๒๓๔๕๖๗๘', // Thai digits
  "' OR '1'='1",
  "'; DROP TABLE case_file; --",
  '" OR 1=1 --',
  '1) UNION SELECT NULL,NULL--',
  "1' AND pg_sleep(5)--",
  '%',
  '_',
  '\\',
  '%00',
  '%%32%65',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '=cmd|" /C calc"!A0',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  '10',
  '70',
  '7001',
  '700101',
  'A'.repeat(257),
  '\r\nX-Injected: 1',
  '\t\v\f',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาิีุู่้๊๋็์'), maxLength: 60 }) },
  // Longer than every limit in the contract (and the 1 KB body of the status check).
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 70_000 }).map((n) => 'ก'.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...NASTY_STRINGS))
      .map(([a, b]) => `${a}${b}`),
  },
);

/** Any JSON value, with nesting, hostile strings and numbers JSON can carry. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63)),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** JSON that nests very deep (arrays and objects), as text. */
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 10, max: 30_000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

/** Text that is not JSON, or JSON the server should still refuse. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    'null',
    'true',
    '0',
    '"string"',
    '[]',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    'NaN',
    '{"a":1e99999}',
    '\u0000',
  ),
  deepJson,
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Content types a client might send (the right one among them). */
export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/xml',
  'application/octet-stream',
  'image/png',
  '*/*',
  ';;;',
  'application/json; boundary=x; charset=utf-16',
  undefined,
);

/**
 * Sets `path` of a plain object to `value`, creating objects on the way. Keys like `__proto__`
 * become own properties (as JSON.parse would make them), never the prototype.
 */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.forEach((key, index) => {
    const last = index === path.length - 1;
    const next = last
      ? value
      : Object.hasOwn(node, key) && typeof node[key] === 'object' && node[key] !== null
        ? node[key]
        : {};
    Object.defineProperty(node, key, { value: next, enumerable: true, writable: true, configurable: true });
    if (!last) node = next as Record<string, unknown>;
  });
}

export function removePath(target: Record<string, unknown>, path: readonly string[]): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[path[path.length - 1]!];
}

/** One change to a valid body: a field set to a hostile value, removed, or a new (or prototype) key added. */
export type Mutation =
  { kind: 'set'; path: string[]; value: unknown } | { kind: 'remove'; path: string[] } | { kind: 'none' };

export function mutation(paths: readonly string[][]): fc.Arbitrary<Mutation> {
  const path = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...paths) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom<string[]>([], ...paths.map((p) => p.slice(0, -1))),
          fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), nastyString),
        )
        .map(([parent, key]) => [...parent, key]),
    },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: nastyValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), path }) },
  );
}

export function applyMutation<T extends Record<string, unknown>>(body: T, change: Mutation): T {
  const copy = structuredClone(body);
  if (change.kind === 'set') setPath(copy, change.path, change.value);
  if (change.kind === 'remove') removePath(copy, change.path);
  return copy;
}

/** Percent-encodes text for a URL; lone surrogates become the bytes of an invalid UTF-8 sequence. */
export function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += '%ED%A0%80';
    else out += encodeURIComponent(char);
  }
  return out;
}

/** The longest path param Fastify's router takes (`maxParamLength`); longer ones are the framework's to refuse. */
export const MAX_PARAM_LENGTH = 100;

/** Encodes the longest start of `text` whose encoding fits in a path param. */
function shortEncoded(text: string): string {
  let out = '';
  for (const char of text) {
    const next = out + encode(char);
    if (next.length > MAX_PARAM_LENGTH) break;
    out = next;
  }
  return out;
}

/**
 * A path segment that the router takes: a hostile string (well-formed UTF-8 once percent-decoded, at most
 * `MAX_PARAM_LENGTH` long), dots, encoded slashes, digits.
 */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString.map((text) => shortEncoded(text.replace(/[\ud800-\udfff]/g, '\ufffd'))) },
  { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', ';x=1', '10', '%20', '+') },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,8}$/) },
);

/** Percent-escapes that do not decode: cut short, not hexadecimal, or not UTF-8 (a lone surrogate, an overlong form). */
export const brokenEscape: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%E0%A4'),
    fc.constantFrom('', 'a', '70'),
  )
  .map(([escape, around]) => `${around}${escape}${around}`);

/** Path params the router itself refuses: escapes that do not decode, and params over its length limit. */
export const unroutableSegment: fc.Arbitrary<string> = fc.oneof(
  brokenEscape,
  fc.integer({ min: MAX_PARAM_LENGTH + 1, max: 5_000 }).map((n) => '7'.repeat(n)),
  fc.integer({ min: 12, max: 400 }).map((n) => encode('ก'.repeat(n))),
);

/** A query string of random keys and values (sometimes repeated, sometimes with bracket syntax). */
export function queryString(keys: readonly string[] = []): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...keys, '__proto__', 'constructor', '__proto__[x]', 'a[b][c]', 'a[]', ''),
    nastyString,
  );
  const pair = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(key, nastyString).map(([k, v]) => `${encode(k)}=${encode(v)}`) },
    { weight: 1, arbitrary: fc.constantFrom('%', '=', '&&', 'a=%zz', 'a', '==', '%ED%A0%80=1', 'a=1;b=2') },
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join('&'));
}

/** A multipart/form-data body, built by hand so it can also be wrong. */
export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  content: Buffer;
}

export function multipartBody(parts: readonly MultipartPart[], boundary: string, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      `form-data; name="${part.name}"` + (part.fileName !== undefined ? `; filename="${part.fileName}"` : '');
    const headers = [`Content-Disposition: ${disposition}`];
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`);
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`), part.content, Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

/** Photo-ish contents: a real PNG, one with bytes after it, a truncated one, a script, nothing, garbage. */
export const fileContent: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(PNG) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([PNG, Buffer.from(bytes)])) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: PNG.length - 1 }).map((n) => PNG.subarray(0, n)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from('<?php system($_GET["c"]); ?>')) },
  { weight: 1, arbitrary: fc.constant(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0xff, 0xd8, 0xff])) }, // the start of a JPEG, nothing more
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
);

/** Every unique address the fuzzer sends from, so the per-address rate limits stay out of the way. */
let address = 0;
export function nextAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}
