import { sql, type Kysely } from 'kysely';

/**
 * Geography, organisations, people, roles and sessions: what sign-in and the
 * demo need. One statement per call: PGlite's extended protocol runs one at a
 * time, and PostgreSQL does the same here.
 */
const statements = [
  sql`create table reference_data (
    name text primary key,
    checksum text not null,
    loaded_at timestamptz not null
  )`,
  sql`create table geo_province (
    code char(2) primary key check (code ~ '^[0-9]{2}$'),
    name_th text not null,
    name_en text,
    search_text text not null
  )`,
  sql`create table geo_district (
    code char(4) primary key check (code ~ '^[0-9]{4}$'),
    province_code char(2) not null references geo_province(code),
    name_th text not null,
    name_en text,
    search_text text not null,
    check (left(code, 2) = province_code)
  )`,
  sql`create index geo_district_province_idx on geo_district(province_code)`,
  sql`create table geo_subdistrict (
    code char(6) primary key check (code ~ '^[0-9]{6}$'),
    district_code char(4) not null references geo_district(code),
    province_code char(2) not null references geo_province(code),
    name_th text not null,
    name_en text,
    postcodes text[] not null,
    search_text text not null,
    check (left(code, 4) = district_code and left(code, 2) = province_code)
  )`,
  sql`create index geo_subdistrict_district_idx on geo_subdistrict(district_code)`,
  sql`create index geo_subdistrict_postcodes_idx on geo_subdistrict using gin(postcodes)`,

  sql`create table agency (
    id uuid primary key default gen_random_uuid(),
    parent_id uuid references agency(id),
    code text not null unique,
    abbr_th text,
    name_th text not null,
    name_en text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create index agency_parent_idx on agency(parent_id)`,
  sql`create table unit (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid not null references agency(id),
    parent_unit_id uuid references unit(id),
    code text not null unique,
    type text not null,
    name_th text not null,
    name_en text,
    province_code char(2) references geo_province(code),
    district_code char(4) references geo_district(code),
    subdistrict_code char(6) references geo_subdistrict(code),
    address text,
    open_24_hours boolean not null default false,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create index unit_agency_idx on unit(agency_id)`,
  sql`create index unit_province_idx on unit(province_code)`,

  sql`create table role (
    code text primary key,
    name_th text not null,
    name_en text not null,
    scope_level text not null check (scope_level in ('unit', 'province', 'ministry', 'nation'))
  )`,
  sql`create table role_permission (
    role_code text not null references role(code) on delete cascade,
    action text not null,
    primary key (role_code, action)
  )`,

  sql`create table app_user (
    id uuid primary key default gen_random_uuid(),
    email text not null,
    password_hash text,
    title_th text,
    first_name_th text not null,
    last_name_th text not null,
    first_name_en text,
    last_name_en text,
    position text,
    unit_id uuid references unit(id),
    status text not null default 'active' check (status in ('active', 'disabled')),
    failed_sign_ins integer not null default 0,
    locked_until timestamptz,
    last_sign_in_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (email = lower(email))
  )`,
  sql`create unique index app_user_email_key on app_user(email)`,
  sql`create table user_role (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references app_user(id) on delete cascade,
    role_code text not null references role(code),
    scope_level text not null check (scope_level in ('unit', 'province', 'ministry', 'nation')),
    scope_unit_id uuid references unit(id),
    scope_province_code char(2) references geo_province(code),
    scope_agency_id uuid references agency(id),
    created_at timestamptz not null default now(),
    check (
      (scope_level = 'unit' and scope_unit_id is not null and scope_province_code is null and scope_agency_id is null) or
      (scope_level = 'province' and scope_province_code is not null and scope_unit_id is null and scope_agency_id is null) or
      (scope_level = 'ministry' and scope_agency_id is not null and scope_unit_id is null and scope_province_code is null) or
      (scope_level = 'nation' and scope_unit_id is null and scope_province_code is null and scope_agency_id is null)
    )
  )`,
  sql`create index user_role_user_idx on user_role(user_id)`,

  sql`create table user_session (
    token_hash text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null
  )`,
  sql`create index user_session_user_idx on user_session(user_id)`,
  sql`create index user_session_expires_idx on user_session(expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
