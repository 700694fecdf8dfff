import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { resolveFieldKeys } from './field-keys.ts';
import { createFieldProtector, generateFieldKeys } from './field-protection.ts';

describe('where the field keys come from', () => {
  it('keeps the embedded database’s own keys next to its data, readable by the owner only, and reuses them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-keys-'));
    try {
      const config = loadConfig({ DATA_DIR: path.join(dir, 'data') });
      const first = resolveFieldKeys(config);
      const file = path.join(dir, 'data', 'field-keys.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const token = createFieldProtector(first).protect('0812345678', 'person.phone');
      // The next start reads the same keys: what was protected stays readable.
      expect(createFieldProtector(resolveFieldKeys(config)).reveal(token, 'person.phone')).toBe('0812345678');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers configured keys', () => {
    const keys = generateFieldKeys('prod1');
    const resolved = resolveFieldKeys(
      loadConfig({ DATA_DIR: '/nonexistent/never-created', FIELD_KEYS: keys.fieldKeys, FIELD_HASH_KEY: keys.hashKey }),
    );
    expect(resolved.currentKeyId).toBe('prod1');
    expect(fs.existsSync('/nonexistent/never-created')).toBe(false);
  });
});
