/**
 * Privacy benchmark: what masking and the audit trail's hash chain cost.
 *
 *   case read      GET /api/cases/:id by a case worker (identities shown) is the baseline; the same read by a
 *                  province coordinator (masked: one more query for an open break-the-glass, names masked on the
 *                  server) — both write their `case.view` audit event
 *   audit chain    inserting N audit events in batches of 1,000 (recordAudits, the bare write) is the baseline;
 *                  sealing them into the chain (audit.seal) and verifying the whole chain (verify-audit) are
 *                  compared with it, in events per second
 *
 * Engine: PGlite in memory, or PostgreSQL when DATABASE_URL is set. BENCH_AUDIT_EVENTS (default 100,000).
 * Results: printed, and written to bench/results/privacy-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordAudits } from '../server/src/platform/audit/audit.ts';
import { sealAuditEvents, verifyAuditChain } from '../server/src/platform/audit/audit-chain.ts';
import { resolveFieldKeys } from '../server/src/platform/crypto/field-keys.ts';
import { createFieldProtector } from '../server/src/platform/crypto/field-protection.ts';
import { createTestApp, signIn } from '../server/test/harness.ts';
import { formatPathResults, measurePaths } from './support/measure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);

const t = await createTestApp({ demo: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
const db = t.database.db;
const engine = t.database.engine;
const key = createFieldProtector(resolveFieldKeys(t.config)).derivedKey('audit-chain');

// A case at the Ratchaburi hospital, with a victim whose identities a coordinator sees masked.
const calltaker = await signIn(t.app, 'calltaker@oscc.example');
const created = await t.app.inject({
  method: 'POST',
  url: '/api/intake/contacts',
  headers: { cookie: calltaker },
  payload: {
    callerPhone: '0812223344',
    outcome: 'case',
    case: {
      problemTypes: ['domestic_violence'],
      location: { areaCode: '700101', address: '99/1 หมู่ 2' },
      narrative: 'ผู้แจ้งเล่าว่าผู้เสียหายถูกทำร้ายร่างกาย',
      people: [{ role: 'victim', name: 'สมหญิง ทดสอบ', idType: 'none', sex: 'female', phone: '0812223344' }],
    },
  },
});
const caseId = created.json().case.id as string;
const reads = await measurePaths(
  t.app,
  [
    {
      name: 'read, identified',
      url: `/api/cases/${caseId}`,
      headers: { cookie: await signIn(t.app, 'socialworker@oscc.example') },
    },
    {
      name: 'read, masked',
      url: `/api/cases/${caseId}`,
      headers: { cookie: await signIn(t.app, 'coordinator@oscc.example') },
    },
  ],
  DURATION_MS,
);

// The audit chain over EVENTS events shaped like case views.
await sealAuditEvents(db, key, t.clock); // what the set-up wrote
const insertStart = performance.now();
for (let done = 0; done < EVENTS; done += 1000) {
  const events = Array.from({ length: Math.min(1000, EVENTS - done) }, (_, i) => ({
    action: 'case.view',
    entityType: 'case',
    entityId: caseId,
    after: { identified: (done + i) % 2 === 0 },
    scope: { unitId: null, provinceCode: '70', ministryId: null },
  }));
  await recordAudits(db, { actorUserId: null, requestId: `bench-${done}`, now: t.clock.now() }, events);
}
const insertMs = performance.now() - insertStart;
const sealStart = performance.now();
const sealed = await sealAuditEvents(db, key, t.clock);
const sealMs = performance.now() - sealStart;
const verifyStart = performance.now();
const report = await verifyAuditChain(db, key);
const verifyMs = performance.now() - verifyStart;
if (!report.ok) throw new Error(`the chain does not verify: ${report.problems.join('; ')}`);

const perSecond = (count: number, ms: number) => count / (ms / 1000);
const chain = [
  { name: 'insert (baseline)', events: EVENTS, ms: insertMs, perSecond: perSecond(EVENTS, insertMs) },
  { name: 'seal', events: sealed, ms: sealMs, perSecond: perSecond(sealed, sealMs) },
  { name: 'verify whole chain', events: report.sealed, ms: verifyMs, perSecond: perSecond(report.sealed, verifyMs) },
].map((row, _, rows) => ({ ...row, ratioToBaseline: row.perSecond / rows[0]!.perSecond }));

console.log(`\nPrivacy benchmark on ${engine}\n`);
console.log(formatPathResults(reads, '  '));
console.log(`\n  audit chain, ${EVENTS.toLocaleString('en')} events`);
console.log('  case                    events        ms     events/s   vs baseline');
for (const row of chain)
  console.log(
    `  ${row.name.padEnd(20)} ${String(row.events).padStart(9)} ${row.ms.toFixed(0).padStart(9)} ${row.perSecond.toFixed(0).padStart(12)}   ${(row.ratioToBaseline * 100).toFixed(1).padStart(6)} %`,
  );
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', `privacy-${engine}.json`);
fs.writeFileSync(
  out,
  JSON.stringify({ engine, node: process.version, at: new Date().toISOString(), reads, chain }, null, 2),
);
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
await t.close();
