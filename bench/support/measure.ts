import type { FastifyInstance } from 'fastify';

export interface PathResult {
  name: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Throughput as a share of the first case's (the bare baseline), 1 = as fast. */
  ratioToBaseline: number;
}

export interface PathCase {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** Sends one request after another for `durationMs` (after a warm-up) and reports throughput and latency. */
async function measure(app: FastifyInstance, benchCase: PathCase, durationMs: number) {
  const headers = benchCase.headers ?? {};
  for (let i = 0; i < 20; i += 1) await app.inject({ url: benchCase.url, headers });
  const latencies: number[] = [];
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    const before = performance.now();
    const response = await app.inject({ url: benchCase.url, headers });
    latencies.push(performance.now() - before);
    if (response.statusCode !== 200) throw new Error(`${benchCase.url} answered ${response.statusCode}`);
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** Measures each case in turn; the first is the baseline the others are compared with. */
export async function measurePaths(app: FastifyInstance, cases: PathCase[], durationMs: number): Promise<PathResult[]> {
  const results: PathResult[] = [];
  for (const benchCase of cases) {
    const measured = await measure(app, benchCase, durationMs);
    const baseline = results[0]?.perSecond ?? measured.perSecond;
    results.push({ name: benchCase.name, ...measured, ratioToBaseline: measured.perSecond / baseline });
  }
  return results;
}

/** The results as an aligned table. */
export function formatPathResults(results: PathResult[], indent = ''): string {
  const lines = [`${indent}case                  req/s     p50 ms   p95 ms   throughput vs baseline`];
  for (const r of results)
    lines.push(
      `${indent}${r.name.padEnd(20)} ${r.perSecond.toFixed(0).padStart(7)}  ${r.p50Ms.toFixed(2).padStart(7)}  ${r.p95Ms.toFixed(2).padStart(7)}   ${(r.ratioToBaseline * 100).toFixed(1).padStart(6)} %`,
    );
  return lines.join('\n');
}
