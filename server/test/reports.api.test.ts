import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, ReportCasePage, ReportDocument } from '@oscc/contract';
import { createServices } from '../src/app.ts';
import { checkDueDeadlines } from '../src/modules/alarms/index.ts';
import { seedDemoCases } from '../src/modules/demo/index.ts';
import { foldReportDeltas } from '../src/modules/reports/index.ts';
import { cohortFigures, contactFigures, DIMENSIONS, medians, resolveFilter } from '../src/modules/reports/figures.ts';
import { reportScope } from '../src/modules/reports/report-scope.ts';
import { createFieldProtector, parseFieldKeys } from '../src/platform/crypto/field-protection.ts';
import { createMailer, sendPendingEmails } from '../src/platform/mail/outbox.ts';
import { createTestApp, signIn, TEST_FIELD_KEYS, type TestApp } from './harness.ts';
import { startSmtpSink } from './smtp-sink.ts';

/**
 * Reports: exact figures kept by the database at every moment, the same
 * whichever way they are summed, scoped to the viewer, every figure listing
 * exactly its cases, exports in three formats (audited), and subscriptions
 * e-mailed with their file through a real SMTP server.
 */
let t: TestApp;
const admin = 'admin@oscc.example';
const coordinator = 'coordinator@oscc.example';
const executive = 'executive@oscc.example';
const policeHead = 'policehead@oscc.example';
const officer = 'officer@oscc.example';
const calltaker = 'calltaker@oscc.example';
const cookies = new Map<string, string>();

async function as(email: string): Promise<string> {
  let cookie = cookies.get(email);
  if (!cookie) {
    cookie = await signIn(t.app, email);
    cookies.set(email, cookie);
  }
  return cookie;
}

async function get<T>(email: string, url: string, status = 200): Promise<T> {
  const response = await t.app.inject({ url, headers: { cookie: await as(email) } });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(status);
  return response.json() as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
}

const settings = { appUrl: 'https://oscc.test', channels: new Set(['in_app', 'email'] as const) };

beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://oscc.test' } });
  const fields = createFieldProtector(parseFieldKeys(TEST_FIELD_KEYS.FIELD_KEYS, TEST_FIELD_KEYS.FIELD_HASH_KEY));
  await seedDemoCases({ db: t.database.db, clock: t.clock, fields, count: 500, seed: 11 });
  // The checker records the breaches of the demo's late clocks, as it would in production.
  await checkDueDeadlines(t.database.db, settings, t.clock.now());
}, 240_000);
afterAll(async () => t.close());

