import { createAlarmsService } from '../alarms/index.ts';
import type { ClosureReason, FollowUpOutcome, ServiceType } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { createCasesService, createCaseworkService } from '../cases/index.ts';
import { createUsersRepository } from '../identity/index.ts';
import { generator } from './demo-random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The units the demo has people in, and who answers for each: who works it, who approves. */
const TEAMS = [
  { unitCode: 'MOPH-OSCC-70-03', worker: 'officer@oscc.example', supervisor: 'head@oscc.example' },
  { unitCode: 'MSDHS-PO-70', worker: 'socialworker@oscc.example', supervisor: 'coordinator@oscc.example' },
  { unitNameTh: 'สถานีตำรวจภูธรเมืองราชบุรี', worker: 'police@oscc.example', supervisor: 'policehead@oscc.example' },
] as const;
const DEFAULT_TEAM = { worker: 'socialworker@oscc.example', supervisor: 'coordinator@oscc.example' };
/** The province whose cases the demo works (its units are the ones with demo people). */
const DEMO_WORK_PROVINCE = '70';
const MAX_WORKED = 160;

const SERVICES: Partial<Record<string, ServiceType[]>> = {
  domestic_violence: ['shelter', 'psychosocial', 'legal_aid'],
  violence: ['medical', 'psychosocial', 'child_protection'],
  human_trafficking: ['police_protection', 'shelter', 'repatriation'],
  teen_pregnancy: ['medical', 'psychosocial', 'education'],
  poverty: ['financial_aid', 'employment'],
  elderly: ['financial_aid', 'medical'],
  disability: ['financial_aid', 'medical'],
  homelessness: ['shelter', 'employment'],
  begging: ['child_protection', 'family_reunification'],
};

export interface DemoCaseworkResult {
  referred: number;
  accepted: number;
  declined: number;
  closed: number;
  pendingClosure: number;
  followedUp: number;
}

/**
 * The work on the demo's Ratchaburi cases led by the three units that have
 * demo people (the hospital crisis centre, the provincial social development
 * office, the police station): referred, accepted (a few declined), contacted,
 * screened by the team, planned, helped, closed (with the supervisor's
 * approval where the procedure asks) and followed up — each through the same
 * services as the app, at the times it would have happened.
 */
