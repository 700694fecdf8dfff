import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Working a case: the procedure's steps running one after another with their
 * own deadlines, notes, services, the plan (revisions, never overwritten),
 * tasks of each unit of the team, closure with the supervisor's approval,
 * the follow-up it schedules, reopening, one timeline — and "my work".
 */
let t: TestApp;
const calltaker = 'calltaker@oscc.example';
const police = 'police@oscc.example'; // unit officer, Mueang Ratchaburi police station
const policeHead = 'policehead@oscc.example'; // unit head, the same station
const officer = 'officer@oscc.example'; // unit officer, Ratchaburi hospital crisis centre
const coordinator = 'coordinator@oscc.example'; // province 70
const socialworker = 'socialworker@oscc.example'; // province 70, MSDHS-PO-70
let station: string;
let shelter: string;
let office: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp();
  const units = await t.database.db
    .selectFrom('unit')
    .select(['id', 'code', 'name_th'])
    .where('code', 'in', ['MSDHS-SHELTER-70', 'MSDHS-PO-70'])
    .execute();
  shelter = units.find((u) => u.code === 'MSDHS-SHELTER-70')!.id;
  office = units.find((u) => u.code === 'MSDHS-PO-70')!.id;
  station = (
    await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t.close());

/** Sessions end when idle: the test moves the clock by days, so each person signs in again when theirs is old. */
const sessions = new Map<string, { cookie: string; at: number }>();
async function cookieOf(email: string): Promise<string> {
  const held = sessions.get(email);
  if (held && t.clock.now().getTime() - held.at < 10 * 60_000) return held.cookie;
  const cookie = await signIn(t.app, email);
  sessions.set(email, { cookie, at: t.clock.now().getTime() });
  return cookie;
}
const send = async (method: 'POST' | 'PUT', who: string, url: string, payload: object) =>
  t.app.inject({ method, url, headers: { cookie: await cookieOf(who) }, payload });
const post = (who: string, url: string, payload: object) => send('POST', who, url, payload);
const get = async (who: string, url: string) => t.app.inject({ url, headers: { cookie: await cookieOf(who) } });
const work = async (who: string, caseId: string) => (await get(who, `/api/cases/${caseId}/work`)).json();

