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

const cases: { name: string; url: string; headers?: Record<string, string> }[] = [
  { name: 'baseline', url: '/bench/bare' },
  { name: 'health', url: '/healthz' },
  { name: 'geography search', url: `/api/geography/search?q=${encodeURIComponent('บ้านโป่งราชบุรี')}` },
  { name: 'units (signed in)', url: '/api/units?provinceCode=70&limit=25', headers: { cookie } },
];

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  ratioToBaseline: number;
}

async function measure(
  url: string,
  headers: Record<string, string> = {},
): Promise<Omit<Result, 'name' | 'ratioToBaseline'>> {
  for (let i = 0; i < 50; i += 1) await t.app.inject({ url, headers }); // warm up
  const latencies: number[] = [];
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    const before = performance.now();
    const response = await t.app.inject({ url, headers });
    latencies.push(performance.now() - before);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p95Ms: at(0.95) };
}

const results: Result[] = [];
for (const benchCase of cases) {
  const measured = await measure(benchCase.url, benchCase.headers);
  const baseline = results[0]?.perSecond ?? measured.perSecond;
  results.push({ name: benchCase.name, ...measured, ratioToBaseline: measured.perSecond / baseline });
}
await t.close();

const engine = t.database.engine;
console.log(`\nPlatform benchmark on ${engine}, ${DURATION_MS} ms per case, sequential requests through app.inject\n`);
console.log('case                 req/s     p50 ms   p95 ms   throughput vs baseline');
for (const r of results) {
  console.log(
    `${r.name.padEnd(20)} ${r.perSecond.toFixed(0).padStart(7)}  ${r.p50Ms.toFixed(2).padStart(7)}  ${r.p95Ms.toFixed(2).padStart(7)}   ${(r.ratioToBaseline * 100).toFixed(1).padStart(6)} %`,
  );
}
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
