import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { generateFieldKeys } from './platform/crypto/field-protection.ts';

const generated = generateFieldKeys();
const KEYS = { FIELD_KEYS: generated.fieldKeys, FIELD_HASH_KEY: generated.hashKey };

describe('configuration', () => {
  it('runs on the embedded database in ./data with no configuration at all', () => {
    const config = loadConfig({}, '/srv/oscc');
    expect(config.database).toEqual({ engine: 'pglite', dataDir: '/srv/oscc/data' });
    expect(config.port).toBe(3000);
    expect(config.demoData).toBe(true);
    expect(config.jobs).toBe('embedded');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, without demo data', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://oscc@db/oscc', DATABASE_POOL_SIZE: '20', ...KEYS });
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://oscc@db/oscc',
      poolSize: 20,
      directUrl: 'postgres://oscc@db/oscc',
      read: null,
    });
    expect(config.demoData).toBe(false);
  });

  it('reads the reports from a replica with READ_DATABASE_URL, and listens and migrates over DATABASE_DIRECT_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://oscc@pgbouncer:6432/oscc',
      DATABASE_DIRECT_URL: 'postgres://oscc@primary:5432/oscc',
      READ_DATABASE_URL: 'postgresql://oscc@replica:5432/oscc',
      DATABASE_POOL_SIZE: '20',
      ...KEYS,
    });
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://oscc@pgbouncer:6432/oscc',
      poolSize: 20,
      directUrl: 'postgres://oscc@primary:5432/oscc',
      read: { url: 'postgresql://oscc@replica:5432/oscc', poolSize: 20 },
    });
    const sized = loadConfig({
      DATABASE_URL: 'postgres://oscc@db/oscc',
      READ_DATABASE_URL: 'postgres://oscc@replica/oscc',
      READ_DATABASE_POOL_SIZE: '3',
      ...KEYS,
    });
    expect(sized.database.engine === 'postgres' && sized.database.read).toEqual({
      url: 'postgres://oscc@replica/oscc',
      poolSize: 3,
    });
  });

  it('refuses a replica or a direct URL without DATABASE_URL, and URLs that are not PostgreSQL', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ READ_DATABASE_URL: 'postgres://oscc@replica/oscc' })).toEqual([
      expect.stringMatching(/^READ_DATABASE_URL: needs DATABASE_URL/),
    ]);
    expect(problemsOf({ DATABASE_DIRECT_URL: 'postgres://oscc@db/oscc', READ_DATABASE_POOL_SIZE: '4' })).toEqual([
      expect.stringMatching(/^READ_DATABASE_POOL_SIZE: needs DATABASE_URL/),
      expect.stringMatching(/^DATABASE_DIRECT_URL: needs DATABASE_URL/),
    ]);
    const wrong = problemsOf({
      DATABASE_URL: 'postgres://oscc@db/oscc',
      READ_DATABASE_URL: 'mysql://replica/oscc',
      DATABASE_DIRECT_URL: 'http://db',
      ...KEYS,
    });
    expect(wrong.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_DIRECT_URL', 'READ_DATABASE_URL']);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        JOBS: 'sometimes',
        SESSION_TTL_HOURS: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'JOBS', 'LOG_LEVEL', 'PORT', 'SESSION_TTL_HOURS']);
    expect((error as ConfigError).message).toContain('PORT');
  });

  it('needs the field-protection keys with PostgreSQL, both of them, well formed — and never prints them', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ DATABASE_URL: 'postgres://oscc@db/oscc' })[0]).toMatch(/required with DATABASE_URL/);
    expect(problemsOf({ FIELD_KEYS: KEYS.FIELD_KEYS })[0]).toMatch(/both or neither/);
    const short = problemsOf({ FIELD_KEYS: 'k1:c2hvcnQ=', FIELD_HASH_KEY: KEYS.FIELD_HASH_KEY });
    expect(short[0]).toMatch(/32 bytes/);
    expect(short.join()).not.toContain(KEYS.FIELD_HASH_KEY);
    expect(loadConfig(KEYS).fieldKeys).toEqual({ fieldKeys: KEYS.FIELD_KEYS, hashKey: KEYS.FIELD_HASH_KEY });
    expect(loadConfig({}).fieldKeys).toBeNull(); // the embedded database keeps its own
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: '' }, '/x').port).toBe(3000);
  });
});
