import { sql, type Kysely } from 'kysely';

/**
 * Issue 4, screening, hand-over to a social worker, and attachments. A case found to repeat another is
 * merged into it — never deleted: it keeps its record, status `merged` and a
 * pointer to the case that carries on. Related cases are linked (one row per
 * pair, the smaller id first). Attachments (photos from the public, files from
 * staff) are stored in the database, encrypted like every identifying field,
 * with the type found from their content, never from their name.
 */
const statements = [
  sql`alter table case_file drop constraint case_file_status_check`,
  sql`alter table case_file add constraint case_file_status_check check (status in ('triage', 'new', 'merged'))`,
  sql`alter table case_file add column merged_into_id uuid references case_file(id)`,
  sql`alter table case_file add column screened_at timestamptz`,
  sql`alter table case_file add column screened_by uuid references app_user(id)`,
  // A call handed to a social worker: who has it now.
  sql`alter table case_file add column assigned_user_id uuid references app_user(id)`,
  sql`alter table case_file add column assigned_at timestamptz`,
  sql`create index case_file_assigned_idx on case_file(assigned_user_id, created_at) where assigned_user_id is not null`,
  sql`create index case_file_screening_idx on case_file(created_at) where screened_at is null and status <> 'merged'`,

  // Which conversation a LINE / Messenger contact came from: a case shows its conversations and replies from there.
  sql`alter table intake_contact add column social_conversation_id uuid references social_conversation(id)`,
  sql`update intake_contact set social_conversation_id = social_conversation.id from social_conversation
    where social_conversation.contact_id = intake_contact.id`,

  sql`create table case_link (
    case_id uuid not null references case_file(id) on delete cascade,
    related_case_id uuid not null references case_file(id) on delete cascade,
    reason text not null,
    created_by uuid references app_user(id),
    created_at timestamptz not null,
    primary key (case_id, related_case_id),
    check (case_id < related_case_id)
  )`,
  sql`create index case_link_related_idx on case_link(related_case_id)`,

  sql`create table case_attachment (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references case_file(id) on delete cascade,
    media_type text not null,
    byte_size integer not null check (byte_size > 0),
    sha256 text not null,
    file_name_protected text,
    content_protected bytea not null,
    source text not null check (source in ('public', 'staff', 'social')),
    uploaded_by uuid references app_user(id),
    created_at timestamptz not null
  )`,
  sql`create index case_attachment_case_idx on case_attachment(case_id, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
