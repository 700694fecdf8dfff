import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database-schema.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import { createTestApp, openTestDatabase, signIn, type TestApp } from './harness.ts';

/** Procedures as data, and the case state machine as cases move through it. */
let t: TestApp;
let admin: string;
let calltaker: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
});
afterAll(async () => t.close());

const step = (code: string, completion: string, extra: Record<string, unknown> = {}) => ({
  code,
  nameTh: `ขั้นตอน ${code}`,
  nameEn: `Step ${code}`,
  responsible: 'responsible_unit',
  durationMinutes: 1440,
  crisisDurationMinutes: null,
  clock: '24x7',
  completion,
  requiresApproval: false,
  ...extra,
});

async function hotlineCase(problem: string, areaCode = '70') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie: calltaker },
    payload: {
      outcome: 'case',
      case: { problemTypes: [problem], location: { areaCode }, narrative: 'ทดสอบขั้นตอน' },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().case as { id: string; status: string };
}

describe('the seeded procedures', () => {
  it('give the four urgent problems their own and the others the generic one, with the documents’ time frames', async () => {
    const list = (await t.app.inject({ url: '/api/procedures', headers: { cookie: calltaker } })).json().items;
    const active = list.filter((p: { status: string }) => p.status === 'active');
    expect(active.map((p: { problemTypeCode: string | null }) => p.problemTypeCode).sort()).toEqual(
      ['child_labour', 'human_trafficking', 'teen_pregnancy', 'violence', null].sort(),
    );
    const trafficking = active.find((p: { problemTypeCode: string }) => p.problemTypeCode === 'human_trafficking');
    const identification = trafficking.steps.find((s: { code: string }) => s.code === 'victim_identification');
    expect(identification).toMatchObject({ durationMinutes: 7 * 24 * 60, responsible: 'multidisciplinary_team' });
    expect(trafficking.steps[0]).toMatchObject({ completion: 'referral_accepted', durationMinutes: 24 * 60 });
    const generic = active.find((p: { problemTypeCode: string | null }) => p.problemTypeCode === null);
    expect(generic.steps.find((s: { code: string }) => s.code === 'first_contact')).toMatchObject({
      durationMinutes: 72 * 60,
      crisisDurationMinutes: 24 * 60,
    });
    expect(generic.steps.at(-1)).toMatchObject({ completion: 'follow_up_recorded', durationMinutes: 30 * 24 * 60 });
  });
});

