import { sql, type Kysely } from 'kysely';

/**
 * Issue 5, first part: procedures as data and the case state machine.
 * A procedure version is immutable once it exists (its steps are kept as one
 * JSON document); a problem type has at most one active version, and the
 * generic procedure (no problem type) serves the others. A case keeps the
 * version it started with. Every change of a case's state is a row of
 * `case_transition` with who, when and why.
 */
const H = 60;
const DAY = 24 * H;

interface Step {
  code: string;
  nameTh: string;
  nameEn: string;
  responsible: 'responsible_unit' | 'lead_agency' | 'multidisciplinary_team' | 'supervisor';
  durationMinutes: number;
  crisisDurationMinutes: number | null;
  clock: '24x7' | 'business';
  completion: string;
  requiresApproval: boolean;
}

const step = (
  s: Partial<Step> & Pick<Step, 'code' | 'nameTh' | 'nameEn' | 'durationMinutes' | 'completion'>,
): Step => ({
  responsible: 'responsible_unit',
  crisisDurationMinutes: null,
  clock: '24x7',
  requiresApproval: false,
  ...s,
});

// The requirements' defaults: accept a referral within 24 h; first contact 24 h for a crisis, 72 h otherwise;
// assessment and plan within 7 days (business days); follow-up 30 days after closure.
const accept = step({
  code: 'accept_referral',
  nameTh: 'รับเรื่องส่งต่อ',
  nameEn: 'Accept the referral',
  durationMinutes: 24 * H,
  completion: 'referral_accepted',
});
const firstContact = step({
  code: 'first_contact',
  nameTh: 'ติดต่อผู้ประสบปัญหาครั้งแรก',
  nameEn: 'First contact with the person',
  durationMinutes: 72 * H,
  crisisDurationMinutes: 24 * H,
  completion: 'first_contact',
});
const plan = step({
  code: 'assessment_plan',
  nameTh: 'ประเมินและวางแผนการช่วยเหลือ',
  nameEn: 'Assessment and case plan',
  durationMinutes: 7 * DAY,
  clock: 'business',
  completion: 'plan_recorded',
});
const service = (nameTh: string, nameEn: string) =>
  step({ code: 'services', nameTh, nameEn, durationMinutes: 30 * DAY, completion: 'service_recorded' });
const closure = (requiresApproval: boolean) =>
  step({
    code: 'closure',
    nameTh: 'ยุติการให้บริการ',
    nameEn: 'Closure',
    responsible: requiresApproval ? 'supervisor' : 'responsible_unit',
    durationMinutes: 90 * DAY,
    completion: 'closure_approved',
    requiresApproval,
  });
const followUp = step({
  code: 'follow_up',
  nameTh: 'ติดตามผลหลังยุติบริการ',
  nameEn: 'Follow-up after closure',
  durationMinutes: 30 * DAY,
  completion: 'follow_up_recorded',
});