export async function seedDemoCasework({
  db,
  fields,
  end,
  seed = 5,
}: {
  db: Kysely<Database>;
  fields: FieldProtector;
  /** "Now" for the demo: nothing happens after it. */
  end: number;
  seed?: number;
}): Promise<DemoCaseworkResult> {
  const random = generator(seed);
  let current = end;
  const clock = { now: () => new Date(current) };
  const cases = createCasesService({ db, clock, fields });
  const casework = createCaseworkService({
    db,
    clock,
    fields,
    referrals: cases.referrals,
    alarms: createAlarmsService({ db, clock }),
  });
  const users = createUsersRepository(db);

  const actor = async (email: string) => {
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'unit_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return {
      principal: { userId: user.id, unitId: user.unit_id, grants: await users.grantsOf(user.id) },
      requestId: null,
    };
  };
  const callTaker = await actor('calltaker@oscc.example');
  const result: DemoCaseworkResult = {
    referred: 0,
    accepted: 0,
    declined: 0,
    closed: 0,
    pendingClosure: 0,
    followedUp: 0,
  };

  const teams = await Promise.all(
    TEAMS.map(async (team) => {
      const unit = await db
        .selectFrom('unit')
        .select('id')
        .$call((q) =>
          'unitCode' in team ? q.where('code', '=', team.unitCode) : q.where('name_th', '=', team.unitNameTh),
        )
        .executeTakeFirst();
      return { unitId: unit?.id ?? null, worker: await actor(team.worker), supervisor: await actor(team.supervisor) };
    }),
  );
  // Every other Ratchaburi unit's cases: the province's social worker works them, its coordinator approves.
  const province = {
    unitId: null,
    worker: await actor(DEFAULT_TEAM.worker),
    supervisor: await actor(DEFAULT_TEAM.supervisor),
  };

  const all = await db
    .selectFrom('case_file')
    .innerJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
    .select([
      'case_file.id',
      'case_file.created_at',
      'case_file.responsible_unit_id',
      (eb) =>
        eb
          .selectFrom('case_problem_type')
          .select('case_problem_type.problem_type_code')
          .whereRef('case_problem_type.case_id', '=', 'case_file.id')
          .limit(1)
          .as('problem_type_code'),
    ])
    .where('unit.province_code', '=', DEMO_WORK_PROVINCE)
    .where('case_file.status', '=', 'new')
    .where('case_file.screened_at', 'is not', null)
    .orderBy('case_file.created_at')
    .execute();
  // Spread over the months, at most MAX_WORKED cases (the demo starts in reasonable time).
  const stride = Math.max(1, Math.ceil(all.length / MAX_WORKED));
  const rows = all.filter((_, index) => index % stride === 0);
  for (const row of rows) {
    const team = teams.find((candidate) => candidate.unitId === row.responsible_unit_id) ?? province;
    const { worker, supervisor } = team;
    const unit = { id: row.responsible_unit_id! };
    const created = new Date(row.created_at).getTime();
    const problem = row.problem_type_code ?? 'other';
    const age = end - created;
    const at = (offset: number) => {
      current = Math.min(created + offset, end - 60_000);
    };

    at(3 * HOUR);
    const referral = await cases.referrals.send(callTaker, row.id, { unitId: unit.id, kind: 'lead' });
    result.referred += 1;
    // The last days' referrals still wait for an answer (some past their deadline: late help to be seen);
    // a few are declined (back to the central desk).
    if (age < 3 * DAY) continue;
    at(3 * HOUR + (2 + random.next() * 30) * HOUR);
    if (random.next() < 0.06) {
      await cases.referrals.decline(worker, referral.id, {
        version: referral.version,
        reason: 'ไม่อยู่ในพื้นที่รับผิดชอบของหน่วยงาน ขอให้ส่งต่อหน่วยงานในพื้นที่',
      });
      result.declined += 1;
      continue;
    }
    await cases.referrals.accept(worker, referral.id, { version: referral.version });
    result.accepted += 1;
    if (age < 4 * DAY) continue;

    at(1.5 * DAY + random.next() * 2 * DAY);
    await casework.addNote(worker, row.id, {
      kind: 'contact',
      contactMethod: random.pick(['phone', 'home_visit', 'office'] as const),
      body: 'ติดต่อผู้ประสบปัญหาแล้ว ประเมินความปลอดภัยเบื้องต้น ผู้ประสบปัญหายินยอมรับความช่วยเหลือ',
    });
    if (problem === 'human_trafficking' || problem === 'violence') {
      at(4 * DAY + random.next() * 3 * DAY);
      await casework.addNote(worker, row.id, {
        kind: 'mdt_screening',
        body: 'ประชุมทีมสหวิชาชีพ (พม. ตำรวจ สาธารณสุข) พิจารณาข้อเท็จจริงและกำหนดแนวทางคุ้มครอง',
      });
    }
    if (age < 8 * DAY) continue;
    at(7 * DAY + random.next() * 4 * DAY);
    await casework.savePlan(worker, row.id, {
      baseRevision: 0,
      assessment: 'ประเมินสภาพปัญหา ความปลอดภัย และความต้องการของผู้ประสบปัญหาและครอบครัว',
      goals: 'ให้ผู้ประสบปัญหาปลอดภัย ได้รับบริการตามสิทธิ และมีผู้ดูแลต่อเนื่อง',
    });
    if (age < 14 * DAY) continue;
    at(12 * DAY + random.next() * 8 * DAY);
    const services = SERVICES[problem] ?? ['psychosocial'];
    await casework.addService(worker, row.id, {
      serviceType: random.pick(services),
      providerUnitId: unit.id,
      providedOn: new Date(current + 7 * HOUR).toISOString().slice(0, 10),
      note: 'ให้บริการตามแผนการช่วยเหลือ',
    });
    if (age < 35 * DAY || random.next() < 0.25) continue;

    at(30 * DAY + random.next() * 5 * DAY);
    let work = await casework.work(worker.principal, row.id);
    const reason: ClosureReason = random.next() < 0.8 ? 'goals_met' : 'referred_elsewhere';
    work = await casework.requestClosure(worker, row.id, {
      version: work.version,
      reason,
      outcome: reason === 'goals_met' ? 'resolved' : 'partly_resolved',
      summary: 'ผู้ประสบปัญหาได้รับความช่วยเหลือตามแผน สถานการณ์คลี่คลาย',
    });
    if (work.status === 'pending_closure') {
      // The last days' requests, and a few older ones, still wait for the supervisor.
      if (age < 38 * DAY || random.next() < 0.15) {
        result.pendingClosure += 1;
        continue;
      }
      at(31 * DAY + random.next() * 2 * DAY);
      work = await casework.decideClosure(supervisor, row.id, { version: work.version, approve: true, note: 'อนุมัติ' });
    }
    result.closed += 1;
    const followUp = work.tasks.find((task) => task.kind === 'follow_up' && task.status === 'open');
    if (!followUp || created + 70 * DAY > end) continue;
    at(62 * DAY + random.next() * 6 * DAY);
    const outcome: FollowUpOutcome = random.next() < 0.85 ? random.pick(['stable', 'improved'] as const) : 'needs_help';
    await casework.recordFollowUp(worker, followUp.id, {
      version: followUp.version,
      outcome,
      contactMethod: 'phone',
      satisfaction: outcome === 'needs_help' ? 3 : random.pick([4, 5, 5] as const),
      note: outcome === 'needs_help' ? 'ยังต้องการความช่วยเหลือด้านอาชีพ' : 'ผู้ประสบปัญหาปลอดภัย ใช้ชีวิตได้ตามปกติ',
    });
    result.followedUp += 1;
  }
  current = end;
  return result;
}
