import { ROLE_CODES, type RoleCode } from '@oscc/contract';
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { checkDueDeadlines } from '../../src/modules/alarms/index.ts';
import { signIn, type TestApp } from '../harness.ts';

/**
 * The "target world" of the OpenAPI permission matrix: records that live in
 * one province (70, Ratchaburi) and one ministry (Ministry of Public Health:
 * the Ratchaburi Hospital crisis centre, MOPH-OSCC-70-03) — cases in every
 * state a path parameter needs, a pending referral, tasks, an attachment, a
 * LINE conversation that became a case, alarms, a report subscription — made
 * through the API by the demo's own people. And the actors: one person per
 * role, all from another province (50, Chiang Mai) and another ministry
 * (Ministry of Labour: the Chiang Mai labour protection office, MOL-LPO-50).
 */

export const TARGET_PROVINCE = '70';
export const ACTOR_PROVINCE = '50';
export const ACTOR_UNIT_CODE = 'MOL-LPO-50';
export const ACTOR_MINISTRY_CODE = 'MOL';
export const LINE_SECRET = 'openapi-permissions-line-secret';

/** The env the app needs for the LINE conversation of the target world (nothing listens on port 9). */
export const WORLD_ENV = {
  LINE_CHANNEL_SECRET: LINE_SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
  LINE_API_URL: 'http://127.0.0.1:9',
};

export interface TargetCase {
  id: string;
  caseNumber: string;
  version: number;
}

export interface World {
  hospitalUnitId: string;
  hospitalUnitVersion: number;
  stationUnitId: string;
  mophAgencyId: string;
  mophOpsAgencyId: string;
  mophOpsAgencyVersion: number;
  actorUnitId: string;
  actorMinistryId: string;
  officerId: string;
  officerVersion: number;
  /** In progress at the hospital, with a pending team referral, a task, a note, a plan, an attachment; linked to B. */
  caseA: TargetCase;
  caseB: TargetCase;
  /** Closure requested, waiting for the supervisor's decision. */
  caseC: TargetCase;
  /** Closed, with its follow-up task. */
  caseD: TargetCase;
  /** Made from a LINE conversation. */
  caseE: TargetCase;
  openStepPosition: number;
  planRevision: number;
  referralId: string;
  referralVersion: number;
  taskId: string;
  taskVersion: number;
  followUpTaskId: string;
  followUpTaskVersion: number;
  attachmentId: string;
  conversationId: string;
  alarmId: string;
  alarmDeliveryId: string;
  subscriptionId: string;
  /** The province coordinator broke the glass on case A (with a reason); a data subject's request and a breach. */
  revealReason: string;
  subjectRequestId: string;
  breachId: string;
  procedureId: string;
  callerPhone: string;
  personName: string;
  /** The current escalation ladder and the call taker's rules, as bodies that change nothing. */
  alarmLadder: unknown;
  callTakerRules: unknown;
  /** Everything that identifies the target: none of it may appear in an answer to an out-of-scope actor. */
  secrets: string[];
}

const HOUR = 3_600_000;
const dedupe = (values: string[]) => [...new Set(values)];

/** Sign-ins of the people who build the world, renewed when the clock has moved on. */
function sessionsOf(t: TestApp) {
  const sessions = new Map<string, { cookie: string; at: number }>();
  return async (email: string) => {
    const held = sessions.get(email);
    if (held && t.clock.now().getTime() - held.at < 10 * 60_000) return held.cookie;
    const cookie = await signIn(t.app, email);
    sessions.set(email, { cookie, at: t.clock.now().getTime() });
    return cookie;
  };
}