const PROCEDURES: { problem: string | null; nameTh: string; nameEn: string; steps: Step[] }[] = [
  {
    problem: null,
    nameTh: 'แนวทางการปฏิบัติทั่วไป',
    nameEn: 'Generic procedure',
    steps: [
      accept,
      firstContact,
      plan,
      service('ให้ความช่วยเหลือตามแผน', 'Services under the plan'),
      closure(false),
      followUp,
    ],
  },
  {
    problem: 'human_trafficking',
    nameTh: 'แนวทางการปฏิบัติ การค้ามนุษย์',
    nameEn: 'Human trafficking procedure',
    steps: [
      accept,
      // Anti-Trafficking Act s.29: temporary protection within 24 hours.
      step({
        code: 'temporary_protection',
        nameTh: 'คุ้มครองชั่วคราว',
        nameEn: 'Temporary protection',
        durationMinutes: 24 * H,
        completion: 'first_contact',
      }),
      // The documents: screening / identification of the victim within 7 days.
      step({
        code: 'victim_identification',
        nameTh: 'คัดแยกเหยื่อโดยทีมสหวิชาชีพ',
        nameEn: 'Victim identification by the multidisciplinary team',
        responsible: 'multidisciplinary_team',
        durationMinutes: 7 * DAY,
        completion: 'screening_done',
      }),
      plan,
      service('ให้การคุ้มครองและช่วยเหลือ', 'Protection and assistance'),
      closure(true),
      followUp,
    ],
  },
  {
    problem: 'teen_pregnancy',
    nameTh: 'แนวทางการปฏิบัติ การตั้งครรภ์ไม่พร้อม',
    nameEn: 'Unplanned pregnancy procedure',
    steps: [
      accept,
      { ...firstContact, nameTh: 'ให้คำปรึกษาทางเลือกครั้งแรก', nameEn: 'First counselling on the options' },
      plan,
      service('ดูแลตามทางเลือก (ฝากครรภ์ การศึกษา ที่พัก)', 'Care for the chosen option (antenatal, schooling, shelter)'),
      closure(true),
      followUp,
    ],
  },
  {
    problem: 'child_labour',
    nameTh: 'แนวทางการปฏิบัติ การใช้แรงงานเด็ก',
    nameEn: 'Child labour procedure',
    steps: [
      accept,
      step({
        code: 'workplace_inspection',
        nameTh: 'ตรวจสถานประกอบการและแยกเด็กออกจากงาน',
        nameEn: 'Workplace inspection and removing the child from work',
        durationMinutes: 72 * H,
        crisisDurationMinutes: 24 * H,
        completion: 'first_contact',
      }),
      plan,
      service('คุ้มครองเด็กและดำเนินการตามกฎหมาย', 'Child protection and legal action'),
      closure(true),
      followUp,
    ],
  },
  {
    problem: 'violence',
    nameTh: 'แนวทางการปฏิบัติ ความรุนแรงต่อเด็ก สตรี ผู้สูงอายุ และคนพิการ',
    nameEn: 'Violence against children, women, older and disabled people procedure',
    steps: [
      accept,
      { ...firstContact, nameTh: 'ติดต่อและประเมินความปลอดภัย', nameEn: 'Contact and safety assessment' },
      step({
        code: 'multidisciplinary_screening',
        nameTh: 'ประชุมทีมสหวิชาชีพ',
        nameEn: 'Multidisciplinary team meeting',
        responsible: 'multidisciplinary_team',
        durationMinutes: 7 * DAY,
        clock: 'business',
        completion: 'screening_done',
      }),
      plan,
      service('ให้ความช่วยเหลือและคุ้มครอง', 'Assistance and protection'),
      closure(true),
      followUp,
    ],
  },
];

const STATES = `('triage', 'new', 'referred', 'in_progress', 'pending_closure', 'closed', 'reopened', 'merged')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table procedure_version (
    id uuid primary key default gen_random_uuid(),
    problem_type_code text references problem_type(code),
    version integer not null check (version > 0),
    name_th text not null,
    name_en text not null,
    status text not null check (status in ('draft', 'active', 'retired')),
    steps jsonb not null,
    created_by uuid references app_user(id),
    created_at timestamptz not null,
    activated_at timestamptz
  )`.execute(db);
  await sql`create unique index procedure_version_number_idx on procedure_version (coalesce(problem_type_code, '*'), version)`.execute(
    db,
  );
  await sql`create unique index procedure_version_active_idx on procedure_version (coalesce(problem_type_code, '*'))
    where status = 'active'`.execute(db);
  for (const p of PROCEDURES)
    await sql`insert into procedure_version (problem_type_code, version, name_th, name_en, status, steps, created_at, activated_at)
      values (${p.problem}, 1, ${p.nameTh}, ${p.nameEn}, 'active', ${JSON.stringify(p.steps)}::jsonb, now(), now())`.execute(
      db,
    );

  await sql`alter table case_file drop constraint case_file_status_check`.execute(db);
  await sql.raw(`alter table case_file add constraint case_file_status_check check (status in ${STATES})`).execute(db);
  await sql`alter table case_file add column procedure_version_id uuid references procedure_version(id)`.execute(db);
  // Existing cases keep the procedure of their first problem type, else the generic one.
  await sql`update case_file set procedure_version_id = coalesce(
      (select pv.id from procedure_version pv join case_problem_type cpt on cpt.problem_type_code = pv.problem_type_code
        where cpt.case_id = case_file.id and pv.status = 'active' order by pv.problem_type_code limit 1),
      (select pv.id from procedure_version pv where pv.problem_type_code is null and pv.status = 'active'))`.execute(
    db,
  );

  await sql`create table case_transition (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    from_status text check (from_status in ${sql.raw(STATES)}),
    to_status text not null check (to_status in ${sql.raw(STATES)}),
    reason text,
    actor_user_id uuid references app_user(id),
    at timestamptz not null
  )`.execute(db);
  await sql`create index case_transition_case_idx on case_transition(case_id, seq)`.execute(db);
  // The history starts with each existing case's creation.
  await sql`insert into case_transition (case_id, from_status, to_status, reason, actor_user_id, at)
    select id, null, case when status = 'merged' then 'new' else status end, 'created', created_by, created_at
    from case_file order by created_at`.execute(db);
  await sql`insert into case_transition (case_id, from_status, to_status, reason, actor_user_id, at)
    select id, 'new', 'merged', 'merged', screened_by, updated_at from case_file where status = 'merged'`.execute(db);
}