async function newCase(problem: string, crisis = false) {
  const response = await post(calltaker, '/api/intake/contacts', {
    outcome: 'case',
    case: {
      problemTypes: [problem],
      crisis,
      location: { areaCode: '700101' },
      narrative: 'หญิงสาวถูกหลอกมาทำงานในร้านคาราโอเกะ ถูกยึดบัตรประชาชน',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().case.id as string;
}

/** A case sent to `unitId` as its lead unit and accepted there. */
async function acceptedCase(problem: string, unitId: string, answerer: string, crisis = false) {
  const caseId = await newCase(problem, crisis);
  const referral = (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId, kind: 'lead' })).json();
  t.clock.advanceMinutes(30);
  expect((await post(answerer, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
  return caseId;
}

describe('a trafficking case worked to the end', () => {
  it('runs its procedure step by step, with the team, and closes with approval and a follow-up', async () => {
    const caseId = await newCase('human_trafficking', true);
    const sentAt = t.clock.now().getTime();
    const referral = (
      await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: station, kind: 'lead' })
    ).json();

    // The acceptance step runs with the referral's own deadline.
    let w = await work(police, caseId);
    expect(w.steps.map((s: { code: string }) => s.code)).toEqual([
      'accept_referral',
      'temporary_protection',
      'victim_identification',
      'assessment_plan',
      'services',
      'closure',
      'follow_up',
    ]);
    expect(w.steps[0]).toMatchObject({ status: 'open', dueAt: referral.dueAt });
    expect(w.steps.slice(1).every((s: { status: string }) => s.status === 'pending')).toBe(true);

    t.clock.advanceMinutes(60);
    expect((await post(police, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    w = await work(police, caseId);
    expect(w.status).toBe('in_progress');
    expect(w.steps[0]).toMatchObject({ status: 'done', late: false, doneBy: { displayName: expect.any(String) } });
    // Temporary protection within 24 hours of the acceptance (the 24/7 clock).
    expect(w.steps[1].status).toBe('open');
    expect(new Date(w.steps[1].dueAt).getTime()).toBe(sentAt + HOUR + DAY);

    // The shelter joins the multidisciplinary team.
    const team = (
      await post(police, `/api/cases/${caseId}/referrals`, { unitId: shelter, kind: 'team', note: 'ขอที่พักชั่วคราว' })
    ).json();
    expect(team.kind).toBe('team');
    expect((await post(coordinator, `/api/referrals/${team.id}/accept`, { version: 1 })).statusCode).toBe(200);
    w = await work(police, caseId);
    expect(w.teamUnits.map((u: { id: string; lead: boolean }) => [u.id, u.lead])).toEqual([
      [station, true],
      [shelter, false],
    ]);

    // A contact without saying how is refused; with it, "temporary protection" is done.
    t.clock.advanceMinutes(120);
    const noMethod = await post(police, `/api/cases/${caseId}/notes`, { kind: 'contact', body: 'โทรหาแล้ว' });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json().error.fields[0]).toMatchObject({ path: 'body.contactMethod', code: 'required' });
    const contact = await post(police, `/api/cases/${caseId}/notes`, {
      kind: 'contact',
      contactMethod: 'home_visit',
      body: 'ลงพื้นที่พบผู้เสียหาย นำตัวออกจากสถานที่ ส่งบ้านพักเด็กและครอบครัว',
    });
    expect(contact.statusCode).toBe(201);
    w = contact.json();
    expect(w.steps[1]).toMatchObject({ status: 'done' });
    expect(w.steps[2]).toMatchObject({ status: 'open', code: 'victim_identification' });
    expect(new Date(w.steps[2].dueAt).getTime() - new Date(w.steps[2].openedAt).getTime()).toBe(7 * DAY);

    // The team's screening identifies the victim.
    t.clock.advanceMinutes(3 * 24 * 60);
    w = (
      await post(police, `/api/cases/${caseId}/notes`, {
        kind: 'mdt_screening',
        body: 'ทีมสหวิชาชีพคัดแยกแล้ว: เป็นผู้เสียหายจากการค้ามนุษย์',
      })
    ).json();
    expect(w.steps[2].status).toBe('done');
    expect(w.steps[3]).toMatchObject({ status: 'open', code: 'assessment_plan' });

    // The plan: the second writer who started from the same revision gets a conflict, not an overwrite.
    const plan = { baseRevision: 0, assessment: 'ผู้เสียหายอายุ 19 ปี ถูกยึดเอกสาร', goals: 'คุ้มครอง ฟื้นฟู ส่งกลับภูมิลำเนา' };
    const first = await send('PUT', police, `/api/cases/${caseId}/plan`, plan);
    expect(first.statusCode).toBe(200);
    expect(first.json().plan).toMatchObject({ revision: 1, goals: plan.goals });
    const second = await send('PUT', coordinator, `/api/cases/${caseId}/plan`, { ...plan, goals: 'อื่น' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'CONFLICT',
      message: { th: expect.any(String), en: expect.any(String) },
    });
    const revised = await send('PUT', coordinator, `/api/cases/${caseId}/plan`, {
      ...plan,
      baseRevision: 1,
      goals: 'คุ้มครอง ฟื้นฟู ฝึกอาชีพ',
    });
    expect(revised.json().plan).toMatchObject({ revision: 2, goals: 'คุ้มครอง ฟื้นฟู ฝึกอาชีพ' });
    expect(revised.json().steps[3].status).toBe('done');

    // Tasks for each unit of the team; a unit that is not on the team cannot be given one.
    const due = new Date(t.clock.now().getTime() + 5 * DAY).toISOString();
    const notOnTeam = await post(police, `/api/cases/${caseId}/tasks`, {
      title: 'ตรวจร่างกาย',
      unitId: office,
      dueAt: due,
    });
    expect(notOnTeam.json().error.fields[0]).toMatchObject({ path: 'body.unitId', code: 'not_on_team' });
    const past = await post(police, `/api/cases/${caseId}/tasks`, {
      title: 'ตรวจร่างกาย',
      unitId: shelter,
      dueAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
    });
    expect(past.json().error.fields[0]).toMatchObject({ path: 'body.dueAt', code: 'in_past' });
    w = (
      await post(police, `/api/cases/${caseId}/tasks`, { title: 'จัดหาที่พักและตรวจสุขภาพ', unitId: shelter, dueAt: due })
    ).json();
    const task = w.tasks.find((x: { title: string }) => x.title === 'จัดหาที่พักและตรวจสุขภาพ');
    expect(task).toMatchObject({ status: 'open', unit: { id: shelter }, version: 1 });
    // The coordinator works for the shelter's province; the hospital officer is not on this case at all.
    expect((await post(officer, `/api/tasks/${task.id}/finish`, { version: 1, result: 'x' })).statusCode).toBe(404);
    const done = await post(coordinator, `/api/tasks/${task.id}/finish`, { version: 1, result: 'รับเข้าบ้านพักแล้ว' });
    expect(done.json()).toMatchObject({ status: 'done', result: 'รับเข้าบ้านพักแล้ว', version: 2 });
    expect((await post(coordinator, `/api/tasks/${task.id}/finish`, { version: 2, result: 'again' })).statusCode).toBe(
      409,
    );

    // Services: one provider, not both; the protection given completes the services step.
    const both = await post(police, `/api/cases/${caseId}/services`, {
      serviceType: 'shelter',
      providerUnitId: shelter,
      providerName: 'บ้านพัก',
      providedOn: '2026-01-01',
    });
    expect(both.statusCode).toBe(400);
    const today = t.clock.now().toISOString().slice(0, 10);
    w = (
      await post(police, `/api/cases/${caseId}/services`, {
        serviceType: 'police_protection',
        providerUnitId: station,
        providedOn: today,
        note: 'จัดเจ้าหน้าที่คุ้มครองพยาน',
      })
    ).json();
    expect(w.services).toEqual([
      expect.objectContaining({ serviceType: 'police_protection', provider: expect.objectContaining({ id: station }) }),
    ]);
    expect(w.steps[4].status).toBe('done');
    expect(w.steps[5]).toMatchObject({ status: 'open', code: 'closure', requiresApproval: true });

    // Closing: a stale version is a conflict; the trafficking procedure needs a supervisor.
    const closure = { reason: 'goals_met', outcome: 'resolved', summary: 'ผู้เสียหายปลอดภัย กลับภูมิลำเนาแล้ว' };
    expect((await post(police, `/api/cases/${caseId}/closure`, { ...closure, version: 1 })).json().error.code).toBe(
      'CONFLICT',
    );
    w = (await post(police, `/api/cases/${caseId}/closure`, { ...closure, version: w.version })).json();
    expect(w.status).toBe('pending_closure');
    expect(w.closures).toEqual([
      expect.objectContaining({ status: 'pending', requiresApproval: true, followUpDays: 30 }),
    ]);
    expect(w.can).toMatchObject({ decideClosure: false });
    // The officer may not decide; the station's head sees the approval in "my work" and approves.
    expect(
      (await post(police, `/api/cases/${caseId}/closure/decision`, { version: w.version, approve: true })).statusCode,
    ).toBe(403);
    const headWork = (await get(policeHead, '/api/my-work')).json();
    expect(headWork.items).toContainEqual(expect.objectContaining({ kind: 'approval', caseId }));
    t.clock.advanceMinutes(60);
    const closedAt = t.clock.now().getTime();
    w = (
      await post(policeHead, `/api/cases/${caseId}/closure/decision`, {
        version: w.version,
        approve: true,
        note: 'อนุมัติ',
      })
    ).json();
    expect(w.status).toBe('closed');
    expect(w.closures[0]).toMatchObject({ status: 'approved', decidedBy: expect.any(Object) });
    expect(w.steps[5].status).toBe('done');
    // The follow-up: a task for the lead unit 30 days on, and the follow-up step with the same deadline.
    const followUp = w.tasks.find((x: { kind: string }) => x.kind === 'follow_up');
    expect(followUp).toMatchObject({ status: 'open', unit: { id: station } });
    expect(new Date(followUp.dueAt).getTime()).toBe(closedAt + 30 * DAY);
    expect(w.steps[6]).toMatchObject({ status: 'open', dueAt: followUp.dueAt });
    const policeWork = (await get(police, '/api/my-work')).json();
    expect(policeWork.items).toContainEqual(
      expect.objectContaining({ kind: 'follow_up', refId: followUp.id, minutesLeft: 30 * 24 * 60 }),
    );

    // Thirty days later the follow-up is recorded with the person's satisfaction.
    t.clock.advanceMinutes(30 * 24 * 60 + 60);
    const late = (await get(police, '/api/my-work')).json();
    expect(late.items.find((i: { refId: string }) => i.refId === followUp.id).minutesLeft).toBe(-60);
    const badScore = await post(police, `/api/tasks/${followUp.id}/follow-up`, {
      version: 1,
      outcome: 'stable',
      contactMethod: 'phone',
      satisfaction: 9,
    });
    expect(badScore.statusCode).toBe(400);
    w = (
      await post(police, `/api/tasks/${followUp.id}/follow-up`, {
        version: 1,
        outcome: 'stable',
        contactMethod: 'phone',
        satisfaction: 5,
        note: 'ทำงานที่บ้านเกิด ปลอดภัยดี',
      })
    ).json();
    expect(w.followUps).toEqual([expect.objectContaining({ outcome: 'stable', satisfaction: 5 })]);
    expect(w.steps[6]).toMatchObject({ status: 'done', late: true });
    expect(w.tasks.find((x: { id: string }) => x.id === followUp.id).status).toBe('done');

    // One timeline of all of it, oldest first; reading it is audited.
    const timeline = (await get(coordinator, `/api/cases/${caseId}/timeline`)).json();
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    for (const kind of [
      'contact',
      'state',
      'referral_sent',
      'referral_answered',
      'step_done',
      'note',
      'plan',
      'task_created',
      'task_done',
      'service',
      'closure_requested',
      'closure_decided',
      'follow_up',
    ])
      expect(kinds).toContain(kind);
    const times = timeline.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(timeline.at(-1)).toMatchObject({ kind: expect.stringMatching(/follow_up|step_done|task_done/) });
    const views = await t.database.db
      .selectFrom('audit_event')
      .select('after_state')
      .where('entity_id', '=', caseId)
      .where('action', '=', 'case.view')
      .execute();
    expect(views.some((v) => JSON.stringify(v.after_state).includes('timeline'))).toBe(true);
  });
});

describe('closing', () => {
  it('closes at once where the procedure needs no approval, and schedules the follow-up', async () => {
    const caseId = await acceptedCase('poverty', office, socialworker);
    const w0 = await work(socialworker, caseId);
    expect(w0.can).toMatchObject({ work: true, close: true });
    const w = (
      await post(socialworker, `/api/cases/${caseId}/closure`, {
        version: w0.version,
        reason: 'referred_elsewhere',
        outcome: 'partly_resolved',
        summary: 'ส่งต่อ อบต. ดูแลเบี้ยยังชีพ',
        followUpDays: 14,
      })
    ).json();
    expect(w.status).toBe('closed');
    expect(w.closures[0]).toMatchObject({ status: 'approved', requiresApproval: false, followUpDays: 14 });
    expect(w.tasks.filter((x: { kind: string }) => x.kind === 'follow_up')).toHaveLength(1);
  });

  it('is sent back with a note, and nobody approves their own request', async () => {
    const caseId = await acceptedCase('human_trafficking', station, policeHead);
    let w = await work(policeHead, caseId);
    const request = { reason: 'unreachable', outcome: 'not_resolved', summary: 'ติดต่อไม่ได้ 3 ครั้ง' };
    w = (await post(policeHead, `/api/cases/${caseId}/closure`, { ...request, version: w.version })).json();
    expect(w.status).toBe('pending_closure');
    const own = await post(policeHead, `/api/cases/${caseId}/closure/decision`, { version: w.version, approve: true });
    expect(own.json().error.code).toBe('SELF_APPROVAL');
    // A second request while one waits is refused.
    expect(
      (await post(policeHead, `/api/cases/${caseId}/closure`, { ...request, version: w.version })).statusCode,
    ).toBe(409);
    const noNote = await post(coordinator, `/api/cases/${caseId}/closure/decision`, {
      version: w.version,
      approve: false,
    });
    expect(noNote.json().error.fields[0]).toMatchObject({ path: 'body.note', code: 'required' });
    w = (
      await post(coordinator, `/api/cases/${caseId}/closure/decision`, {
        version: w.version,
        approve: false,
        note: 'ให้ลงพื้นที่ติดตามอีกครั้งก่อน',
      })
    ).json();
    expect(w.status).toBe('in_progress');
    expect(w.closures[0]).toMatchObject({ status: 'rejected', decisionNote: 'ให้ลงพื้นที่ติดตามอีกครั้งก่อน' });
  });

  it('is refused for a case not yet accepted, and for people who only read', async () => {
    const caseId = await newCase('poverty');
    await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: office, kind: 'lead' });
    const w = await work(coordinator, caseId);
    const refused = await post(coordinator, `/api/cases/${caseId}/closure`, {
      version: w.version,
      reason: 'goals_met',
      outcome: 'resolved',
      summary: 'x',
    });
    expect(refused.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await post(calltaker, `/api/cases/${caseId}/notes`, { body: 'x' })).statusCode).toBe(403);
  });
});

describe('reopening', () => {
  it('opens a closed case again with a reason: closure and follow-up are to be done again', async () => {
    const caseId = await acceptedCase('poverty', office, socialworker);
    let w = await work(socialworker, caseId);
    w = (
      await post(socialworker, `/api/cases/${caseId}/closure`, {
        version: w.version,
        reason: 'goals_met',
        outcome: 'resolved',
        summary: 'ได้รับเงินสงเคราะห์แล้ว',
      })
    ).json();
    expect(w.status).toBe('closed');
    const noReason = await post(socialworker, `/api/cases/${caseId}/reopen`, { version: w.version });
    expect(noReason.statusCode).toBe(400);
    w = (
      await post(socialworker, `/api/cases/${caseId}/reopen`, { version: w.version, reason: 'ถูกไล่ออกจากบ้านอีกครั้ง' })
    ).json();
    expect(w.status).toBe('reopened');
    expect(w.tasks.find((x: { kind: string }) => x.kind === 'follow_up').status).toBe('cancelled');
    // Closure is to be done again (the steps never done before it — first contact here — still run first).
    expect(w.steps.find((s: { code: string }) => s.code === 'closure')).toMatchObject({
      status: 'pending',
      doneAt: null,
    });
    expect(w.steps.find((s: { code: string }) => s.code === 'first_contact')).toMatchObject({ status: 'open' });
    expect(w.steps.find((s: { code: string }) => s.code === 'follow_up').status).toBe('pending');
    // A reopened case is worked and closed again.
    expect(
      (
        await post(socialworker, `/api/cases/${caseId}/services`, {
          serviceType: 'shelter',
          providerName: 'บ้านมิตรไมตรี',
          providedOn: t.clock.now().toISOString().slice(0, 10),
        })
      ).statusCode,
    ).toBe(201);
    w = (
      await post(socialworker, `/api/cases/${caseId}/closure`, {
        version: w.version,
        reason: 'goals_met',
        outcome: 'resolved',
        summary: 'มีที่พักถาวรแล้ว',
      })
    ).json();
    expect(w.status).toBe('closed');
    const detail = (await get(socialworker, `/api/cases/${caseId}`)).json();
    expect(detail.transitions.map((x: { to: string }) => x.to)).toEqual([
      'new',
      'referred',
      'in_progress',
      'closed',
      'reopened',
      'closed',
    ]);
    expect(detail.transitions[4]).toMatchObject({ reason: 'ถูกไล่ออกจากบ้านอีกครั้ง' });
  });
});

describe('my work', () => {
  it('lists referrals, running steps and tasks by deadline, with the time left on each', async () => {
    const waiting = await newCase('violence', true);
    await post(calltaker, `/api/cases/${waiting}/referrals`, { unitId: station, kind: 'lead' });
    const working = await acceptedCase('violence', station, police, true);
    const mine = (await get(police, '/api/my-work')).json();
    const items = mine.items.filter((i: { caseId: string }) => [waiting, working].includes(i.caseId));
    expect(items.map((i: { kind: string; caseId: string }) => [i.kind, i.caseId])).toEqual([
      ['referral', waiting],
      ['step', working],
    ]);
    expect(items[0]).toMatchObject({ titleTh: 'ตอบรับเรื่องส่งต่อ', crisis: true });
    expect(items[0].minutesLeft).toBe(24 * 60 - 30);
    expect(items[1]).toMatchObject({ titleEn: 'Contact and safety assessment', minutesLeft: 24 * 60 });
    const dues = mine.items.map((i: { dueAt: string | null }) => i.dueAt ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    // Another unit's people do not get this unit's work.
    const hospital = (await get(officer, '/api/my-work')).json();
    expect(hospital.items.some((i: { caseId: string }) => [waiting, working].includes(i.caseId))).toBe(false);
  });
});

describe('the case version', () => {
  it('goes up with every change of state, so a form opened before it is stale', async () => {
    const caseId = await newCase('poverty');
    const before = (await get(calltaker, `/api/cases/${caseId}`)).json().version;
    const referral = (await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId: office, kind: 'lead' })).json();
    await post(socialworker, `/api/referrals/${referral.id}/accept`, { version: 1 });
    const after = (await get(calltaker, `/api/cases/${caseId}`)).json().version;
    expect(after).toBeGreaterThan(before + 1);
  });
});