describe('the figures the database keeps', () => {
  it('are each case recomputed from its own rows, and the monthly sums are exactly the cases summed', async () => {
    const db = t.database.db;
    // An independent reading of what each case's report row must say.
    const expected = await sql<Record<string, unknown>>`
      select c.id::text as case_id, c.status, c.channel, c.crisis, c.province_code, c.responsible_unit_id::text as unit_id,
        a.root_id::text as ministry_id, c.primary_problem_code as problem_code,
        (select case when d.result is not null then d.result when d.status = 'open' then 'pending' end
           from deadline d where d.case_id = c.id and d.kind = 'first_contact' and (d.status <> 'cancelled' or d.result is not null)
           order by d.seq desc limit 1) as first_contact,
        (select count(*)::int from deadline d where d.case_id = c.id and d.kind <> 'first_contact' and d.result = 'met') as steps_met,
        (select count(*)::int from deadline d where d.case_id = c.id and d.kind <> 'first_contact' and d.result = 'breached') as steps_breached
      from case_file c left join unit u on u.id = c.responsible_unit_id left join agency a on a.id = u.agency_id
      order by c.id`.execute(db);
    const kept = await sql<Record<string, unknown>>`
      select case_id::text, status, channel, crisis, province_code, unit_id::text, ministry_id::text, problem_code,
        first_contact, steps_met, steps_breached
      from case_report order by case_id`.execute(db);
    expect(kept.rows.length).toBeGreaterThan(100);
    expect(kept.rows).toEqual(expected.rows);
    // The demo has cases of every kind the figures tell apart.
    const kinds = new Set(kept.rows.map((row) => row.first_contact));
    expect([...kinds]).toEqual(expect.arrayContaining(['met', 'breached', 'pending']));
    expect(kept.rows.some((row) => Number(row.steps_breached) > 0)).toBe(true);
    expect(kept.rows.some((row) => row.status === 'closed')).toBe(true);

    const sumsOf = async () =>
      (
        await sql<Record<string, unknown>>`
        select month::text, province_code, ministry_id::text, problem_code, channel, status,
          sum(cases)::int as cases, sum(crisis)::int as crisis, sum(reached_met)::int as reached_met,
          sum(reached_breached)::int as reached_breached, sum(reached_pending)::int as reached_pending,
          sum(steps_met)::int as steps_met, sum(steps_breached)::int as steps_breached
        from (select month, province_code, ministry_id, problem_code, channel, status, cases, crisis, reached_met,
                reached_breached, reached_pending, steps_met, steps_breached from case_report_month
              union all
              select month, province_code, ministry_id, problem_code, channel, status, cases, crisis, reached_met,
                reached_breached, reached_pending, steps_met, steps_breached from case_report_delta) s
        group by 1, 2, 3, 4, 5, 6 having sum(cases) <> 0 order by 1, 2, 3, 4, 5, 6`.execute(db)
      ).rows;
    const fromCases = (
      await sql<Record<string, unknown>>`
      select month::text, province_code, ministry_id::text, problem_code, channel, status,
        count(*)::int as cases, count(*) filter (where crisis)::int as crisis,
        count(*) filter (where first_contact = 'met')::int as reached_met,
        count(*) filter (where first_contact = 'breached')::int as reached_breached,
        count(*) filter (where first_contact = 'pending')::int as reached_pending,
        sum(steps_met)::int as steps_met, sum(steps_breached)::int as steps_breached
      from case_report group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`.execute(db)
    ).rows;
    const pending = await sql<{ n: number }>`
      select (select count(*) from case_report_delta)::int + (select count(*) from contact_report_delta)::int as n`.execute(
      db,
    );
    expect(pending.rows[0]!.n).toBeGreaterThan(0);
    expect(await sumsOf()).toEqual(fromCases);
    // Folding the deltas changes nothing anyone reads, and leaves none behind.
    expect(await foldReportDeltas(db)).toBe(pending.rows[0]!.n);
    expect(await sumsOf()).toEqual(fromCases);
    expect(await foldReportDeltas(db)).toBe(0);
  });

  it('are the same from the monthly sums as from the cases one by one', async () => {
    const db = t.database.db;
    const principal = {
      userId: '00000000-0000-0000-0000-000000000000',
      unitId: null,
      grants: [
        {
          action: 'reports.read' as const,
          conditions: [['everywhere' as const]],
          scope: { level: 'nation' as const, unitId: null, provinceCode: null, agencyId: null },
        },
      ],
    };
    const scope = await reportScope(db, principal, 'reports.read');
    expect(scope.key).toBe('nation');
    // The three ways to the same figures: the sums per scope, the combined monthly sums, the cases one by one.
    const paths = {
      perScope: scope,
      combined: { ...scope, key: null },
      caseByCase: { ...scope, key: null, months: null },
    };
    // Some changes still waiting to be folded, so every source is read.
    await sql`update case_file set crisis = not crisis where id in (select id from case_file order by id limit 5)`.execute(
      db,
    );
    for (const period of [
      { from: '2026-01-01', to: '2026-12-01' },
      { from: '2026-08-17', to: '2026-11-03' },
      { from: '2026-09-01', to: '2026-10-31' },
    ])
      for (const filter of [
        {},
        { provinceCode: '70' },
        { channel: 'hotline' as const },
        { problem: 'violence', channel: 'line' as const },
      ]) {
        const resolved = await resolveFilter(db, filter);
        const label = JSON.stringify({ period, filter });
        const [perScope, combined, caseByCase] = await Promise.all(
          Object.values(paths).map((path) => cohortFigures(db, period, resolved, path, DIMENSIONS)),
        );
        expect(perScope, label).toEqual(caseByCase);
        expect(combined, label).toEqual(caseByCase);
        const [m1, m2, m3] = await Promise.all(Object.values(paths).map((path) => medians(db, period, resolved, path)));
        expect(m1, label).toEqual(m3);
        expect(m2, label).toEqual(m3);
        if (Object.keys(filter).length === 0) expect(m3!.firstContact, label).not.toBeNull();
        const [c1, c3] = await Promise.all(
          [paths.perScope, { ...scope, key: null }].map(async (path) =>
            (await contactFigures(db, period, resolved, path)).sort((a, b) =>
              `${a.channel}${a.outcome}`.localeCompare(`${b.channel}${b.outcome}`),
            ),
          ),
        );
        expect(c1, label).toEqual(c3);
      }
  });

  it('follow a new case at once, before any folding', async () => {
    const before = await get<Dashboard>(admin, '/api/reports/dashboard');
    const intake = await t.app.inject({
      method: 'POST',
      url: '/api/intake/contacts',
      headers: { cookie: await as(calltaker) },
      payload: {
        outcome: 'case',
        case: {
          problemTypes: ['domestic_violence'],
          crisis: true,
          location: { areaCode: '700101' },
          narrative: 'ถูกทำร้ายร่างกายโดยสามี',
        },
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const after = await get<Dashboard>(admin, '/api/reports/dashboard');
    expect(after.totals.cases).toBe(before.totals.cases + 1);
    expect(after.totals.crisis).toBe(before.totals.crisis + 1);
    expect(after.totals.reachedPending).toBe(before.totals.reachedPending + 1);
    expect(after.totals.contacts).toBe(before.totals.contacts + 1);
    const dv = (d: Dashboard) => d.byProblem.find((p) => p.key === 'domestic_violence')?.cases ?? 0;
    expect(dv(after)).toBe(dv(before) + 1);
    const december = (d: Dashboard) => d.trend.find((m) => m.key === '2026-12')!.cases;
    expect(december(after)).toBe(december(before) + 1);
    await foldReportDeltas(t.database.db);
    expect((await get<Dashboard>(admin, '/api/reports/dashboard')).totals).toEqual(after.totals);
  });

  it('follow a unit moved to another ministry: its cases count for the new one', async () => {
    const db = t.database.db;
    const station = await db
      .selectFrom('unit')
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .select(['unit.id', 'unit.version', 'unit.agency_id', 'agency.root_id'])
      .where('unit.name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี')
      .executeTakeFirstOrThrow();
    const police = station.root_id!;
    const msdhs = (await db.selectFrom('agency').select('id').where('code', '=', 'MSDHS').executeTakeFirstOrThrow()).id;
    const byAgency = async () =>
      new Map((await get<Dashboard>(admin, '/api/reports/dashboard')).byAgency.map((a) => [a.key, a.cases]));
    const stationCases = (await get<ReportCasePage>(admin, `/api/reports/cases?${query({ unitId: station.id })}`))
      .total;
    expect(stationCases).toBeGreaterThan(0);
    const before = await byAgency();
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/units/${station.id}/move`,
      headers: { cookie: await as(admin) },
      payload: { agencyId: msdhs, version: station.version },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await byAgency();
    expect(after.get(police) ?? 0).toBe((before.get(police) ?? 0) - stationCases);
    expect(after.get(msdhs)).toBe((before.get(msdhs) ?? 0) + stationCases);
    // And back, so the other tests see the demo as it was.
    await t.app.inject({
      method: 'POST',
      url: `/api/units/${station.id}/move`,
      headers: { cookie: await as(admin) },
      payload: { agencyId: station.agency_id, version: moved.json().version },
    });
    expect(await byAgency()).toEqual(before);
  });
});

describe('the dashboard', () => {
  it('is scoped to the viewer: the nation, a province, a ministry, a unit — and nobody else', async () => {
    const nation = await get<Dashboard>(admin, '/api/reports/dashboard');
    expect(nation.scope.th).toBe('ทั่วประเทศ');
    expect(nation.totals.cases).toBeGreaterThan(100);
    expect(nation.byProvince.length).toBeGreaterThan(3);
    expect(nation.byProvince.reduce((sum, p) => sum + p.cases, 0)).toBe(nation.totals.cases);
    expect(nation.byProblem.reduce((sum, p) => sum + p.cases, 0)).toBe(nation.totals.cases);
    expect(nation.trend.reduce((sum, p) => sum + p.cases, 0)).toBe(nation.totals.cases);
    expect(nation.trend.map((m) => m.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(nation.trend[10]!.nameTh).toBe('พ.ย. 2569');
    expect(nation.totals.contacts).toBeGreaterThan(nation.totals.cases);
    expect(nation.totals.contactsNoCase).toBeGreaterThan(0);
    expect(nation.totals.medianFirstContactMinutes).toBeGreaterThan(0);
    expect(nation.totals.overdueNow).toBeGreaterThan(0);
    expect(nation.totals.openAlarms).toBeGreaterThan(0);

    const province = await get<Dashboard>(coordinator, '/api/reports/dashboard');
    expect(province.scope.th).toBe('จังหวัดราชบุรี');
    expect(province.byProvince.map((p) => p.key)).toEqual(['70']);
    expect(province.totals.cases).toBe(nation.byProvince.find((p) => p.key === '70')!.cases);
    expect(province.totals.cases).toBeLessThan(nation.totals.cases);

    const ministry = await get<Dashboard>(executive, '/api/reports/dashboard');
    const msdhs = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', 'MSDHS')
      .executeTakeFirstOrThrow();
    expect(ministry.byAgency.map((a) => a.key)).toEqual([msdhs.id]);
    expect(ministry.totals.cases).toBe(nation.byAgency.find((a) => a.key === msdhs.id)!.cases);

    // A unit head sees the unit's cases (counted case by case: the sums keep no unit).
    const unit = await get<Dashboard>(policeHead, '/api/reports/dashboard');
    expect(unit.scope.th).toBe('สถานีตำรวจภูธรเมืองราชบุรี');
    expect(unit.totals.cases).toBeGreaterThan(0);
    expect(unit.totals.cases).toBeLessThan(province.totals.cases);

    // Filters narrow it; a province outside the coordinator's is simply empty for them.
    const filtered = await get<Dashboard>(admin, `/api/reports/dashboard?${query({ provinceCode: '70' })}`);
    expect(filtered.totals.cases).toBe(province.totals.cases);
    const outside = await get<Dashboard>(coordinator, `/api/reports/dashboard?${query({ provinceCode: '10' })}`);
    expect(outside.totals.cases).toBe(0);

    // People without reports.read get nothing.
    await get(officer, '/api/reports/dashboard', 403);
    await get(calltaker, '/api/reports/dashboard', 403);
    const anonymous = await t.app.inject({ url: '/api/reports/dashboard' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a period that makes no sense, in Thai and English', async () => {
    const response = await t.app.inject({
      url: `/api/reports/dashboard?${query({ from: '2026-10-01', to: '2026-09-01' })}`,
      headers: { cookie: await as(admin) },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields[0].message).toMatch(/วันเริ่ม.*from is after to/);
    await get(admin, `/api/reports/dashboard?${query({ from: '2026-13-01' })}`, 400);
    await get(admin, `/api/reports/dashboard?${query({ from: '2010-01-01', to: '2026-01-01' })}`, 400);
    await get(admin, `/api/reports/dashboard?${query({ channel: 'telepathy' })}`, 400);
    await get(admin, `/api/reports/dashboard?${query({ agencyId: '00000000-0000-4000-8000-000000000000' })}`, 400);
  });
});

describe('every figure', () => {
  it('lists exactly its cases, within the viewer’s scope', async () => {
    const period = { from: '2026-01-01', to: '2026-12-01' };
    for (const email of [admin, coordinator, policeHead]) {
      const dashboard = await get<Dashboard>(email, '/api/reports/dashboard');
      const total = async (params: Record<string, string | undefined>) =>
        (await get<ReportCasePage>(email, `/api/reports/cases?${query({ ...period, ...params })}`)).total;
      expect(await total({})).toBe(dashboard.totals.cases);
      expect(await total({ measure: 'crisis' })).toBe(dashboard.totals.crisis);
      expect(await total({ measure: 'reached_met' })).toBe(dashboard.totals.reachedMet);
      expect(await total({ measure: 'reached_breached' })).toBe(dashboard.totals.reachedBreached);
      expect(await total({ measure: 'reached_pending' })).toBe(dashboard.totals.reachedPending);
      expect(await total({ measure: 'closed' })).toBe(dashboard.totals.closed);
      expect(await total({ measure: 'overdue_now' })).toBe(dashboard.totals.overdueNow);
      expect(await total({ measure: 'open_alarms' })).toBe(dashboard.totals.openAlarms);
      for (const item of dashboard.byProblem.slice(0, 3)) expect(await total({ problem: item.key })).toBe(item.cases);
      for (const item of dashboard.byProvince.filter((p) => p.key !== 'none').slice(0, 3)) {
        expect(await total({ provinceCode: item.key })).toBe(item.cases);
        expect(await total({ provinceCode: item.key, measure: 'reached_breached' })).toBe(item.reachedBreached);
      }
      for (const item of dashboard.byAgency.filter((p) => p.key !== 'none'))
        expect(await total({ agencyId: item.key })).toBe(item.cases);
      for (const item of dashboard.byStatus) expect(await total({ status: item.key })).toBe(item.cases);
      for (const item of dashboard.trend.filter((m) => m.cases > 0).slice(-2))
        expect(await total({ month: item.key })).toBe(item.cases);
    }
    // A page of cases says nothing about a person, and is newest first.
    const page = await get<ReportCasePage>(admin, `/api/reports/cases?${query({ ...period, limit: 10 })}`);
    expect(page.items).toHaveLength(10);
    const received = page.items.map((item) => item.receivedAt);
    expect([...received].sort().reverse()).toEqual(received);
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'caseNumber',
        'channel',
        'closedAt',
        'crisis',
        'firstContact',
        'firstContactMinutes',
        'id',
        'problem',
        'provinceCode',
        'receivedAt',
        'status',
        'unit',
      ].sort(),
    );
    // A total read from the sums is the number of cases the list really pages through.
    for (const params of [{ measure: 'reached_breached' }, { measure: 'closed' }, { problem: 'violence' }]) {
      const first = await get<ReportCasePage>(
        coordinator,
        `/api/reports/cases?${query({ ...period, ...params, limit: 100 })}`,
      );
      const ids = new Set(first.items.map((item) => item.id));
      for (let offset = 100; offset < first.total; offset += 100)
        for (const item of (
          await get<ReportCasePage>(
            coordinator,
            `/api/reports/cases?${query({ ...period, ...params, limit: 100, offset })}`,
          )
        ).items)
          ids.add(item.id);
      expect(first.total, JSON.stringify(params)).toBeGreaterThan(0);
      expect(ids.size, JSON.stringify(params)).toBe(first.total);
    }
    // The coordinator cannot list another province's cases by asking for them.
    const elsewhere = await get<ReportCasePage>(
      coordinator,
      `/api/reports/cases?${query({ ...period, provinceCode: '10' })}`,
    );
    expect(elsewhere.total).toBe(0);
  });
});

describe('standard reports', () => {
  it('give the monthly report, the 1300 statistics and compliance per unit and step, each figure listing its cases', async () => {
    const monthly = await get<ReportDocument>(admin, '/api/reports/monthly');
    expect(monthly.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthly.sections.map((s) => s.id)).toEqual([
      'key-figures',
      'by-problem',
      'by-agency',
      'by-province',
      'trend',
    ]);
    const november = await get<Dashboard>(admin, `/api/reports/dashboard?${query(monthly.period)}`);
    const keyFigures = monthly.sections[0]!;
    expect(keyFigures.rows[0]!.cells.count).toBe(november.totals.cases);
    const byProvince = monthly.sections.find((s) => s.id === 'by-province')!;
    const total = byProvince.rows.at(-1)!;
    expect(total.total).toBe(true);
    expect(total.cells.cases).toBe(november.totals.cases);
    expect(byProvince.rows.slice(0, -1).reduce((sum, row) => sum + (row.cells.cases as number), 0)).toBe(
      november.totals.cases,
    );

    const service = await get<ReportDocument>(admin, '/api/reports/service');
    const people = service.sections.find((s) => s.id === 'people-served')!;
    const dashboard = await get<Dashboard>(admin, '/api/reports/dashboard');
    expect(people.rows[0]!.cells.count).toBe(dashboard.totals.contacts);
    const top = service.sections.find((s) => s.id === 'top-problems')!;
    expect(top.rows[0]!.cells.rank).toBe(1);
    expect(top.rows[0]!.cells.cases).toBe(dashboard.byProblem[0]!.cases);
    const byChannel = service.sections.find((s) => s.id === 'contacts-by-channel')!;
    expect(byChannel.rows.at(-1)!.cells.total).toBe(dashboard.totals.contacts);

    const compliance = await get<ReportDocument>(coordinator, '/api/reports/compliance');
    const perUnit = compliance.sections.find((s) => s.id === 'per-unit')!;
    const perStep = compliance.sections.find((s) => s.id === 'per-step')!;
    const unitTotal = perUnit.rows.at(-1)!.cells;
    expect(Number(unitTotal.breached)).toBeGreaterThan(0);
    expect(perStep.rows.at(-1)!.cells).toEqual(unitTotal);
    expect(perUnit.rows.slice(0, -1).reduce((sum, row) => sum + Number(row.cells.breached), 0)).toBe(
      unitTotal.breached,
    );
    expect(perStep.rows.some((row) => row.drill?.stepCode === 'first_contact')).toBe(true);
    // A unit's late clocks list the cases that have them.
    const lateUnit = perUnit.rows.find((row) => Number(row.cells.breached) > 0 && row.drill?.unitId)!;
    const late = await get<ReportCasePage>(
      coordinator,
      `/api/reports/cases?${query({ ...compliance.period, unitId: lateUnit.drill!.unitId, measure: 'steps_breached' })}`,
    );
    expect(late.total).toBeGreaterThan(0);
    expect(late.total).toBeLessThanOrEqual(Number(lateUnit.cells.breached));
  });
});

describe('exports', () => {
  it('are .xlsx, CSV and PDF with the figures of the screen, a permission of their own, and audited', async () => {
    const cookie = await as(coordinator);
    // (`/api/reports/dashboard` is the dashboard itself; its document is what the export and the e-mails carry.)
    const dashboard = await get<Dashboard>(coordinator, '/api/reports/dashboard');
    const xlsx = await t.app.inject({ url: '/api/reports/dashboard/export?format=xlsx', headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="oscc-dashboard-.*\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const numbers = workbook.worksheets.flatMap((sheet) => {
      const found: number[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'number' && found.push(cell.value))));
      return found;
    });
    expect(workbook.worksheets.length).toBeGreaterThan(5);
    expect(numbers).toContain(dashboard.totals.cases);
    expect(numbers).toContain(dashboard.totals.reachedBreached);

    const csv = await t.app.inject({ url: '/api/reports/service/export?format=csv&language=en', headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain('1300 service statistics');

    const pdf = await t.app.inject({ url: '/api/reports/compliance/export?format=pdf', headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'after_state'])
      .where('action', '=', 'report.export')
      .execute();
    expect(audited.map((event) => event.entity_id).sort()).toEqual(['compliance', 'dashboard', 'service']);

    // Unit heads read reports but do not export them; officers do neither.
    await get(policeHead, '/api/reports/dashboard/export?format=xlsx', 403);
    await get(officer, '/api/reports/dashboard/export?format=csv', 403);
    await get(coordinator, '/api/reports/dashboard/export?format=docx', 400);
  });
});

describe('subscriptions', () => {
  it('e-mail the report with its file at the sending time, once a day, within the subscriber’s scope', async () => {
    const smtp = await startSmtpSink();
    const received = smtp.messages;
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'OSCC <reports@oscc.test>', dir: '/nonexistent' });
    try {
      const cookie = await as(coordinator);
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/report-subscriptions',
        headers: { cookie },
        payload: { kind: 'monthly', frequency: 'weekly', format: 'xlsx' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].path).toContain('weekday');

      const daily = await t.app.inject({
        method: 'POST',
        url: '/api/report-subscriptions',
        headers: { cookie },
        payload: { kind: 'dashboard', frequency: 'daily', format: 'xlsx', language: 'th' },
      });
      expect(daily.statusCode, daily.body).toBe(201);
      // 1 Dec 2026 is a Tuesday; the weekly one goes on Wednesdays.
      const weekly = await t.app.inject({
        method: 'POST',
        url: '/api/report-subscriptions',
        headers: { cookie },
        payload: { kind: 'service', frequency: 'weekly', weekday: 3, format: 'pdf', filter: { channel: 'hotline' } },
      });
      expect(weekly.statusCode, weekly.body).toBe(201);
      const list = await get<{ items: { id: string; nextSendAt: string }[] }>(coordinator, '/api/report-subscriptions');
      expect(list.items).toHaveLength(2);
      // Now is 10:00 in Bangkok, past today's 07:00: the daily one goes tomorrow at 07:00, the weekly one too.
      expect(list.items[0]!.nextSendAt).toBe('2026-12-02T00:00:00.000Z');
      expect(list.items[1]!.nextSendAt).toBe('2026-12-02T00:00:00.000Z');
      // Another person does not see them, nor remove them.
      expect((await get<{ items: unknown[] }>(admin, '/api/report-subscriptions')).items).toHaveLength(0);
      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/api/report-subscriptions/${list.items[0]!.id}`,
        headers: { cookie: await as(admin) },
      });
      expect(foreign.statusCode).toBe(404);

      // Before the sending time nothing goes; at it, each once.
      t.clock.set(new Date('2026-12-01T23:59:00.000Z'));
      const { reports } = createServices({ config: t.config, database: t.database, clock: t.clock });
      expect(await reports.subscriptions.sendDue()).toEqual({ sent: 0, skipped: 0 });
      t.clock.set(new Date('2026-12-02T00:05:00.000Z'));
      expect(await reports.subscriptions.sendDue()).toEqual({ sent: 2, skipped: 0 });
      expect(await reports.subscriptions.sendDue()).toEqual({ sent: 0, skipped: 0 });
      await sendPendingEmails(t.database.db, mailer, t.clock);
      expect(received).toHaveLength(2);
      const dailyMail = received.find((mail) => mail.subject.includes('รายงานประจำวัน'))!;
      expect(dailyMail.to).toBe(coordinator);
      expect(dailyMail.subject).toContain('1 ธันวาคม 2569');
      expect(dailyMail.text).toContain('จังหวัดราชบุรี');
      expect(dailyMail.attachments).toHaveLength(1);
      expect(dailyMail.attachments[0]!.fileName).toMatch(/^oscc-dashboard-.*\.xlsx$/);
      // The attached figures are the day's figures within the coordinator's province.
      cookies.delete(coordinator);
      const day = await get<Dashboard>(
        coordinator,
        `/api/reports/dashboard?${query({ from: '2026-12-01', to: '2026-12-01' })}`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(dailyMail.attachments[0]!.content as unknown as ArrayBuffer);
      const text = workbook.worksheets.map((sheet) => sheet.getSheetValues().flat().join('|')).join('\n');
      expect(text).toContain('จังหวัดราชบุรี');
      const numbers: number[] = [];
      workbook.worksheets[0]!.eachRow((row) =>
        row.eachCell((cell) => void (typeof cell.value === 'number' && numbers.push(cell.value))),
      );
      expect(day.totals.cases).toBeGreaterThan(0);
      expect(numbers).toContain(day.totals.cases);
      const weeklyMail = received.find((mail) => mail.subject.includes('รายงานประจำสัปดาห์'))!;
      expect(weeklyMail.attachments[0]!.contentType).toBe('application/pdf');
      expect(weeklyMail.subject).toMatch(/25 พ\.ย\. 2569 – 1 ธ\.ค\. 2569/);

      // Someone who lost the right to export gets nothing more.
      await t.database.db
        .deleteFrom('user_role')
        .where(
          'user_id',
          '=',
          (
            await t.database.db
              .selectFrom('app_user')
              .select('id')
              .where('email', '=', coordinator)
              .executeTakeFirstOrThrow()
          ).id,
        )
        .execute();
      t.clock.set(new Date('2026-12-03T00:05:00.000Z'));
      expect(await reports.subscriptions.sendDue()).toEqual({ sent: 0, skipped: 1 });
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });
});
