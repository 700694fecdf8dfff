import type { AuditEvent } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database-schema.ts';
import { recordAudit } from '../src/platform/audit/audit.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import { createTestApp, openTestDatabase, signIn, type TestApp } from './harness.ts';

let t: TestApp;
let admin: string;
let coordinator: string;
const ids: Record<string, string> = {};

const unitId = (code: string) =>
  t.database.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
const userId = (email: string) =>
  t.database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  ids.ratchaburiHospital = (await unitId('MOPH-OSCC-70-03')).id; // head@oscc.example's unit
  ids.ratchaburiOther = (await unitId('MOPH-OSCC-70-04')).id;
  ids.chiangMai = (await unitId('MOPH-OSCC-50-07')).id;
  ids.admin = (await userId('admin@oscc.example')).id;
  ids.coordinator = (await userId('coordinator@oscc.example')).id;
});
afterAll(async () => {
  await t?.close();
});

const person = (email: string, unit: string) => ({
  email,
  titleTh: 'นาย',
  firstNameTh: 'ทดสอบ',
  lastNameTh: 'ประวัติ',
  position: 'นักสังคมสงเคราะห์',
  unitId: unit,
  roles: [],
});

async function createUser(cookie: string, email: string, unit: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie },
    payload: person(email, unit),
  });
  expect(response.statusCode, response.body).toBe(201);
  return { user: response.json() as { id: string; version: number }, requestId: response.headers['x-request-id'] };
}

