import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Referrals: sent by the screening desk, answered by the receiving unit
 * (accept, decline with a reason, transfer before accepting), revoked by the
 * sender — each with its own deadline — and the case's state following its
 * lead referral. A unit with an open referral sees the case while it lasts.
 */
let t: TestApp;
let calltaker: string;
let officer: string; // unit: MOPH-OSCC-70-03 (a Ratchaburi hospital crisis centre)
let head: string; // the same unit
let coordinator: string; // province 70
let hospital: string;
let office: string; // MSDHS-PO-70

beforeAll(async () => {
  t = await createTestApp();
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  officer = await signIn(t.app, 'officer@oscc.example');
  head = await signIn(t.app, 'head@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  const units = await t.database.db
    .selectFrom('unit')
    .select(['id', 'code'])
    .where('code', 'in', ['MOPH-OSCC-70-03', 'MSDHS-PO-70'])
    .execute();
  hospital = units.find((u) => u.code === 'MOPH-OSCC-70-03')!.id;
  office = units.find((u) => u.code === 'MSDHS-PO-70')!.id;
});
afterAll(async () => t.close());

const post = (cookie: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

async function newCase(problem = 'violence', crisis = false) {
  const response = await post(calltaker, '/api/intake/contacts', {
    outcome: 'case',
    case: { problemTypes: [problem], crisis, location: { areaCode: '700101' }, narrative: 'ทดสอบการส่งต่อ' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().case.id as string;
}

describe('a lead referral', () => {
  it('is sent with its deadline, seen in the unit’s inbox, accepted — and the case is in progress', async () => {
    const caseId = await newCase('violence', true);
    const sent = await post(calltaker, `/api/cases/${caseId}/referrals`, {
      unitId: hospital,
      kind: 'lead',
      note: 'เด็กมีบาดแผล ต้องตรวจร่างกาย',
    });
    expect(sent.statusCode).toBe(201);
    const referral = sent.json();
    // The violence procedure: accept within 24 hours, on the 24/7 clock.
    expect(new Date(referral.dueAt).getTime() - new Date(referral.sentAt).getTime()).toBe(24 * 3_600_000);
    expect(referral).toMatchObject({ status: 'sent', kind: 'lead', unit: { id: hospital }, version: 1 });

    const inbox = (await get(officer, '/api/referrals')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(referral.id);
    expect((await get(coordinator, '/api/referrals')).json().items.map((r: { id: string }) => r.id)).toContain(
      referral.id,
    );
    expect((await get(calltaker, '/api/referrals')).statusCode).toBe(403);

    const stale = await post(officer, `/api/referrals/${referral.id}/accept`, { version: 99 });
    expect(stale.json().error.code).toBe('CONFLICT');
    const accepted = await post(officer, `/api/referrals/${referral.id}/accept`, { version: 1 });
    expect(accepted.json()).toMatchObject({ status: 'accepted', respondedAt: expect.any(String) });
    const twice = await post(officer, `/api/referrals/${referral.id}/accept`, { version: 2 });
    expect(twice.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    // The lead unit that took the case is not withdrawn from under its work.
    const revoke = await post(calltaker, `/api/referrals/${referral.id}/revoke`, { version: 2, reason: 'ผิดหน่วย' });
    expect(revoke.json().error.code).toBe('TRANSITION_NOT_ALLOWED');

    const detail = (await get(officer, `/api/cases/${caseId}`)).json();
    expect(detail.status).toBe('in_progress');
    expect(detail.responsibleUnit.id).toBe(hospital);
    expect(detail.transitions.map((tr: { to: string }) => tr.to)).toEqual(['new', 'referred', 'in_progress']);
    expect(detail.referrals).toEqual([expect.objectContaining({ id: referral.id, status: 'accepted' })]);
    // A case in progress cannot be sent to another lead unit or merged away.
    expect(
      (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: office, kind: 'lead' })).json().error.code,
    ).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('declined with a reason sends the case back to the central triage queue', async () => {
    const caseId = await newCase('poverty');
    const referral = (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: hospital })).json();
    const noReason = await post(head, `/api/referrals/${referral.id}/decline`, { version: 1 });
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'body.reason', code: 'required' });
    const declined = await post(head, `/api/referrals/${referral.id}/decline`, {
      version: 1,
      reason: 'ไม่ใช่ปัญหาด้านสุขภาพ',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', responseReason: 'ไม่ใช่ปัญหาด้านสุขภาพ' });
    const detail = (await get(calltaker, `/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'triage', responsibleUnit: null });
    expect(detail.transitions.at(-1)).toMatchObject({
      from: 'referred',
      to: 'triage',
      reason: expect.stringContaining('ไม่ใช่ปัญหา'),
    });
    const queue = (await get(calltaker, '/api/cases?queue=triage&limit=100')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('is passed on by the receiving unit before accepting, and the new unit answers for the case', async () => {
    const caseId = await newCase('poverty');
    const referral = (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: hospital })).json();
    const moved = await post(head, `/api/referrals/${referral.id}/transfer`, {
      version: 1,
      toUnitId: office,
      reason: 'ปัญหาความยากจน ควรเป็น พม.',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'sent', unit: { id: office }, parentReferralId: referral.id });
    const detail = (await get(coordinator, `/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'referred', responsibleUnit: { id: office } });
    expect(detail.referrals.map((r: { status: string }) => r.status)).toEqual(['transferred', 'sent']);
    // The hospital's people no longer see the case: their referral is over.
    expect((await get(officer, `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await post(coordinator, `/api/referrals/${moved.json().id}/accept`, { version: 1 })).statusCode).toBe(200);
  });
});

describe('the multidisciplinary team', () => {
  it('lets another unit work the case while its referral is open, and no longer once it is revoked', async () => {
    const caseId = await newCase('poverty');
    await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: office });
    expect((await get(officer, `/api/cases/${caseId}`)).statusCode).toBe(404);
    const team = await post(calltaker, `/api/cases/${caseId}/referrals`, {
      unitId: hospital,
      kind: 'team',
      note: 'ขอให้ตรวจสุขภาพเด็ก',
    });
    expect(team.statusCode).toBe(201);
    expect(
      (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: hospital, kind: 'team' })).statusCode,
    ).toBe(409);
    const seen = await get(officer, `/api/cases/${caseId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().status).toBe('referred'); // a team referral leaves the lead's state alone
    expect((await post(officer, `/api/referrals/${team.json().id}/accept`, { version: 1 })).statusCode).toBe(200);
    const revoked = await post(calltaker, `/api/referrals/${team.json().id}/revoke`, {
      version: 2,
      reason: 'ตรวจที่โรงพยาบาลอื่นแล้ว',
    });
    expect(revoked.json().status).toBe('revoked');
    expect((await get(officer, `/api/cases/${caseId}`)).statusCode).toBe(404);
    const trail = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', caseId)
      .where('action', 'like', 'referral.%')
      .execute();
    expect(trail.map((e) => e.action).sort()).toEqual([
      'referral.accept',
      'referral.revoke',
      'referral.send',
      'referral.send',
    ]);
  });
});
