import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database-schema.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import { createTestApp, openTestDatabase, signIn, type TestApp } from './harness.ts';

/**
 * Agencies and units: a hierarchy of any depth, units with office hours,
 * areas of responsibility and problem types; create, edit, move, deactivate;
 * every change audited; who may change what (the permission rules as data).
 */
let t: TestApp;
let admin: string;
let coordinator: string;
let head: string;
const unitIds = new Map<string, string>();
const agencyIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  head = await signIn(t.app, 'head@oscc.example');
  for (const row of await t.database.db.selectFrom('unit').select(['id', 'code']).execute())
    unitIds.set(row.code, row.id);
  for (const row of await t.database.db.selectFrom('agency').select(['id', 'code']).execute())
    agencyIds.set(row.code, row.id);
});
afterAll(async () => t.close());

const unit = (code: string) => unitIds.get(code)!;
const agency = (code: string) => agencyIds.get(code)!;

async function call(cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const response = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

async function auditOf(entityId: string) {
  return t.database.db
    .selectFrom('audit_event')
    .select(['action', 'actor_user_id', 'before_state', 'after_state'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

describe('problem types', () => {
  it('lists the four urgent problems first, then the others the 1300 centre takes', async () => {
    const { status, body } = await call(coordinator, 'GET', '/api/problem-types');
    expect(status).toBe(200);
    const codes = body.items.map((p: { code: string }) => p.code);
    expect(codes.slice(0, 4)).toEqual(['teen_pregnancy', 'human_trafficking', 'child_labour', 'violence']);
    expect(body.items.slice(0, 4).every((p: { urgent: boolean }) => p.urgent)).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['poverty', 'homelessness', 'begging', 'elderly', 'disability']));
    expect(body.items.find((p: { code: string }) => p.code === 'human_trafficking').leadAgencyCode).toBe('RTP');
  });
});

describe('the demo network', () => {
  it('gives units areas of responsibility and problem types', async () => {
    const { body } = await call(coordinator, 'GET', `/api/units/${unit('MSDHS-PO-70')}`);
    expect(body.areas).toEqual([{ level: 'province', code: '70', nameTh: 'ราชบุรี', nameEn: 'Ratchaburi' }]);
    expect(body.problemTypes).toContain('violence');
    expect(body.officeHours.kind).toBe('business');
    const sao = await call(
      coordinator,
      'GET',
      '/api/units?areaCode=700101&type=subdistrict_administrative_organisation',
    );
    expect(sao.body.items.map((u: { code: string }) => u.code)).toEqual(['MOI-SAO-700101']);
  });

  it('finds units by the area they answer for: the place itself, its district or its province', async () => {
    const { body } = await call(coordinator, 'GET', '/api/units?areaCode=700101&limit=100');
    const codes = body.items.map((u: { code: string }) => u.code);
    expect(codes).toEqual(expect.arrayContaining(['MOI-SAO-700101', 'MSDHS-PO-70', 'MOL-LPO-70']));
    expect(codes).not.toContain('MSDHS-PO-50');
    const trafficking = await call(
      coordinator,
      'GET',
      '/api/units?areaCode=70&problemType=human_trafficking&limit=100',
    );
    expect(trafficking.body.items.length).toBeGreaterThan(0);
    for (const item of trafficking.body.items) {
      const detail = await call(coordinator, 'GET', `/api/units/${item.id}`);
      expect(detail.body.problemTypes).toContain('human_trafficking');
    }
  });

  it('pages through a list in one order, whether a page is read from the start or from the end', async () => {
    const all: string[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += 100) {
      const { body } = await call(coordinator, 'GET', `/api/units?provinceCode=70&limit=100&offset=${offset}`);
      total = body.total;
      all.push(...body.items.map((u: { id: string }) => u.id));
    }
    expect(total).toBeGreaterThan(100);
    expect(new Set(all).size).toBe(total);
    const paged: string[] = [];
    for (let offset = 0; offset < total; offset += 7) {
      const { body } = await call(coordinator, 'GET', `/api/units?provinceCode=70&limit=7&offset=${offset}`);
      paged.push(...body.items.map((u: { id: string }) => u.id));
    }
    expect(paged).toEqual(all);
    const past = await call(coordinator, 'GET', `/api/units?provinceCode=70&offset=${total + 10}`);
    expect(past.body).toMatchObject({ items: [], total });

    // A text search counts in the same pass; its pages and totals agree too, also past the end.
    const q = encodeURIComponent('องค์การบริหารส่วนตำบล');
    const everything = await call(coordinator, 'GET', `/api/units?provinceCode=70&q=${q}&limit=100`);
    expect(everything.body.total).toBeGreaterThan(50);
    const second = await call(coordinator, 'GET', `/api/units?provinceCode=70&q=${q}&limit=1&offset=1`);
    expect(second.body).toMatchObject({ total: everything.body.total, items: [everything.body.items[1]] });
    const beyond = await call(coordinator, 'GET', `/api/units?provinceCode=70&q=${q}&offset=500`);
    expect(beyond.body).toMatchObject({ total: everything.body.total, items: [] });
  });

  it('searches Thai without spaces, with spaces, in English and by code', async () => {
    for (const q of ['ศูนย์พึ่งได้ราชบุรี', 'ศูนย์พึ่งได้ ราชบุรี', 'crisis centre ratchaburi', 'moph-oscc-70']) {
      const { body } = await call(coordinator, 'GET', `/api/units?q=${encodeURIComponent(q)}&limit=100`);
      const codes = body.items.map((u: { code: string }) => u.code);
      expect(codes, q).toContain('MOPH-OSCC-70-03');
      expect(codes, q).not.toContain('MOPH-OSCC-10-01');
    }
    const none = await call(coordinator, 'GET', `/api/units?q=${encodeURIComponent('ไม่มีหน่วยงานนี้แน่นอน')}`);
    expect(none.body.total).toBe(0);
    // LIKE's wildcards are text, not patterns.
    const wildcards = await call(coordinator, 'GET', `/api/units?q=${encodeURIComponent('ศูนย์%พึ่ง_ได้')}`);
    expect(wildcards.status).toBe(200);
  });
});

describe('agencies: a hierarchy of any depth', () => {
  let division: { id: string; version: number };
  let section: { id: string; version: number };
  let unitId: string;

  it('creates departments below departments and lists them in tree order with their depth', async () => {
    const created = await call(admin, 'POST', '/api/agencies', {
      code: 'MSDHS-DCY-PROT',
      parentId: agency('MSDHS-DCY'),
      nameTh: 'กองคุ้มครองเด็ก',
      nameEn: 'Child Protection Division',
    });
    expect(created.status).toBe(201);
    division = created.body;
    expect(created.body).toMatchObject({ rootId: agency('MSDHS'), depth: 2, active: true });
    const deeper = await call(admin, 'POST', '/api/agencies', {
      code: 'MSDHS-DCY-PROT-HOT',
      parentId: division.id,
      nameTh: 'ฝ่ายรับแจ้งเหตุ',
    });
    expect(deeper.body).toMatchObject({ rootId: agency('MSDHS'), depth: 3, parentId: division.id });
    section = deeper.body;

    const list = await call(coordinator, 'GET', '/api/agencies');
    const codes = list.body.items.map((a: { code: string }) => a.code);
    expect(codes.indexOf('MSDHS-DCY')).toBeLessThan(codes.indexOf('MSDHS-DCY-PROT'));
    expect(codes.indexOf('MSDHS-DCY-PROT')).toBeLessThan(codes.indexOf('MSDHS-DCY-PROT-HOT'));

    const duplicate = await call(admin, 'POST', '/api/agencies', { code: 'msdhs-dcy-prot', nameTh: 'ซ้ำ' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('CODE_IN_USE');
  });

  it('lists the units of an agency and of everything below it', async () => {
    const created = await call(admin, 'POST', '/api/units', {
      agencyId: section.id,
      code: 'MSDHS-HOT-70',
      type: 'children_family_shelter',
      nameTh: 'จุดรับแจ้งเหตุเด็ก ราชบุรี',
      subdistrictCode: '700101',
      officeHours: { kind: '24h' },
      areas: ['70'],
      problemTypes: ['violence', 'children_youth'],
    });
    expect(created.status).toBe(201);
    unitId = created.body.id;
    // District and province are filled in from the subdistrict.
    expect(created.body).toMatchObject({ provinceCode: '70', districtCode: '7001', open24Hours: true });
    for (const top of ['MSDHS', 'MSDHS-DCY']) {
      const { body } = await call(coordinator, 'GET', `/api/units?agencyId=${agency(top)}&limit=100&q=MSDHS-HOT-70`);
      expect(
        body.items.map((u: { id: string }) => u.id),
        top,
      ).toEqual([unitId]);
    }
    const elsewhere = await call(coordinator, 'GET', `/api/units?agencyId=${agency('MOPH')}&q=MSDHS-HOT-70`);
    expect(elsewhere.body.total).toBe(0);
  });

  it('moves a branch to another ministry: the whole subtree follows, cycles are refused', async () => {
    const cycle = await call(admin, 'POST', `/api/agencies/${division.id}/move`, {
      parentId: section.id,
      version: division.version,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.fields[0].code).toBe('cycle');

    const moved = await call(admin, 'POST', `/api/agencies/${division.id}/move`, {
      parentId: agency('MOPH-OPS'),
      version: division.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ rootId: agency('MOPH'), parentId: agency('MOPH-OPS') });
    const child = (await call(admin, 'GET', '/api/agencies')).body.items.find(
      (a: { id: string }) => a.id === section.id,
    );
    expect(child).toMatchObject({ rootId: agency('MOPH'), depth: 3 });
    const underMoph = await call(coordinator, 'GET', `/api/units?agencyId=${agency('MOPH')}&q=MSDHS-HOT-70`);
    expect(underMoph.body.total).toBe(1);

    const stale = await call(admin, 'POST', `/api/agencies/${division.id}/move`, {
      parentId: agency('MSDHS-DCY'),
      version: division.version,
    });
    expect(stale.status).toBe(409);
    expect((await auditOf(division.id)).map((e) => e.action)).toEqual(['agency.create', 'agency.move']);
  });

  it('deactivates an agency only when nothing active is left below it', async () => {
    const current = (await call(admin, 'GET', '/api/agencies')).body.items.find(
      (a: { id: string }) => a.id === section.id,
    );
    const refused = await call(admin, 'POST', `/api/agencies/${section.id}/active`, {
      active: false,
      version: current.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STILL_IN_USE');
    const unitNow = await call(admin, 'GET', `/api/units/${unitId}`);
    const closed = await call(admin, 'POST', `/api/units/${unitId}/active`, {
      active: false,
      version: unitNow.body.version,
      reason: 'รวมกับบ้านพักเด็ก',
    });
    expect(closed.status).toBe(200);
    const done = await call(admin, 'POST', `/api/agencies/${section.id}/active`, {
      active: false,
      version: current.version,
    });
    expect(done.status).toBe(200);
    expect(done.body.active).toBe(false);
  });

  it('leaves agencies to those whose reach covers the whole ministry', async () => {
    for (const cookie of [coordinator, head]) {
      const refused = await call(cookie, 'POST', '/api/agencies', {
        code: 'X-1',
        nameTh: 'ใหม่',
        parentId: agency('MSDHS'),
      });
      expect(refused.status).toBe(403);
    }
  });
});

describe('units: edit, move, deactivate', () => {
  it('edits a unit, its office hours, areas and problem types, with before and after in the audit trail', async () => {
    const id = unit('MOL-LPO-70');
    const before = await call(coordinator, 'GET', `/api/units/${id}`);
    const officeHours = {
      kind: 'business',
      periods: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '17:00' })),
      closedOnPublicHolidays: true,
    };
    const updated = await call(coordinator, 'PATCH', `/api/units/${id}`, {
      version: before.body.version,
      phone: '032-337-000',
      officeHours,
      areas: ['70', '7005'],
      problemTypes: ['child_labour', 'human_trafficking', 'poverty'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ phone: '032-337-000', officeHours, version: before.body.version + 1 });
    expect(updated.body.areas.map((a: { code: string }) => a.code)).toEqual(['70', '7005']);
    expect(updated.body.areas[1].level).toBe('district');

    const trail = await auditOf(id);
    expect(trail.map((e) => e.action)).toEqual(['unit.update', 'unit.areas.update', 'unit.problem_types.update']);
    expect(trail[0]!.before_state).toMatchObject({ phone: null });
    expect(trail[0]!.after_state).toMatchObject({ phone: '032-337-000', officeHours });
    expect(trail[1]!.before_state).toEqual({ areas: ['70'] });
    expect(trail[1]!.after_state).toEqual({ areas: ['70', '7005'] });

    const stale = await call(coordinator, 'PATCH', `/api/units/${id}`, { version: before.body.version, phone: '1' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
  });

  it('refuses bad places, areas, problem types and office hours with field errors — and changes nothing', async () => {
    const id = unit('MOL-LPO-70');
    const current = await call(coordinator, 'GET', `/api/units/${id}`);
    const cases: [Record<string, unknown>, string][] = [
      [{ districtCode: '5001' }, 'body.districtCode'],
      [{ subdistrictCode: '709999' }, 'body.subdistrictCode'],
      [{ areas: ['7099'] }, 'body.areas'],
      [{ problemTypes: ['aliens'] }, 'body.problemTypes'],
      [
        { officeHours: { kind: 'business', periods: [{ day: 8, opens: '08:00', closes: '07:00' }] } },
        'body.officeHours',
      ],
      [{ code: 'has space' }, 'body.code'],
    ];
    for (const [change, path] of cases) {
      const { status, body } = await call(coordinator, 'PATCH', `/api/units/${id}`, {
        version: current.body.version,
        provinceCode: '70',
        ...change,
      });
      expect(status, JSON.stringify(change)).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields.map((f: { path: string }) => f.path).join(), JSON.stringify(change)).toContain(path);
    }
    expect((await call(coordinator, 'GET', `/api/units/${id}`)).body).toEqual(current.body);
  });

  it('keeps a coordinator inside the province and a unit head inside the unit', async () => {
    const other = await call(coordinator, 'GET', `/api/units/${unit('MSDHS-PO-50')}`);
    expect(other.status).toBe(200); // the directory is readable everywhere
    const edit = await call(coordinator, 'PATCH', `/api/units/${unit('MSDHS-PO-50')}`, {
      version: other.body.version,
      phone: '1',
    });
    expect(edit.status).toBe(403);
    const create = await call(coordinator, 'POST', '/api/units', {
      agencyId: agency('MSDHS-OPS'),
      code: 'CM-NEW',
      type: 'ngo',
      nameTh: 'มูลนิธิเชียงใหม่',
      provinceCode: '50',
    });
    expect(create.status).toBe(403);
    const own = await call(coordinator, 'GET', `/api/units/${unit('MSDHS-PO-70')}`);
    const claim = await call(coordinator, 'PATCH', `/api/units/${unit('MSDHS-PO-70')}`, {
      version: own.body.version,
      areas: ['70', '50'],
    });
    expect(claim.status).toBe(403);

    const headUnit = await t.database.db
      .selectFrom('app_user')
      .select('unit_id')
      .where('email', '=', 'head@oscc.example')
      .executeTakeFirstOrThrow();
    const mine = await call(head, 'GET', `/api/units/${headUnit.unit_id}`);
    const phone = await call(head, 'PATCH', `/api/units/${headUnit.unit_id}`, {
      version: mine.body.version,
      phone: '032-719-600',
    });
    expect(phone.status).toBe(200);
    const areas = await call(head, 'PATCH', `/api/units/${headUnit.unit_id}`, {
      version: phone.body.version,
      areas: ['70', '71'],
    });
    expect(areas.status).toBe(403);
    const neighbour = await call(head, 'GET', `/api/units/${unit('MSDHS-PO-70')}`);
    const other2 = await call(head, 'PATCH', `/api/units/${unit('MSDHS-PO-70')}`, {
      version: neighbour.body.version,
      phone: '1',
    });
    expect(other2.status).toBe(403);
    const move = await call(head, 'POST', `/api/units/${headUnit.unit_id}/move`, {
      agencyId: agency('MSDHS-OPS'),
      version: phone.body.version,
    });
    expect(move.status).toBe(403);
  });

  it('moves a unit to another agency and keeps a unit with active people open', async () => {
    const id = unit('MOJ-JO-70');
    const current = await call(coordinator, 'GET', `/api/units/${id}`);
    const moved = await call(coordinator, 'POST', `/api/units/${id}/move`, {
      agencyId: agency('MOJ'),
      version: current.body.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.agency.id).toBe(agency('MOJ'));
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'unit.move' });

    const busy = unit('MSDHS-PO-70'); // the coordinator and the social worker work here
    const busyNow = await call(coordinator, 'GET', `/api/units/${busy}`);
    const refused = await call(coordinator, 'POST', `/api/units/${busy}/active`, {
      active: false,
      version: busyNow.body.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STILL_IN_USE');
  });

  it('hides deactivated units from the default list and shows them on request; reactivation works', async () => {
    const id = unit('MOJ-JO-70');
    const current = await call(coordinator, 'GET', `/api/units/${id}`);
    const closed = await call(coordinator, 'POST', `/api/units/${id}/active`, {
      active: false,
      version: current.body.version,
      reason: 'ย้ายที่ทำการ',
    });
    expect(closed.body.active).toBe(false);
    const active = await call(coordinator, 'GET', '/api/units?q=MOJ-JO-70');
    expect(active.body.total).toBe(0);
    const inactive = await call(coordinator, 'GET', '/api/units?q=MOJ-JO-70&status=inactive');
    expect(inactive.body.items.map((u: { id: string }) => u.id)).toEqual([id]);
    const reopened = await call(coordinator, 'POST', `/api/units/${id}/active`, {
      active: true,
      version: closed.body.version,
    });
    expect(reopened.body.active).toBe(true);
    const trail = await auditOf(id);
    expect(trail.slice(-2).map((e) => e.action)).toEqual(['unit.deactivate', 'unit.reactivate']);
    expect(trail.at(-2)!.after_state).toMatchObject({ reason: 'ย้ายที่ทำการ' });
  });

  it('answers 404 for a unit that does not exist and 400 for a malformed id', async () => {
    expect((await call(admin, 'GET', '/api/units/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call(admin, 'GET', '/api/units/not-a-uuid')).status).toBe(400);
  });
});

/** Every role against units in and out of their reach: managing is allowed, or refused with 403. */
describe('who may manage which unit', () => {
  const ROLES = ['admin', 'calltaker', 'executive', 'socialworker', 'coordinator', 'officer', 'head'] as const;
  // MOPH-OSCC-70-03: the head's and officer's own unit; MSDHS-PO-70: the coordinator's; MSDHS-PO-50: Chiang Mai; OSCC-1300: Bangkok.
  const MAY_MANAGE: Record<(typeof ROLES)[number], string[]> = {
    admin: ['MOPH-OSCC-70-03', 'MSDHS-PO-70', 'MSDHS-PO-50', 'OSCC-1300'],
    calltaker: [],
    executive: [],
    socialworker: [],
    coordinator: ['MOPH-OSCC-70-03', 'MSDHS-PO-70'],
    officer: [],
    head: ['MOPH-OSCC-70-03'],
  };
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    for (const role of ROLES) cookies.set(role, await signIn(t.app, `${role}@oscc.example`));
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(['MOPH-OSCC-70-03', 'MSDHS-PO-70', 'MSDHS-PO-50', 'OSCC-1300'])('%s', async (code) => {
      // A stale version: an allowed edit stops at the conflict check and changes nothing.
      const { status } = await call(cookies.get(role)!, 'PATCH', `/api/units/${unit(code)}`, {
        version: 999_999,
        phone: 'x',
      });
      expect(status).toBe(MAY_MANAGE[role].includes(code) ? 409 : 403);
    });
  });
});

describe('the migration that made the tree any depth', () => {
  it('gives existing agencies their path and ministry, and existing units office hours and search text', async () => {
    const database = await openTestDatabase();
    try {
      const db = database.db as unknown as Kysely<Database>;
      for (const name of ['0001-platform', '0002-organisations-people', '0003-audit-scope'])
        await migrations[name]!.up(db);
      await sql`insert into geo_province (code, name_th, name_en, search_text) values ('70', 'ราชบุรี', 'Ratchaburi', '')`.execute(
        db,
      );
      const insertAgency = async (code: string, parentId: string | null) =>
        (
          await sql<{ id: string }>`insert into agency (code, name_th, parent_id) values (${code}, ${code}, ${parentId})
            returning id`.execute(db)
        ).rows[0]!.id;
      const ministry = await insertAgency('M', null);
      const department = await insertAgency('D', ministry);
      const division = await insertAgency('V', department);
      await sql`insert into unit (agency_id, code, type, name_th, province_code, open_24_hours)
        values (${division}, 'U-๑', 'other', 'ศูนย์ ทดสอบ', '70', true),
               (${division}, 'U-2', 'other', 'สำนักงาน', null, false)`.execute(db);

      await migrations['0004-organisations-admin']!.up(db);

      const agencies = await db.selectFrom('agency').select(['code', 'path']).orderBy('code').execute();
      expect(Object.fromEntries(agencies.map((a) => [a.code, a.path]))).toEqual({
        D: `/${ministry}/${department}/`,
        M: `/${ministry}/`,
        V: `/${ministry}/${department}/${division}/`,
      });
      const units = await db
        .selectFrom('unit')
        .select(['code', 'office_hours', 'search_text'])
        .orderBy('code')
        .execute();
      expect(units.map((u) => [u.code, (u.office_hours as { kind: string }).kind, u.search_text])).toEqual([
        ['U-2', 'business', 'สำนักงานu-2'],
        ['U-๑', '24h', 'ศูนย์ทดสอบu-1ราชบุรีratchaburi'],
      ]);
      const problems = await db.selectFrom('problem_type').select('code').where('urgent', '=', true).execute();
      expect(problems).toHaveLength(4);
    } finally {
      await database.close();
    }
  });
});
