import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * The business calendar's public holidays: seeded for this year and the next,
 * edited by national administrators (audited), and counted by every deadline
 * on the business clock of a unit that closes on them.
 */
let t: TestApp;
let admin: string;
let coordinator: string;
let calltaker: string;
let socialworker: string;
let office: string; // MSDHS-PO-70: government office hours, closed on public holidays

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  socialworker = await signIn(t.app, 'socialworker@oscc.example');
  office = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', 'MSDHS-PO-70').executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t.close());

const request = (method: 'GET' | 'PUT' | 'DELETE' | 'POST', cookie: string, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('the holiday calendar', () => {
  it('is seeded for this year and the next, the lunar dates marked to be checked', async () => {
    const year = (await request('GET', calltaker, '/api/holidays?year=2026')).json().items;
    expect(year).toContainEqual(expect.objectContaining({ day: '2026-04-13', nameTh: 'วันสงกรานต์', confirmed: true }));
    expect(year).toContainEqual(expect.objectContaining({ day: '2026-03-03', nameTh: 'วันมาฆบูชา', confirmed: false }));
    expect(year).toContainEqual(
      expect.objectContaining({ day: '2026-12-07', nameTh: expect.stringContaining('ชดเชย') }),
    );
    expect((await request('GET', calltaker, '/api/holidays?year=2027')).json().items.length).toBeGreaterThan(15);
    expect((await request('GET', calltaker, '/api/holidays?year=abc')).statusCode).toBe(400);
  });

  it('is edited by national administrators only, and every change is audited', async () => {
    const special = { nameTh: 'วันหยุดพิเศษตามมติคณะรัฐมนตรี', nameEn: 'Special holiday by Cabinet resolution' };
    expect((await request('PUT', coordinator, '/api/holidays/2026-12-30', special)).statusCode).toBe(403);
    expect((await request('PUT', calltaker, '/api/holidays/2026-12-30', special)).statusCode).toBe(403);
    expect((await request('PUT', admin, '/api/holidays/2026-13-30', special)).statusCode).toBe(400);
    const created = await request('PUT', admin, '/api/holidays/2026-12-30', special);
    expect(created.json()).toMatchObject({ day: '2026-12-30', confirmed: true, ...special });
    // Confirming a lunar date after checking the Cabinet's list.
    const confirmed = await request('PUT', admin, '/api/holidays/2026-03-03', {
      nameTh: 'วันมาฆบูชา',
      nameEn: 'Makha Bucha Day',
    });
    expect(confirmed.json().confirmed).toBe(true);
    expect((await request('DELETE', admin, '/api/holidays/2026-12-30')).statusCode).toBe(204);
    expect((await request('DELETE', admin, '/api/holidays/2026-12-30')).statusCode).toBe(404);
    const trail = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'holiday')
      .orderBy('at')
      .execute();
    // The test's clock stands still, so the three share one time: compared as a set.
    expect(trail.map((e) => `${e.action} ${e.entity_id}`).sort()).toEqual([
      'holiday.create 2026-12-30',
      'holiday.delete 2026-12-30',
      'holiday.update 2026-03-03',
    ]);
  });
});

describe('deadlines on the business clock', () => {
  /** A poverty case accepted by the provincial office and contacted: its plan step opens (7 working days). */
  async function planDue(): Promise<string> {
    const created = await request('POST', calltaker, '/api/intake/contacts', {
      outcome: 'case',
      case: { problemTypes: ['poverty'], location: { areaCode: '700101' }, narrative: 'ครอบครัวขาดรายได้' },
    });
    const caseId = created.json().case.id as string;
    const referral = (await request('POST', calltaker, `/api/cases/${caseId}/referrals`, { unitId: office })).json();
    expect(
      (await request('POST', socialworker, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode,
    ).toBe(200);
    const work = (
      await request('POST', socialworker, `/api/cases/${caseId}/notes`, {
        kind: 'contact',
        contactMethod: 'phone',
        body: 'โทรติดต่อแล้ว',
      })
    ).json();
    const plan = work.steps.find((step: { code: string }) => step.code === 'assessment_plan');
    expect(plan.status).toBe('open');
    return plan.dueAt;
  }

  it('skip the holidays the office closes on, and count a holiday added later for the frames that start after it', async () => {
    // Opened Tuesday 1 December 2026, 10:00 in Bangkok. Seven working days, without Monday 7 (for Saturday
    // 5 December) and Thursday 10 (Constitution Day): Monday 14 December, 10:00.
    expect(await planDue()).toBe('2026-12-14T03:00:00.000Z');
    const added = await request('PUT', admin, '/api/holidays/2026-12-14', {
      nameTh: 'วันหยุดพิเศษ',
      nameEn: 'Special holiday',
    });
    expect(added.statusCode).toBe(200);
    expect(await planDue()).toBe('2026-12-15T03:00:00.000Z');
  });
});