describe('a step done by hand', () => {
  it('is only a step completed by a task of its own, and the next step then runs', async () => {
    const step = {
      responsible: 'responsible_unit',
      durationMinutes: 48 * 60,
      crisisDurationMinutes: null,
      clock: '24x7',
      requiresApproval: false,
    };
    const created = await post('admin@oscc.example', '/api/procedures', {
      problemTypeCode: 'begging',
      nameTh: 'แนวทางการปฏิบัติ ขอทาน',
      nameEn: 'Begging procedure',
      activate: true,
      steps: [
        { ...step, code: 'accept', nameTh: 'รับเรื่อง', nameEn: 'Accept', completion: 'referral_accepted' },
        { ...step, code: 'visit', nameTh: 'ลงพื้นที่', nameEn: 'Visit', completion: 'task_done' },
        { ...step, code: 'report', nameTh: 'รายงาน', nameEn: 'Report', completion: 'task_done' },
        { ...step, code: 'close', nameTh: 'ยุติ', nameEn: 'Close', completion: 'closure_approved' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const caseId = await acceptedCase('begging', office, socialworker);
    let w = await work(socialworker, caseId);
    expect(w.steps.map((s: { code: string; status: string }) => `${s.code}:${s.status}`)).toEqual([
      'accept:done',
      'visit:open',
      'report:pending',
      'close:pending',
    ]);
    // Not the running step, or a step done by its own event: refused.
    expect(
      (await post(socialworker, `/api/cases/${caseId}/steps/3/complete`, { version: w.version, note: 'x' })).json()
        .error.code,
    ).toBe('TRANSITION_NOT_ALLOWED');
    expect(
      (await post(socialworker, `/api/cases/${caseId}/steps/1/complete`, { version: w.version - 1, note: 'x' })).json()
        .error.code,
    ).toBe('CONFLICT');
    w = (
      await post(socialworker, `/api/cases/${caseId}/steps/1/complete`, {
        version: w.version,
        note: 'ลงพื้นที่พบเด็กและผู้ปกครองแล้ว',
      })
    ).json();
    expect(w.steps.map((s: { code: string; status: string }) => `${s.code}:${s.status}`)).toEqual([
      'accept:done',
      'visit:done',
      'report:open',
      'close:pending',
    ]);
    expect(w.notes.at(-1)).toMatchObject({ kind: 'note', body: 'ลงพื้นที่พบเด็กและผู้ปกครองแล้ว' });
  });
});
