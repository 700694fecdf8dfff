/**
 * Platform benchmark: each API path against a bare baseline measured in the
 * same process, on the same engine, with the same inject harness — so the
 * ratios say what our layers cost, whatever the machine.
 *
 *   baseline        GET /bench/bare: a public route that returns a constant
 *   health          GET /healthz: + one database round trip
 *   geography       GET /api/geography/search?q=บ้านโป่งราชบุรี: segmentation + 3 searches
 *   units (signed)  GET /api/units?provinceCode=70: session lookup + permission + paged, counted SQL
 *
 * Engine: PGlite in memory, or PostgreSQL when DATABASE_URL is set.
 * Results: printed, and written to bench/results/platform-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp, signIn } from '../server/test/harness.ts';
import { formatPathResults, measurePaths, type PathCase } from './support/measure.ts';

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const here = path.dirname(fileURLToPath(import.meta.url));

const t = await createTestApp({
  demo: true,
  // The benchmark is one client sending thousands of requests a second: lift the per-client limit.
  env: { RATE_LIMIT_PER_MINUTE: '100000' },
  extend(app) {
    app.get('/bench/bare', { config: { access: { public: true } } }, async () => ({ ok: true }));
  },
});
const cookie = await signIn(t.app, 'coordinator@oscc.example');

const cases: PathCase[] = [
  { name: 'baseline', url: '/bench/bare' },
  { name: 'health', url: '/healthz' },
  { name: 'geography search', url: `/api/geography/search?q=${encodeURIComponent('บ้านโป่งราชบุรี')}` },
  { name: 'units (signed in)', url: '/api/units?provinceCode=70&limit=25', headers: { cookie } },
];

const results = await measurePaths(t.app, cases, DURATION_MS);
await t.close();

const engine = t.database.engine;
console.log(`\nPlatform benchmark on ${engine}, ${DURATION_MS} ms per case, sequential requests through app.inject\n`);
console.log(formatPathResults(results));
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', `platform-${engine}.json`);
fs.writeFileSync(
  out,
  JSON.stringify(
    { engine, durationMs: DURATION_MS, node: process.version, at: new Date().toISOString(), results },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
