import { sql, type Kysely } from 'kysely';

/**
 * Issue 4, first part: every contact (also those that become no case) and the
 * case record with the people involved. Columns ending in `_protected` hold
 * AES-256-GCM ciphertext (platform/crypto), `_index` a keyed hash for exact
 * search — no identifying value is ever stored in the clear.
 */
const statements = [
  // One counter per Buddhist-era year: case numbers run 1, 2, 3, … from each new year.
  sql`create table case_number_counter (
    year_be integer primary key,
    last_number integer not null
  )`,

  sql`create table case_file (
    id uuid primary key default gen_random_uuid(),
    case_number text not null unique,
    year_be integer not null,
    status text not null check (status in ('triage', 'new')),
    channel text not null,
    crisis boolean not null default false,
    severity smallint not null check (severity between 1 and 4),
    province_code char(2) references geo_province(code),
    district_code char(4) references geo_district(code),
    subdistrict_code char(6) references geo_subdistrict(code),
    address_protected text,
    latitude double precision,
    longitude double precision,
    narrative_protected text not null,
    reporter_anonymous boolean not null default false,
    reporter_relation text not null,
    responsible_unit_id uuid references unit(id),
    routing jsonb not null,
    created_by uuid references app_user(id),
    receiving_unit_id uuid references unit(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1
  )`,
  sql`create index case_file_responsible_idx on case_file(responsible_unit_id, created_at)`,
  sql`create index case_file_province_idx on case_file(province_code, created_at)`,
  sql`create index case_file_status_idx on case_file(status, created_at)`,

  sql`create table case_problem_type (
    case_id uuid not null references case_file(id) on delete cascade,
    problem_type_code text not null references problem_type(code),
    primary key (case_id, problem_type_code)
  )`,

  sql`create table case_person (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references case_file(id) on delete cascade,
    role text not null check (role in ('victim', 'alleged_perpetrator', 'reporter', 'other')),
    name_protected text,
    id_type text not null check (id_type in ('thai_id', 'passport', 'none')),
    id_number_protected text,
    id_number_index text,
    passport_country char(3),
    nationality char(3),
    birth_date date,
    estimated_age smallint,
    sex text not null,
    disability boolean not null default false,
    phone_protected text,
    phone_index text
  )`,
  sql`create index case_person_case_idx on case_person(case_id)`,
  sql`create index case_person_id_number_idx on case_person(id_number_index) where id_number_index is not null`,
  sql`create index case_person_phone_idx on case_person(phone_index) where phone_index is not null`,

  sql`create table intake_contact (
    id uuid primary key default gen_random_uuid(),
    received_at timestamptz not null,
    channel text not null,
    outcome text not null check (outcome in
      ('case', 'advice', 'information', 'referred_elsewhere', 'prank', 'silent', 'wrong_number')),
    caller_phone_protected text,
    caller_phone_index text,
    summary_protected text,
    case_id uuid references case_file(id),
    received_by uuid references app_user(id),
    receiving_unit_id uuid references unit(id),
    check ((outcome = 'case') = (case_id is not null))
  )`,
  sql`create index intake_contact_phone_idx on intake_contact(caller_phone_index, received_at)
    where caller_phone_index is not null`,
  sql`create index intake_contact_received_idx on intake_contact(received_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
