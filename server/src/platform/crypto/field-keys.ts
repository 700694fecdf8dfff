import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { generateFieldKeys, parseFieldKeys, type FieldKeys } from './field-protection.ts';

const KEY_FILE = 'field-keys.json';

/**
 * The keys protecting identifying fields. Configured keys win. Without them
 * the embedded database keeps its own next to its data (`field-keys.json`,
 * readable by the owner only), created on first start — back it up with the
 * data: without it the protected fields cannot be read. PostgreSQL needs the
 * keys configured (loadConfig refuses to start without them).
 */
export function resolveFieldKeys(config: Config): FieldKeys {
  if (config.fieldKeys) return parseFieldKeys(config.fieldKeys.fieldKeys, config.fieldKeys.hashKey);
  if (config.database.engine !== 'pglite') throw new Error('FIELD_KEYS are required with PostgreSQL');
  const file = path.join(config.database.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.database.dataDir, { recursive: true });
    const generated = generateFieldKeys();
    // 'wx': never overwrite keys another process wrote a moment ago.
    try {
      fs.writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { fieldKeys?: string; hashKey?: string };
  if (!stored.fieldKeys || !stored.hashKey) throw new Error(`${file} is damaged: it holds no keys`);
  return parseFieldKeys(stored.fieldKeys, stored.hashKey);
}
