/**
 * National-scale units benchmark: the documents' 21,553 Front Line units in
 * nine agencies, generated as one CSV and brought in through the units
 * import (dry run, then apply) — against a baseline of the same units
 * inserted bare. Then every way the directory is read, with all of them in
 * the database, against a bare route in the same process:
 *
 *   baseline              GET /bench/bare (a constant)
 *   first page            GET /api/units (active, by name, 25 a page, counted)
 *   last page             GET /api/units?offset=21525
 *   Thai search           GET /api/units?q=โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโป่ง (no spaces)
 *   ministry subtree      GET /api/units?agencyId=<MOPH> (the ministry and all below)
 *   area                  GET /api/units?areaCode=<a subdistrict> (units answering for it)
 *   province + problem    GET /api/units?provinceCode=70&problemType=violence
 *   one unit              GET /api/units/:id (areas and problem types)
 *
 * Engine: PGlite in memory, or PostgreSQL when DATABASE_URL is set.
 * Results: printed, and written to bench/results/units-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUnitImportService } from '../server/src/modules/organisations/index.ts';
import { CONSOLE_OPERATOR } from '../server/src/platform/authorization/console-operator.ts';
import { createTestApp, signIn } from '../server/test/harness.ts';
import { formatPathResults, measurePaths, type PathCase } from './support/measure.ts';

const TOTAL_UNITS = Number(process.env.BENCH_UNITS ?? 21_553);
const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const here = path.dirname(fileURLToPath(import.meta.url));

const t = await createTestApp({
  demo: true,
  env: { RATE_LIMIT_PER_MINUTE: '100000' },
  extend(app) {
    app.get('/bench/bare', { config: { access: { public: true } } }, async () => ({ ok: true }));
  },
});
const db = t.database.db;
const existing = (await db.selectFrom('unit').select('id').execute()).length;
const subdistricts = await db
  .selectFrom('geo_subdistrict')
  .innerJoin('geo_district', 'geo_district.code', 'geo_subdistrict.district_code')
  .select([
    'geo_subdistrict.code',
    'geo_subdistrict.name_th',
    'geo_subdistrict.district_code',
    'geo_subdistrict.province_code',
    'geo_district.name_th as district_name_th',
  ])
  .orderBy('geo_subdistrict.code')
  .execute();

// The documents' counts per agency (MSDHS 324, MOPH 10,579, …), scaled to what the demo has not yet created.
const AGENCIES: [
  code: string,
  documented: number,
  type: string,
  name: (s: (typeof subdistricts)[number]) => string,
  area: 'subdistrict' | 'district' | 'province',
  problems: string,
][] = [
  [
    'MOPH-OPS',
    10_579,
    'hospital_crisis_centre',
    (s) => `โรงพยาบาลส่งเสริมสุขภาพตำบล${s.name_th}`,
    'subdistrict',
    'violence,teen_pregnancy',
  ],
  [
    'MOI-DLA',
    8_729,
    'subdistrict_administrative_organisation',
    (s) => `องค์การบริหารส่วนตำบล${s.name_th}`,
    'subdistrict',
    'poverty,elderly,disability',
  ],
  [
    'RTP',
    1_465,
    'police_station',
    (s) => `สถานีตำรวจภูธร${s.district_name_th}`,
    'district',
    'human_trafficking,violence,missing_person',
  ],
  [
    'MSDHS-OPS',
    324,
    'msdhs_protection_centre',
    (s) => `ศูนย์คุ้มครองคนไร้ที่พึ่ง${s.district_name_th}`,
    'province',
    'homelessness,begging,violence',
  ],
  ['MOE-OBEC', 225, 'school', (s) => `โรงเรียนบ้าน${s.name_th}`, 'subdistrict', 'children_youth,teen_pregnancy'],
  ['BMA-SDD', 127, 'municipality', (s) => `ศูนย์บริการสาธารณสุข ${s.name_th}`, 'district', 'violence,poverty'],
  ['MOJ-RLPD', 77, 'justice_office', (s) => `สำนักงานยุติธรรม${s.district_name_th}`, 'province', 'violence,drugs'],
  [
    'MOL-DLPW',
    26,
    'labour_protection_office',
    (s) => `ศูนย์คุ้มครองแรงงาน${s.district_name_th}`,
    'province',
    'child_labour,human_trafficking',
  ],
  ['PATTAYA', 1, 'municipality', () => 'ศูนย์ช่วยเหลือสังคมเมืองพัทยา', 'district', 'violence'],
];
const documentedTotal = AGENCIES.reduce((sum, [, n]) => sum + n, 0);
const toCreate = Math.max(0, TOTAL_UNITS - existing);
const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const lines = ['รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภทหน่วยงาน,สังกัด,จังหวัด,อำเภอ/เขต,ตำบล/แขวง,เวลาทำการ,พื้นที่รับผิดชอบ,ประเภทปัญหาที่รับ'];
let created = 0;
for (const [index, [agency, documented, type, name, area, problems]] of AGENCIES.entries()) {
  const count =
    index === AGENCIES.length - 1 ? toCreate - created : Math.round((documented / documentedTotal) * toCreate);
  for (let i = 0; i < count; i += 1) {
    const s = subdistricts[(i * 7 + index * 13) % subdistricts.length]!;
    const areaCode = area === 'subdistrict' ? s.code : area === 'district' ? s.district_code : s.province_code;
    const hours = type === 'police_station' || type === 'hospital_crisis_centre' ? '24 ชั่วโมง' : 'เวลาราชการ';
    lines.push(
      [
        `${agency}-B${String(i + 1).padStart(5, '0')}`,
        quote(`${name(s)} ${i + 1}`),
        type,
        agency,
        s.province_code.trim(),
        s.district_code.trim(),
        s.code.trim(),
        hours,
        areaCode.trim(),
        quote(problems),
      ].join(','),
    );
  }
  created += count;
}
const csv = Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8');
const importer = createUnitImportService({ db, clock: t.clock });

let started = performance.now();
const dryRun = await importer.importFile(
  CONSOLE_OPERATOR,
  { name: 'units.csv', content: csv },
  { apply: false, auditActorId: null },
);
const dryRunMs = performance.now() - started;
started = performance.now();
const applied = await importer.importFile(
  CONSOLE_OPERATOR,
  { name: 'units.csv', content: csv },
  { apply: true, auditActorId: null },
);
const applyMs = performance.now() - started;
if (dryRun.summary.error > 0)
  throw new Error(`generated rows have errors: ${JSON.stringify(dryRun.rows.find((r) => r.action === 'error'))}`);
const total = (await db.selectFrom('unit').select('id').execute()).length;

// Baseline: the same number of units inserted bare in batches of 500 (no parsing, no checks, no areas, no audit).
const agencyId = (await db.selectFrom('agency').select('id').where('code', '=', 'MOPH-OPS').executeTakeFirstOrThrow())
  .id;
started = performance.now();
for (let i = 0; i < toCreate; i += 500) {
  await db
    .insertInto('unit')
    .values(
      Array.from({ length: Math.min(500, toCreate - i) }, (_, k) => ({
        agency_id: agencyId,
        parent_unit_id: null,
        code: `BASELINE-${i + k}`,
        type: 'other',
        name_th: `หน่วยทดสอบ ${i + k}`,
        name_en: null,
        province_code: null,
        district_code: null,
        subdistrict_code: null,
        address: null,
        postcode: null,
        phone: null,
        email: null,
        office_hours: null,
        deactivated_at: null,
        created_at: new Date(),
        updated_at: new Date(),
      })),
    )
    .execute();
}
const baselineMs = performance.now() - started;
// The baseline rows are not part of the directory being read below.
await db.deleteFrom('unit').where('code', 'like', 'BASELINE-%').execute();

const cookie = await signIn(t.app, 'coordinator@oscc.example');
const moph = (await db.selectFrom('agency').select('id').where('code', '=', 'MOPH').executeTakeFirstOrThrow()).id;
const oneUnit = (
  await db.selectFrom('unit').select('id').where('code', '=', 'MOPH-OPS-B00001').executeTakeFirstOrThrow()
).id;
const cases: PathCase[] = [
  { name: 'baseline', url: '/bench/bare' },
  { name: 'first page', url: '/api/units', headers: { cookie } },
  { name: 'last page', url: `/api/units?offset=${Math.max(0, total - 25)}`, headers: { cookie } },
  {
    name: 'Thai search',
    url: `/api/units?q=${encodeURIComponent('โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโป่ง')}`,
    headers: { cookie },
  },
  { name: 'ministry subtree', url: `/api/units?agencyId=${moph}`, headers: { cookie } },
  { name: 'area', url: '/api/units?areaCode=700501', headers: { cookie } },
  { name: 'province + problem', url: '/api/units?provinceCode=70&problemType=violence', headers: { cookie } },
  { name: 'one unit', url: `/api/units/${oneUnit}`, headers: { cookie } },
];

const results = await measurePaths(t.app, cases, DURATION_MS);
const engine = t.database.engine;
await t.close();

console.log(`\nUnits at national scale on ${engine}: ${total} units (${toCreate} imported from one CSV)`);
console.log(`  import dry run:                 ${(dryRunMs / 1000).toFixed(1)} s`);
console.log(
  `  import apply (with areas, problem types, audit): ${(applyMs / 1000).toFixed(1)} s (${applied.summary.create} created)`,
);
console.log(
  `  baseline: bare batched insert:  ${(baselineMs / 1000).toFixed(1)} s → apply costs ${(applyMs / baselineMs).toFixed(1)}× the bare insert`,
);
console.log(`\n${formatPathResults(results, '  ')}`);
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', `units-${engine}.json`);
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      engine,
      units: total,
      imported: toCreate,
      durationMs: DURATION_MS,
      node: process.version,
      at: new Date().toISOString(),
      import: {
        dryRunMs: Math.round(dryRunMs),
        applyMs: Math.round(applyMs),
        baselineBareInsertMs: Math.round(baselineMs),
        applyVsBaseline: Number((applyMs / baselineMs).toFixed(1)),
      },
      results,
    },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