export async function buildTargetWorld(t: TestApp): Promise<World> {
  const db = t.database.db;
  const cookieOf = sessionsOf(t);
  const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await t.app.inject({ method, url, headers: { cookie: await cookieOf(who) }, payload });
    expect(response.statusCode, `${who} ${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  const calltaker = 'calltaker@oscc.example';
  const officer = 'officer@oscc.example';
  const coordinator = 'coordinator@oscc.example';

  const unitId = async (code: string) =>
    (await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const agencyId = async (code: string) =>
    (await db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const hospitalUnitId = await unitId('MOPH-OSCC-70-03');
  const stationUnitId = (
    await db.selectFrom('unit').select('id').where('name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี').executeTakeFirstOrThrow()
  ).id;
  const officerId = (
    await db.selectFrom('app_user').select('id').where('email', '=', officer).executeTakeFirstOrThrow()
  ).id;

  const callerPhone = '0861234567';
  const personName = 'นางสาวทดสอบ สิทธิ์เข้าถึง';
  const narrative = 'ผู้เสียหายถูกทำร้ายร่างกาย ต้องการความช่วยเหลือเร่งด่วน (เป้าหมายทดสอบสิทธิ์)';

  const newCase = async (problem: string): Promise<string> => {
    const recorded = await call(calltaker, 'POST', '/api/intake/contacts', {
      outcome: 'case',
      callerPhone,
      case: {
        problemTypes: [problem],
        location: { areaCode: '700101' },
        narrative,
        people: [{ role: 'victim', name: personName }],
      },
    });
    const caseId = recorded.case.id as string;
    const lead = await call(calltaker, 'POST', `/api/cases/${caseId}/referrals`, {
      unitId: hospitalUnitId,
      kind: 'lead',
    });
    t.clock.advanceMinutes(5);
    await call(officer, 'POST', `/api/referrals/${lead.id}/accept`, { version: lead.version });
    return caseId;
  };
  const work = (caseId: string) => call(officer, 'GET', `/api/cases/${caseId}/work`);

  // A: worked at the hospital, with the police station asked to join the team (still pending).
  const caseA = await newCase('violence');
  const referral = await call(officer, 'POST', `/api/cases/${caseA}/referrals`, {
    unitId: stationUnitId,
    kind: 'team',
    note: 'ขอให้สอบปากคำ',
  });
  const withTask = await call(officer, 'POST', `/api/cases/${caseA}/tasks`, {
    title: 'เยี่ยมบ้านผู้เสียหาย',
    unitId: hospitalUnitId,
    dueAt: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString(),
  });
  const task = (withTask.tasks as { id: string; kind: string; version: number }[]).find((x) => x.kind === 'task')!;
  await call(officer, 'POST', `/api/cases/${caseA}/notes`, { body: 'โทรติดต่อผู้เสียหายแล้ว' });
  await call(officer, 'PUT', `/api/cases/${caseA}/plan`, {
    baseRevision: 0,
    assessment: 'ประเมินความเสี่ยงสูง',
    goals: 'ผู้เสียหายปลอดภัย',
  });
  const attachment = await uploadPng(t, await cookieOf(officer), caseA);

  // B: linked to A.
  const caseB = await newCase('violence');
  await call('head@oscc.example', 'POST', `/api/cases/${caseA}/links`, {
    relatedCaseId: caseB,
    reason: 'ผู้แจ้งคนเดียวกัน',
  });

  // C: closure requested, waiting for the head's decision.
  const caseC = await newCase('human_trafficking');
  const c = await work(caseC);
  await call(officer, 'POST', `/api/cases/${caseC}/closure`, {
    version: c.version,
    reason: 'unreachable',
    outcome: 'not_resolved',
    summary: 'ติดต่อไม่ได้',
  });

  // D: closed at once (no approval in its procedure), with its follow-up task.
  const caseD = await newCase('poverty');
  const d = await work(caseD);
  const closed = await call(officer, 'POST', `/api/cases/${caseD}/closure`, {
    version: d.version,
    reason: 'goals_met',
    outcome: 'resolved',
    summary: 'ช่วยเหลือครบแล้ว',
    followUpDays: 14,
  });
  const followUp = (closed.tasks as { id: string; kind: string; version: number }[]).find(
    (x) => x.kind === 'follow_up',
  );
  expect(followUp, 'the follow-up task of case D').toBeDefined();

  // E: a LINE conversation, triaged into a case in Ratchaburi.
  const lineText = 'ช่วยด้วยค่ะ สามีทำร้ายร่างกาย อยู่ราชบุรี (เป้าหมายทดสอบสิทธิ์)';
  const body = JSON.stringify({
    destination: 'Uoscc1300',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: 1_764_558_000_000,
        webhookEventId: '01JDPERMISSIONS00000000001',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: 'U0123456789abcdef0123456789abcdef' },
        replyToken: 'b60d432864f44d079f6d8efe86cf404b',
        message: { id: 'msg-permissions-1', type: 'text', quoteToken: 'q', text: lineText },
      },
    ],
  });
  const hook = await t.app.inject({
    method: 'POST',
    url: '/api/webhooks/line',
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', LINE_SECRET).update(body).digest('base64'),
    },
    payload: body,
  });
  expect(hook.statusCode, hook.body).toBe(200);
  const conversation = await db
    .selectFrom('social_conversation')
    .select(['id', 'contact_id'])
    .executeTakeFirstOrThrow();
  const triaged = await call(calltaker, 'POST', `/api/social/conversations/${conversation.id}/triage`, {
    outcome: 'case',
    case: { problemTypes: ['domestic_violence'], location: { areaCode: '700101' }, narrative },
  });
  const caseE = triaged.case.id as string;

  // A report subscription of a Ratchaburi person.
  const subscription = await call(coordinator, 'POST', '/api/report-subscriptions', {
    kind: 'dashboard',
    frequency: 'daily',
    format: 'csv',
    filter: { provinceCode: TARGET_PROVINCE },
  });

  // The province coordinator (identities masked) breaks the glass on case A; the DPO's registers hold one of each.
  const revealReason = 'ตรวจสอบคำร้องของผู้เสียหายรายนี้ต่อจังหวัดราชบุรี';
  await call(coordinator, 'POST', `/api/cases/${caseA}/reveal`, { reason: revealReason });
  const subjectRequest = await call('admin@oscc.example', 'POST', '/api/privacy/requests', {
    kind: 'access',
    requesterName: personName,
    contact: callerPhone,
    details: 'ขอสำเนาข้อมูลของตน',
    caseNumber: (
      await db.selectFrom('case_file').select('case_number').where('id', '=', caseA).executeTakeFirstOrThrow()
    ).case_number,
  });
  const breach = await call('admin@oscc.example', 'POST', '/api/privacy/breaches', {
    title: 'รายงานของโรงพยาบาลราชบุรีส่งผิดผู้รับ',
    description: `แฟ้มที่มีชื่อ ${personName} ถูกส่งไปยังผู้รับภายนอก`,
    discoveredAt: t.clock.now().toISOString(),
    affectedCount: 1,
    risk: 'high',
  });

  // Deadlines pass: the checker raises alarms for the hospital's people.
  t.clock.advanceMinutes(5 * 24 * 60);
  await checkDueDeadlines(db, { appUrl: 'https://oscc.test', channels: new Set(['email']) }, t.clock.now());
  const alarm = await db
    .selectFrom('alarm_delivery')
    .select(['alarm_id', 'id'])
    .where('recipient_user_id', '=', officerId)
    .where('channel', '=', 'in_app')
    .executeTakeFirst();
  expect(alarm, 'an in-app alarm for the hospital officer').toBeDefined();

  const cases = await db
    .selectFrom('case_file')
    .select(['id', 'case_number', 'version'])
    .where('id', 'in', [caseA, caseB, caseC, caseD, caseE])
    .execute();
  const targetCase = (id: string): TargetCase => {
    const row = cases.find((x) => x.id === id)!;
    return { id, caseNumber: row.case_number, version: row.version };
  };
  const a = await work(caseA);
  const openStep = (a.steps as { position: number; status: string }[]).find((s) => s.status === 'open');
  expect(openStep, 'an open step of case A').toBeDefined();
  const referralRow = await db
    .selectFrom('referral')
    .select('version')
    .where('id', '=', referral.id)
    .executeTakeFirstOrThrow();
  const version = async (table: 'unit' | 'agency' | 'app_user' | 'case_task', id: string) =>
    (await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(db)).rows[0]!
      .version;
  const mophOpsAgencyId = await agencyId('MOPH-OPS');
  const procedure = await db
    .selectFrom('procedure_version')
    .select('id')
    .where('problem_type_code', '=', 'violence')
    .executeTakeFirstOrThrow();
  const contacts = await db
    .selectFrom('intake_contact')
    .select('id')
    .where('case_id', 'in', [caseA, caseB, caseC, caseD, caseE])
    .execute();
  const alarms = await db
    .selectFrom('alarm')
    .select('id')
    .where('case_id', 'in', [caseA, caseB, caseC, caseD, caseE])
    .execute();

  const world: World = {
    hospitalUnitId,
    hospitalUnitVersion: await version('unit', hospitalUnitId),
    stationUnitId,
    mophAgencyId: await agencyId('MOPH'),
    mophOpsAgencyId,
    mophOpsAgencyVersion: await version('agency', mophOpsAgencyId),
    actorUnitId: await unitId(ACTOR_UNIT_CODE),
    actorMinistryId: await agencyId(ACTOR_MINISTRY_CODE),
    officerId,
    officerVersion: await version('app_user', officerId),
    caseA: targetCase(caseA),
    caseB: targetCase(caseB),
    caseC: targetCase(caseC),
    caseD: targetCase(caseD),
    caseE: targetCase(caseE),
    openStepPosition: openStep!.position,
    planRevision: (a.plan as { revision: number }).revision,
    referralId: referral.id,
    referralVersion: referralRow.version,
    taskId: task.id,
    taskVersion: task.version,
    followUpTaskId: followUp!.id,
    followUpTaskVersion: await version('case_task', followUp!.id),
    attachmentId: attachment,
    conversationId: conversation.id,
    alarmId: alarm!.alarm_id,
    alarmDeliveryId: alarm!.id,
    subscriptionId: subscription.id,
    revealReason,
    subjectRequestId: subjectRequest.id,
    breachId: breach.id,
    procedureId: procedure.id,
    callerPhone,
    personName,
    alarmLadder: null,
    callTakerRules: null,
    secrets: [],
  };
  world.secrets = dedupe([
    ...[caseA, caseB, caseC, caseD, caseE],
    ...cases.map((x) => x.case_number),
    ...contacts.map((x) => x.id),
    ...alarms.map((x) => x.id),
    world.referralId,
    world.taskId,
    world.followUpTaskId,
    world.attachmentId,
    world.conversationId,
    conversation.contact_id,
    world.subscriptionId,
    revealReason,
    subjectRequest.id,
    subjectRequest.reference,
    breach.id,
    breach.reference,
    world.officerId,
    officer,
    'head@oscc.example',
    callerPhone,
    callerPhone.slice(1), // as +66 86…
    personName,
    narrative,
    lineText,
  ]);
  return world;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

/** A one-pixel PNG as the multipart body of an attachment upload. */
export async function pngUpload(): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'หลักฐาน.png');
  const request = new Request('http://local/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

async function uploadPng(t: TestApp, cookie: string, caseId: string): Promise<string> {
  const { payload, contentType } = await pngUpload();
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    headers: { cookie, 'content-type': contentType },
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().attachmentList as { id: string }[])[0]!.id;
}

/**
 * Roles that cannot be "from another province and another ministry", with the reason. Every other role of
 * ROLE_CODES gets an actor.
 */
export const EXCLUDED_ROLES: Partial<Record<RoleCode, string>> = {
  central_admin:
    'every rule of the role is `everywhere` (DEFAULT_ROLES), so no scope limits it, and the API assigns it ' +
    'nation-wide only: a central administrator legitimately reaches every record',
};

/**
 * The scope of each actor's assignment: the role's own level where that is narrower than the nation (the only
 * level PUT /api/users/:id/roles accepts); a nation-level role gets the narrowest scope the database constraint
 * allows (a unit), written directly, since the API would make it nation-wide — and a nation-wide call taker
 * rightly reaches every case (the 1300 hotline).
 */
export type ActorScope = 'unit' | 'province' | 'ministry';
export const ACTOR_SCOPES: Record<Exclude<RoleCode, 'central_admin'>, ActorScope> = {
  call_taker: 'unit', // nation-level role: narrowed in the database
  social_worker: 'province',
  unit_officer: 'unit',
  unit_head: 'unit',
  province_coordinator: 'province',
  ministry_executive: 'ministry',
};

export interface Actor {
  role: RoleCode;
  email: string;
  cookie: string;
}

/** One person per role (but the excluded ones) at the Chiang Mai labour office, signed in. */
export async function createActors(t: TestApp, world: World): Promise<Actor[]> {
  const db = t.database.db;
  const { password_hash } = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('email', '=', 'admin@oscc.example')
    .executeTakeFirstOrThrow();
  const actors: Actor[] = [];
  for (const role of ROLE_CODES) {
    if (EXCLUDED_ROLES[role]) continue;
    const scope = ACTOR_SCOPES[role as keyof typeof ACTOR_SCOPES];
    const email = `${role}.outsider@labour.example`;
    const user = await db
      .insertInto('app_user')
      .values({
        email,
        password_hash,
        first_name_th: 'ผู้ทดสอบ',
        last_name_th: role,
        position: 'นอกพื้นที่',
        unit_id: world.actorUnitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_role')
      .values({
        user_id: user.id,
        role_code: role,
        scope_level: scope,
        scope_unit_id: scope === 'unit' ? world.actorUnitId : null,
        scope_province_code: scope === 'province' ? ACTOR_PROVINCE : null,
        scope_agency_id: scope === 'ministry' ? world.actorMinistryId : null,
      })
      .execute();
    actors.push({ role, email, cookie: await signIn(t.app, email) });
  }
  return actors;
}

/** What must not change: the target's records, row by row, and how many rows the tables it lives in hold. */
export async function snapshotTargetWorld(t: TestApp, world: World): Promise<unknown> {
  const db = t.database.db;
  const caseIds = [world.caseA, world.caseB, world.caseC, world.caseD, world.caseE].map((x) => x.id);
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    cases: await rows(
      sql`select id, version, status, responsible_unit_id, province_code, merged_into_id, updated_at
          from case_file where id in (${sql.join(caseIds)}) order by id`,
    ),
    referrals: await rows(
      sql`select id, version, status, unit_id from referral where case_id in (${sql.join(caseIds)}) order by id`,
    ),
    tasks: await rows(
      sql`select id, version, status from case_task where case_id in (${sql.join(caseIds)}) order by id`,
    ),
    steps: await rows(
      sql`select case_id, position, status from case_step where case_id in (${sql.join(caseIds)})
          order by case_id, position`,
    ),
    closures: await rows(sql`select id, status from case_closure where case_id in (${sql.join(caseIds)}) order by id`),
    unit: await rows(
      sql`select id, version, active, agency_id, phone, name_th from unit where id = ${world.hospitalUnitId}`,
    ),
    agency: await rows(
      sql`select id, version, active, parent_id, name_th from agency where id = ${world.mophOpsAgencyId}`,
    ),
    officer: await rows(sql`select id, version, status, unit_id, position from app_user where id = ${world.officerId}`),
    officerRoles: await rows(
      sql`select role_code, scope_level, scope_unit_id from user_role where user_id = ${world.officerId}`,
    ),
    conversation: await rows(
      sql`select c.id, m.seq, m.delivery from social_conversation c join social_message m on m.conversation_id = c.id
          where c.id = ${world.conversationId} order by m.seq`,
    ),
    alarmAcknowledgements: await rows(
      sql`select count(*)::int as n from alarm_acknowledgement where alarm_id = ${world.alarmId}`,
    ),
    counts: await rows(
      sql`select
        (select count(*)::int from case_file) as case_file,
        (select count(*)::int from case_note) as case_note,
        (select count(*)::int from case_service) as case_service,
        (select count(*)::int from case_plan) as case_plan,
        (select count(*)::int from case_task) as case_task,
        (select count(*)::int from case_closure) as case_closure,
        (select count(*)::int from case_follow_up) as case_follow_up,
        (select count(*)::int from case_link) as case_link,
        (select count(*)::int from case_attachment) as case_attachment,
        (select count(*)::int from referral) as referral,
        (select count(*)::int from social_message) as social_message,
        (select count(*)::int from unit) as unit,
        (select count(*)::int from agency) as agency,
        (select count(*)::int from app_user) as app_user,
        (select count(*)::int from user_role) as user_role,
        (select count(*)::int from role_permission) as role_permission,
        (select count(*)::int from problem_type) as problem_type,
        (select count(*)::int from public_holiday) as public_holiday,
        (select count(*)::int from procedure_version) as procedure_version,
        (select count(*)::int from alarm_ladder_level) as alarm_ladder_level,
        (select count(*)::int from report_subscription where id = ${world.subscriptionId}) as target_subscription`,
    ),
  };
}
