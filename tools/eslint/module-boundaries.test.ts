import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { violation, zoneOf } from './module-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = (from: string, to: string): string | null =>
  violation(zoneOf(path.join(root, from)), zoneOf(path.join(root, to)));

describe('module boundaries', () => {
  it('lets a module use another module through its index only', () => {
    expect(check('server/src/modules/demo/seed-demo.ts', 'server/src/modules/identity/index.ts')).toBeNull();
    expect(check('server/src/modules/demo/seed-demo.ts', 'server/src/modules/identity/users.repository.ts')).toMatch(
      /through its index/,
    );
  });

  it('lets a module use its own internals and the platform', () => {
    expect(
      check(
        'server/src/modules/geography/geography.service.ts',
        'server/src/modules/geography/reference/load-geography-reference.ts',
      ),
    ).toBeNull();
    expect(
      check('server/src/modules/geography/geography.service.ts', 'server/src/platform/http/app-error.ts'),
    ).toBeNull();
  });

  it('keeps the platform free of modules', () => {
    expect(check('server/src/platform/db/database.ts', 'server/src/modules/identity/index.ts')).toMatch(/platform/);
    expect(check('server/src/platform/db/database.ts', 'server/src/database-schema.ts')).toBeNull();
    expect(check('server/src/platform/db/database.ts', 'server/src/app.ts')).toMatch(/platform/);
  });

  it('keeps the contract self-contained and server and web apart', () => {
    expect(check('contract/src/api/auth.ts', 'server/src/config.ts')).toMatch(/contract/);
    expect(check('web/src/lib/api.ts', 'server/src/app.ts')).toMatch(/web app must not import the server/);
    expect(check('server/src/app.ts', 'web/src/main.tsx')).toMatch(/server must not import the web/);
    expect(check('web/src/lib/api.ts', 'contract/src/index.ts')).toBeNull();
  });

  it('keeps web features apart', () => {
    expect(check('web/src/features/geography/components/a.tsx', 'web/src/features/auth/api/b.ts')).toMatch(
      /another feature/,
    );
    expect(check('web/src/lib/x.ts', 'web/src/features/auth/api/b.ts')).toMatch(/shared web code/);
    expect(check('web/src/app/router.tsx', 'web/src/features/auth/api/b.ts')).toBeNull();
  });
});