describe('a new version', () => {
  it('is checked as a whole, and a case keeps the version it started with', async () => {
    const before = await hotlineCase('human_trafficking');
    const detailBefore = (
      await t.app.inject({ url: `/api/cases/${before.id}`, headers: { cookie: calltaker } })
    ).json();
    expect(detailBefore.procedure).toMatchObject({ version: 1, nameEn: 'Human trafficking procedure' });

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: { cookie: admin },
      payload: {
        problemTypeCode: 'human_trafficking',
        nameTh: 'ฉบับใหม่',
        nameEn: 'New',
        steps: [step('first_contact', 'first_contact'), step('accept', 'referral_accepted')],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { code: string }) => f.code)
        .sort(),
    ).toEqual(['accept_first', 'closure_missing']);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: { cookie: admin },
      payload: {
        problemTypeCode: 'human_trafficking',
        nameTh: 'แนวทางการปฏิบัติ การค้ามนุษย์ ฉบับปรับปรุง',
        nameEn: 'Human trafficking procedure, revised',
        steps: [
          step('accept', 'referral_accepted', { durationMinutes: 12 * 60 }),
          step('close', 'closure_approved', { requiresApproval: true, responsible: 'supervisor' }),
          step('follow_up', 'follow_up_recorded'),
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, status: 'draft', cases: 0 });
    // A draft changes nothing for new cases until it is activated.
    const stillOld = await hotlineCase('human_trafficking');
    const oldDetail = (await t.app.inject({ url: `/api/cases/${stillOld.id}`, headers: { cookie: calltaker } })).json();
    expect(oldDetail.procedure.version).toBe(1);

    const activated = await t.app.inject({
      method: 'POST',
      url: `/api/procedures/${created.json().id}/activate`,
      headers: { cookie: admin },
    });
    expect(activated.json()).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/procedures/${created.json().id}/activate`,
      headers: { cookie: admin },
    });
    expect(again.statusCode).toBe(409);
    const after = await hotlineCase('human_trafficking');
    const newDetail = (await t.app.inject({ url: `/api/cases/${after.id}`, headers: { cookie: calltaker } })).json();
    expect(newDetail.procedure).toMatchObject({ version: 2, steps: [{ durationMinutes: 720 }, {}, {}] });
    // The earlier cases keep version 1, which is now retired.
    const kept = (await t.app.inject({ url: `/api/cases/${before.id}`, headers: { cookie: calltaker } })).json();
    expect(kept.procedure.version).toBe(1);
    const list = (await t.app.inject({ url: '/api/procedures', headers: { cookie: admin } })).json().items;
    const v1 = list.find(
      (p: { problemTypeCode: string; version: number }) => p.problemTypeCode === 'human_trafficking' && p.version === 1,
    );
    expect(v1).toMatchObject({ status: 'retired', cases: 2 });
    // Only a national administrator writes procedures.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: { cookie: calltaker },
      payload: { problemTypeCode: null, nameTh: 'x', nameEn: 'x', steps: [step('accept', 'referral_accepted')] },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the state machine in a case’s life', () => {
  it('records every change with who, when and why, and refuses a transition the machine does not allow', async () => {
    const kase = await hotlineCase('domestic_violence', '38');
    const other = await hotlineCase('domestic_violence', '38');
    const detail = (await t.app.inject({ url: `/api/cases/${kase.id}`, headers: { cookie: calltaker } })).json();
    expect(detail.transitions).toEqual([
      expect.objectContaining({
        from: null,
        to: 'new',
        actor: expect.objectContaining({ displayName: expect.any(String) }),
      }),
    ]);
    // Merge moves it new → merged, recorded with the reason.
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${kase.id}/merge`,
      headers: { cookie: calltaker },
      payload: { version: detail.version, intoCaseId: other.id, reason: 'แจ้งซ้ำ' },
    });
    expect(
      merged.json().transitions.map((tr: { from: string; to: string; reason: string }) => [tr.from, tr.to, tr.reason]),
    ).toEqual([
      [null, 'new', null],
      ['new', 'merged', 'แจ้งซ้ำ'],
    ]);
    // Nothing leaves a merged case: screening it is refused with the state-machine error.
    const screened = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${kase.id}/screening`,
      headers: { cookie: calltaker },
      payload: {
        version: merged.json().version,
        problemTypes: ['violence'],
        crisis: false,
        severity: 2,
        route: { kind: 'keep' },
      },
    });
    expect(screened.statusCode).toBe(409);
    expect(screened.json().error).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      message: { th: expect.any(String) },
    });
  });
});

describe('the migration that brought procedures', () => {
  it('gives existing cases the procedure of their problem and starts their history, merged ones included', async () => {
    const database = await openTestDatabase();
    try {
      const db = database.db as unknown as Kysely<Database>;
      const names = Object.keys(migrations);
      for (const name of names.slice(0, names.indexOf('0010-procedures'))) await migrations[name]!.up(db);
      await sql`insert into geo_province (code, name_th, name_en, search_text) values ('70', 'ราชบุรี', 'Ratchaburi', '')`.execute(
        db,
      );
      const insertCase = async (number: string, status: string, problem: string) => {
        const id = (
          await sql<{ id: string }>`insert into case_file (case_number, year_be, status, channel, crisis, severity,
              province_code, narrative_protected, reporter_anonymous, reporter_relation, routing, created_at, updated_at)
            values (${number}, 2569, ${status}, 'hotline', false, 2, '70', 'x', false, 'self', '{}', now(), now())
            returning id`.execute(db)
        ).rows[0]!.id;
        await sql`insert into case_problem_type (case_id, problem_type_code) values (${id}, ${problem})`.execute(db);
        return id;
      };
      const trafficking = await insertCase('2569-000001', 'new', 'human_trafficking');
      const poverty = await insertCase('2569-000002', 'merged', 'poverty');

      await migrations['0010-procedures']!.up(db);

      const cases = await db
        .selectFrom('case_file')
        .innerJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
        .select(['case_file.id', 'procedure_version.problem_type_code'])
        .execute();
      expect(Object.fromEntries(cases.map((c) => [c.id, c.problem_type_code]))).toEqual({
        [trafficking]: 'human_trafficking',
        [poverty]: null,
      });
      const history = await db
        .selectFrom('case_transition')
        .select(['case_id', 'from_status', 'to_status'])
        .orderBy('seq')
        .execute();
      expect(history).toEqual([
        { case_id: trafficking, from_status: null, to_status: 'new' },
        { case_id: poverty, from_status: null, to_status: 'new' },
        { case_id: poverty, from_status: 'new', to_status: 'merged' },
      ]);
    } finally {
      await database.close();
    }
  });
});