async function listEvents(cookie: string, query = '') {
  const response = await t.app.inject({ url: `/api/audit-events${query}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: AuditEvent[]; total: number; limit: number; offset: number };
}

describe('the audit trail of people', () => {
  it('shows an administrator who created and edited a person, when, and the record before and after', async () => {
    const { user, requestId } = await createUser(admin, 'audit.ratchaburi@example.org', ids.ratchaburiOther!);
    ids.ratchaburiUser = user.id;
    t.clock.advanceMinutes(5);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { cookie: admin },
      payload: { version: user.version, position: 'หัวหน้ากลุ่มงาน' },
    });
    expect(edit.statusCode, edit.body).toBe(200);

    const page = await listEvents(admin, `?entityType=user&entityId=${user.id}`);
    expect(page.total).toBe(2);
    expect(page.limit).toBe(50);
    expect(page.items.map((event) => event.action)).toEqual(['user.update', 'user.create']); // newest first
    const [update, create] = page.items as [AuditEvent, AuditEvent];

    expect(create).toMatchObject({
      entityType: 'user',
      entityId: user.id,
      before: null,
      requestId,
      actor: { id: ids.admin, email: 'admin@oscc.example' },
    });
    expect(create.after).toMatchObject({ email: 'audit.ratchaburi@example.org', position: 'นักสังคมสงเคราะห์' });
    expect(create.actor?.nameTh).toMatch(/\S+ \S+/);

    expect(update.before).toMatchObject({ position: 'นักสังคมสงเคราะห์' });
    expect(update.after).toMatchObject({ position: 'หัวหน้ากลุ่มงาน' });
    expect(new Date(update.at).getTime() - new Date(create.at).getTime()).toBe(5 * 60_000);
    expect(update.at).toBe(t.clock.now().toISOString());
  });

  it('shows a province coordinator the events about people in their province, and none about another province', async () => {
    const { user } = await createUser(admin, 'audit.chiangmai@example.org', ids.chiangMai!);
    ids.chiangMaiUser = user.id;

    const seen = await listEvents(coordinator, '?entityType=user&limit=100');
    const entities = seen.items.map((event) => event.entityId);
    expect(entities).toContain(ids.ratchaburiUser);
    expect(entities).not.toContain(ids.chiangMaiUser);
    expect(seen.total).toBe(seen.items.length);

    const asked = await listEvents(coordinator, `?entityType=user&entityId=${ids.chiangMaiUser}`);
    expect(asked).toMatchObject({ items: [], total: 0 });
    const adminSees = await listEvents(admin, `?entityType=user&entityId=${ids.chiangMaiUser}`);
    expect(adminSees.total).toBe(1);
  });

  it('shows a unit head only the events about their own unit', async () => {
    const { user } = await createUser(admin, 'audit.hospital@example.org', ids.ratchaburiHospital!);
    const head = await signIn(t.app, 'head@oscc.example');
    const entities = (await listEvents(head, '?limit=100')).items.map((event) => event.entityId);
    expect(entities).toContain(user.id);
    expect(entities).not.toContain(ids.ratchaburiUser); // another unit of the same province
    expect(entities).not.toContain(ids.chiangMaiUser);
  });

  it('refuses people whose roles do not include reading the audit trail', async () => {
    for (const email of ['calltaker@oscc.example', 'socialworker@oscc.example', 'officer@oscc.example']) {
      const response = await t.app.inject({
        url: '/api/audit-events',
        headers: { cookie: await signIn(t.app, email) },
      });
      expect(response.statusCode, email).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.app.inject({ url: '/api/audit-events' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the scope an event is recorded with', () => {
  it('is derived from the record: a unit and its areas by the unit, an agency by its ministry, anything else nation-wide', async () => {
    const db = t.database.db;
    const agencies = await db.selectFrom('agency').select(['id', 'code', 'root_id']).execute();
    const msdhs = agencies.find((agency) => agency.code === 'MSDHS')!;
    const moph = agencies.find((agency) => agency.code === 'MOPH')!;
    const context = { actorUserId: ids.admin!, requestId: null, now: t.clock.now() };
    await db.transaction().execute(async (trx) => {
      await recordAudit(trx, context, { action: 'unit.update', entityType: 'unit', entityId: ids.ratchaburiOther! });
      await recordAudit(trx, context, { action: 'unit.areas', entityType: 'unit_area', entityId: ids.chiangMai! });
      await recordAudit(trx, context, { action: 'agency.update', entityType: 'agency', entityId: msdhs.id });
      await recordAudit(trx, context, { action: 'agency.update', entityType: 'agency', entityId: moph.id });
      await recordAudit(trx, context, { action: 'role.update', entityType: 'role', entityId: 'unit_head' });
      // A caller that knows better names the scope itself.
      await recordAudit(trx, context, {
        action: 'user.update',
        entityType: 'user',
        entityId: ids.chiangMaiUser!,
        scope: { unitId: ids.ratchaburiOther!, provinceCode: '70', ministryId: moph.id },
      });
    });
    const rows = await db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'scope_unit_id', 'scope_province_code', 'scope_ministry_id'])
      .where('at', '=', context.now)
      .where('action', 'in', ['unit.update', 'unit.areas', 'agency.update', 'role.update', 'user.update'])
      .execute();
    const scopeOf = (entityId: string) => {
      const row = rows.find((r) => r.entity_id === entityId)!;
      return [row.scope_unit_id, row.scope_province_code, row.scope_ministry_id];
    };
    expect(scopeOf(ids.ratchaburiOther!)).toEqual([ids.ratchaburiOther, '70', moph.id]);
    expect(scopeOf(ids.chiangMai!)).toEqual([ids.chiangMai, '50', moph.id]);
    expect(scopeOf(msdhs.id)).toEqual([null, null, msdhs.id]);
    expect(scopeOf('unit_head')).toEqual([null, null, null]);
    expect(scopeOf(ids.chiangMaiUser!)).toEqual([ids.ratchaburiOther, '70', moph.id]);

    const coordinatorSees = (await listEvents(coordinator, '?limit=100')).items;
    expect(coordinatorSees.some((e) => e.action === 'unit.update' && e.entityId === ids.ratchaburiOther)).toBe(true);
    expect(coordinatorSees.some((e) => e.action === 'unit.areas')).toBe(false); // Chiang Mai
    expect(coordinatorSees.some((e) => e.entityType === 'role')).toBe(false); // nation level
    expect(coordinatorSees.some((e) => e.action === 'user.update' && e.entityId === ids.chiangMaiUser)).toBe(true);

    const executive = await signIn(t.app, 'executive@oscc.example'); // MSDHS
    const executiveSees = (await listEvents(executive, '?entityType=agency')).items.map((e) => e.entityId);
    expect(executiveSees).toEqual([msdhs.id]);
    const adminSees = await listEvents(admin, '?entityType=role&entityId=unit_head');
    expect(adminSees.total).toBe(1);
  });
});

describe('filters', () => {
  it('narrow by actor (id or e-mail) and by action', async () => {
    const { user } = await createUser(coordinator, 'audit.by-coordinator@example.org', ids.ratchaburiOther!);
    const byCoordinator = await listEvents(admin, `?actorUserId=${ids.coordinator}&limit=100`);
    expect(byCoordinator.items.map((e) => e.entityId)).toEqual([user.id]);
    expect(byCoordinator.items[0]!.actor?.email).toBe('coordinator@oscc.example');
    const byEmail = await listEvents(admin, '?actorEmail=Coordinator@OSCC.example');
    expect(byEmail.items.map((e) => e.id)).toEqual(byCoordinator.items.map((e) => e.id));

    const byAdmin = await listEvents(admin, `?actorUserId=${ids.admin}&limit=100`);
    expect(byAdmin.items.length).toBeGreaterThan(3);
    expect(byAdmin.items.every((e) => e.actor?.id === ids.admin)).toBe(true);
    expect(byAdmin.items.map((e) => e.entityId)).not.toContain(user.id);

    const updates = await listEvents(admin, '?action=user.update&limit=100');
    expect(updates.total).toBeGreaterThan(0);
    expect(updates.items.every((e) => e.action === 'user.update')).toBe(true);
  });

  it('read dates as days in Asia/Bangkok, both ends included', async () => {
    const db = t.database.db;
    const at = (iso: string) => ({ actorUserId: null, requestId: null, now: new Date(iso) });
    const event = (entityId: string) => ({ action: 'role.update', entityType: 'role', entityId });
    await recordAudit(db, at('2026-03-09T16:59:59Z'), event('day-9-late')); // 23:59:59 on 9 March in Bangkok
    await recordAudit(db, at('2026-03-09T17:00:00Z'), event('day-10-start')); // 00:00 on 10 March
    await recordAudit(db, at('2026-03-10T16:30:00Z'), event('day-10-late')); // 23:30 on 10 March (UTC: still the 10th)
    await recordAudit(db, at('2026-03-10T17:30:00Z'), event('day-11-early')); // 00:30 on 11 March (UTC: the 10th)

    const entities = async (query: string) =>
      (await listEvents(admin, `?entityType=role${query}`)).items.map((e) => e.entityId);
    expect(await entities('&from=2026-03-10&to=2026-03-10')).toEqual(['day-10-late', 'day-10-start']);
    expect(await entities('&from=2026-03-11')).toContain('day-11-early');
    expect(await entities('&from=2026-03-11')).not.toContain('day-10-late');
    expect(await entities('&to=2026-03-09')).toEqual(['day-9-late']);
  });

  it('page with a total', async () => {
    const first = await listEvents(admin, '?limit=2');
    const second = await listEvents(admin, '?limit=2&offset=2');
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThan(4);
    const all = await listEvents(admin, '?limit=100');
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.slice(0, 4).map((e) => e.id));
    const times = all.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('refuse a bad query with the fields at fault', async () => {
    for (const [query, field] of [
      ['limit=0', 'querystring.limit'],
      ['limit=101', 'querystring.limit'],
      ['from=garbage', 'querystring.from'],
      ['to=2026-02-30', 'querystring.to'],
      ['actorUserId=someone', 'querystring.actorUserId'],
      ['from=2026-03-11&to=2026-03-10', 'querystring.to'],
    ] as const) {
      const response = await t.app.inject({ url: `/api/audit-events?${query}`, headers: { cookie: admin } });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });
});

describe('the API document', () => {
  it('describes the audit list, its filters and the event shape', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const list = doc.paths['/api/audit-events'].get;
    expect(list.tags).toEqual(['audit']);
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['entityType', 'entityId', 'actorUserId', 'action', 'from', 'to', 'limit', 'offset']),
    );
    expect(doc.components.schemas.AuditEvent).toBeDefined();
    expect(doc.components.schemas.AuditPage).toBeDefined();
  });
});

describe('the migration that added scopes', () => {
  it('fills in the scope of the events already recorded about people, units and agencies', async () => {
    const database = await openTestDatabase();
    try {
      const db = database.db as unknown as Kysely<Database>;
      await migrations['0001-platform']!.up(db);
      await migrations['0002-organisations-people']!.up(db);
      await sql`insert into geo_province (code, name_th, search_text) values ('70', 'ราชบุรี', 'ราชบุรี')`.execute(db);
      const ministry = await sql<{ id: string }>`
        insert into agency (code, name_th) values ('M', 'กระทรวง') returning id`.execute(db);
      const ministryId = ministry.rows[0]!.id;
      await sql`update agency set root_id = id`.execute(db);
      const department = await sql<{ id: string }>`
        insert into agency (code, name_th, parent_id, root_id) values ('D', 'กรม', ${ministryId}, ${ministryId})
        returning id`.execute(db);
      const unit = await sql<{ id: string }>`
        insert into unit (agency_id, code, type, name_th, province_code)
        values (${department.rows[0]!.id}, 'U', 'other', 'หน่วย', '70') returning id`.execute(db);
      const unitId = unit.rows[0]!.id;
      const user = await sql<{ id: string }>`
        insert into app_user (email, first_name_th, last_name_th, unit_id) values ('a@b.c', 'ก', 'ข', ${unitId})
        returning id`.execute(db);
      const userId = user.rows[0]!.id;
      for (const [type, id] of [
        ['user', userId],
        ['unit', unitId],
        ['agency', department.rows[0]!.id],
        ['role', 'unit_head'],
      ] as const) {
        await sql`insert into audit_event (at, action, entity_type, entity_id) values (now(), 'x', ${type}, ${id})`.execute(
          db,
        );
      }

      await migrations['0003-audit-scope']!.up(db);

      const rows = await db
        .selectFrom('audit_event')
        .select(['entity_type', 'scope_unit_id', 'scope_province_code', 'scope_ministry_id'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.entity_type, r.scope_unit_id, r.scope_province_code, r.scope_ministry_id])).toEqual([
        ['user', unitId, '70', ministryId],
        ['unit', unitId, '70', ministryId],
        ['agency', null, null, ministryId],
        ['role', null, null, null],
      ]);
    } finally {
      await database.close();
    }
  });
});
