/**
 * Front Line 1 import benchmark: 10,000 rows (one province form), parsed,
 * planned (dry run) and applied on a fresh database — against a baseline of
 * the same 10,000 users inserted bare in batches, in the same process.
 * Results: printed and written to bench/results/import-users-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildFrontLine1Workbook,
  generateFrontLine1People,
} from '../server/src/modules/people/front-line-1/build-front-line-1-fixture.ts';
import { createUserImportService } from '../server/src/modules/people/index.ts';
import { CONSOLE_OPERATOR } from '../server/src/platform/authorization/console-operator.ts';
import { createTestApp } from '../server/test/harness.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const here = path.dirname(fileURLToPath(import.meta.url));

const people = generateFrontLine1People(ROWS, { emailPrefix: 'bench' }).map((p) => ({
  ...p,
  unit: { ...p.unit, province: 'ราชบุรี' },
}));
let started = performance.now();
const workbook = await buildFrontLine1Workbook({
  sheets: [{ form: 'province', placeName: 'ราชบุรี', people, blankRowAfter: null }],
});
const buildMs = performance.now() - started;

const t = await createTestApp({ demo: true });
const importer = createUserImportService({
  db: t.database.db,
  clock: t.clock,
  appUrl: 'http://localhost:3000',
  invitationTtlHours: 72,
});

started = performance.now();
const dryRun = await importer.importFile(
  CONSOLE_OPERATOR,
  { name: 'bench.xlsx', content: workbook },
  { apply: false, auditActorId: null },
);
const dryRunMs = performance.now() - started;
started = performance.now();
const applied = await importer.importFile(
  CONSOLE_OPERATOR,
  { name: 'bench.xlsx', content: workbook },
  { apply: true, auditActorId: null },
);
const applyMs = performance.now() - started;

// Baseline: the same number of users, inserted bare in batches of 500 (no parsing, no checks, no invitations).
const unit = await t.database.db.selectFrom('unit').select('id').limit(1).executeTakeFirstOrThrow();
started = performance.now();
for (let i = 0; i < ROWS; i += 500) {
  await t.database.db
    .insertInto('app_user')
    .values(
      Array.from({ length: Math.min(500, ROWS - i) }, (_, k) => ({
        email: `baseline${i + k}@example.org`,
        password_hash: null,
        first_name_th: 'ทดสอบ',
        last_name_th: 'ฐาน',
        unit_id: unit.id,
      })),
    )
    .execute();
}
const baselineMs = performance.now() - started;
const engine = t.database.engine;
await t.close();

const result = {
  engine,
  rows: ROWS,
  buildWorkbookMs: Math.round(buildMs),
  dryRunMs: Math.round(dryRunMs),
  applyMs: Math.round(applyMs),
  baselineBareInsertMs: Math.round(baselineMs),
  applyVsBaseline: Number((applyMs / baselineMs).toFixed(1)),
  created: applied.summary.create,
  errors: dryRun.summary.error,
};
console.log(`\nFront Line 1 import of ${ROWS} rows on ${engine}`);
console.log(`  dry run (parse + plan):            ${(dryRunMs / 1000).toFixed(1)} s`);
console.log(
  `  apply (parse + plan + write all):  ${(applyMs / 1000).toFixed(1)} s  (${applied.summary.create} users created)`,
);
console.log(
  `  baseline: bare batched insert:     ${(baselineMs / 1000).toFixed(1)} s  → apply costs ${result.applyVsBaseline}× the bare insert`,
);
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', `import-users-${engine}.json`), JSON.stringify(result, null, 2));
