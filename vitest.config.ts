import { defineConfig } from 'vitest/config';

/**
 * One runner, four projects:
 *  - unit: pure code, no database (contract, server *.test.ts, not *.api.test.ts);
 *  - api:  the real app on a real engine — PGlite in memory, or PostgreSQL when
 *          DATABASE_URL is set (each file gets a throw-away copy of a database
 *          prepared once per run);
 *  - web:  the web app's pure helpers;
 *  - e2e:  real Chromium against the real server (needs `npm run build:web`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['contract/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.api.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Prepares the database once (with and without demo data); each file's app starts from a copy.
          globalSetup: ['server/test/global-setup.ts'],
          // PGlite is WebAssembly and one file's database is ~100 MB of heap;
          // two at a time suits a 2-core machine.
          maxWorkers: 2,
          // The files of a worker share its imports (Fastify, Kysely, the app's modules: a fifth of the run when each
          // file imported them again). Each file still builds its own app on its own database; the app keeps no
          // state in its modules, the tests use no mocks, and the harness's one shared map (TOTP secrets by e-mail)
          // is set again by every enrolment.
          isolate: false,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One file at a time: a file keeps both cores busy (its server, Chromium drawing in software, and the
          // next file's server starting in the pool); two at a time made each file over twice as slow, the run slower.
          fileParallelism: false,
          // The files share one worker (each still has its own server, data folder and browser contexts, and keeps
          // no state in the support modules), which spares a new process and its imports for every file.
          isolate: false,
          // Prepares one server data folder once; each file's server starts from a copy of it.
          globalSetup: ['e2e/support/global-setup.ts'],
        },
      },
    ],
  },
});
