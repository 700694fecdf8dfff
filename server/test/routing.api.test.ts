import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/** The routing rules as data: the problem-type taxonomy and a preview of what the rules decide. */
let t: TestApp;
let admin: string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
});
afterAll(async () => t.close());

const type = (overrides: Record<string, unknown> = {}) => ({
  code: 'gambling_debt',
  nameTh: 'หนี้พนันออนไลน์',
  nameEn: 'Online gambling debt',
  urgent: false,
  leadAgencyCode: null,
  sortOrder: 200,
  active: true,
  ...overrides,
});

describe('the problem-type taxonomy', () => {
  it('is extended, renamed and given a lead ministry by a national administrator, with an audit trail', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/problem-types',
      headers: { cookie: admin },
      payload: type(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'gambling_debt', leadAgencyCode: null, sortOrder: 200 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/problem-types',
      headers: { cookie: admin },
      payload: type(),
    });
    expect(again.json().error.code).toBe('CODE_IN_USE');

    const { code: _code, ...edit } = type({ leadAgencyCode: 'MSDHS', urgent: true, nameTh: 'หนี้การพนันออนไลน์' });
    const updated = await t.app.inject({
      method: 'PUT',
      url: '/api/problem-types/gambling_debt',
      headers: { cookie: admin },
      payload: edit,
    });
    expect(updated.json()).toMatchObject({ leadAgencyCode: 'MSDHS', urgent: true, nameTh: 'หนี้การพนันออนไลน์' });
    const list = (await t.app.inject({ url: '/api/problem-types', headers: { cookie: coordinator } })).json().items;
    expect(list.find((p: { code: string }) => p.code === 'gambling_debt')).toMatchObject({ urgent: true });
    const trail = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_type', '=', 'problem_type')
      .where('entity_id', '=', 'gambling_debt')
      .execute();
    expect(trail.map((e) => e.action).sort()).toEqual(['problem_type.create', 'problem_type.update']);
  });

  it('refuses an unknown ministry, a malformed code, an unknown type, and anyone whose reach is not national', async () => {
    const badMinistry = await t.app.inject({
      method: 'POST',
      url: '/api/problem-types',
      headers: { cookie: admin },
      payload: type({ code: 'x_new', leadAgencyCode: 'NOPE' }),
    });
    expect(badMinistry.json().error.fields[0]).toMatchObject({ path: 'body.leadAgencyCode', code: 'unknown_agency' });
    const badCode = await t.app.inject({
      method: 'POST',
      url: '/api/problem-types',
      headers: { cookie: admin },
      payload: type({ code: 'Bad Code!' }),
    });
    expect(badCode.statusCode).toBe(400);
    const { code: _code, ...edit } = type();
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/problem-types/nope',
      headers: { cookie: admin },
      payload: edit,
    });
    expect(unknown.statusCode).toBe(404);
    // The Ratchaburi coordinator manages units in the province, not the national taxonomy.
    const province = await t.app.inject({
      method: 'POST',
      url: '/api/problem-types',
      headers: { cookie: coordinator },
      payload: type({ code: 'x_province' }),
    });
    expect(province.statusCode).toBe(403);
    const written = await t.database.db
      .selectFrom('problem_type')
      .select('code')
      .where('code', 'in', ['x_new', 'x_province'])
      .execute();
    expect(written).toEqual([]);
  });
});

describe('the routing preview', () => {
  it('shows the decision and every unit the rules considered, best first', async () => {
    const preview = await t.app.inject({
      url: '/api/routing/preview?problemType=violence&areaCode=700101&crisis=true',
      headers: { cookie: coordinator },
    });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.decision.kind).toBe('area');
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.candidates[0].unitId).toBe(body.decision.unitId);
    // Ranked: a crisis prefers units open now.
    const open = body.candidates.map((c: { openNow: boolean }) => c.openNow);
    expect(open).toEqual([...open].sort((a: boolean, b: boolean) => Number(b) - Number(a)));

    const nobody = await t.app.inject({
      url: '/api/routing/preview?problemType=gambling_debt&areaCode=38',
      headers: { cookie: coordinator },
    });
    expect(nobody.json()).toMatchObject({ decision: { kind: 'triage', unitId: null }, candidates: [] });
    const unknown = await t.app.inject({
      url: '/api/routing/preview?problemType=nope&areaCode=38',
      headers: { cookie: coordinator },
    });
    expect(unknown.json().error.fields[0].code).toBe('unknown_problem_type');
  });
});
