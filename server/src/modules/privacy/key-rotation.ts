import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';

/**
 * Every protected column: its table, the column and the field name its
 * values are bound to (the AES-GCM associated data). `rotateFieldKeys`
 * re-encrypts every value that is under an older key with the current one;
 * afterwards the old key can be removed from FIELD_KEYS.
 */
interface RowKey {
  columns: readonly string[];
  /** The SQL type of each key column (for the keyset comparison). */
  types: readonly string[];
}
const ID_KEY: RowKey = { columns: ['id'], types: ['uuid'] };
const PLAN_KEY: RowKey = { columns: ['case_id', 'revision'], types: ['uuid', 'int'] };

export const PROTECTED_COLUMNS: readonly {
  table: string;
  column: string;
  field: string;
  bytes?: boolean;
  key?: RowKey;
}[] = [
  { table: 'case_file', column: 'address_protected', field: 'case.address' },
  { table: 'case_file', column: 'narrative_protected', field: 'case.narrative' },
  { table: 'case_person', column: 'name_protected', field: 'person.name' },
  { table: 'case_person', column: 'id_number_protected', field: 'person.id_number' },
  { table: 'case_person', column: 'phone_protected', field: 'person.phone' },
  { table: 'intake_contact', column: 'caller_phone_protected', field: 'contact.caller_phone' },
  { table: 'intake_contact', column: 'summary_protected', field: 'contact.summary' },
  { table: 'case_attachment', column: 'file_name_protected', field: 'attachment.file_name' },
  { table: 'case_attachment', column: 'content_protected', field: 'attachment.content', bytes: true },
  { table: 'social_conversation', column: 'user_protected', field: 'social.user' },
  { table: 'social_message', column: 'text_protected', field: 'social.text' },
  { table: 'case_note', column: 'body_protected', field: 'note.body' },
  { table: 'case_service', column: 'note_protected', field: 'service.note' },
  { table: 'case_plan', column: 'assessment_protected', field: 'plan.assessment', key: PLAN_KEY },
  { table: 'case_plan', column: 'goals_protected', field: 'plan.goals', key: PLAN_KEY },
  { table: 'case_task', column: 'title_protected', field: 'task.title' },
  { table: 'case_task', column: 'result_protected', field: 'task.result' },
  { table: 'case_closure', column: 'summary_protected', field: 'closure.summary' },
  { table: 'case_follow_up', column: 'note_protected', field: 'follow_up.note' },
  { table: 'case_reveal', column: 'reason_protected', field: 'reveal.reason' },
  { table: 'subject_request', column: 'requester_name_protected', field: 'dsr.requester_name' },
  { table: 'subject_request', column: 'contact_protected', field: 'dsr.contact' },
  { table: 'subject_request', column: 'details_protected', field: 'dsr.details' },
  { table: 'subject_request', column: 'outcome_protected', field: 'dsr.outcome' },
  { table: 'breach', column: 'description_protected', field: 'breach.description' },
];

const BATCH = 500;

export interface RotationReport {
  /** Values re-encrypted, per table.column. */
  rotated: Record<string, number>;
  total: number;
}

/**
 * Re-encrypts, table by table in batches of 500 rows (each batch one
 * transaction), every value whose key is not the current one. Safe to stop
 * and run again: a value already under the current key is left alone.
 */
export async function rotateFieldKeys(
  db: Kysely<Database>,
  fields: FieldProtector,
  progress?: (column: string, rotated: number) => void,
): Promise<RotationReport> {
  const rotated: Record<string, number> = {};
  let total = 0;
  for (const spec of PROTECTED_COLUMNS) {
    const name = `${spec.table}.${spec.column}`;
    const isBytes = spec.bytes === true;
    const key = spec.key ?? ID_KEY;
    const keyList = sql.join(key.columns.map((column) => sql.ref(column)));
    let after: string[] | null = null;
    let count = 0;
    for (;;) {
      const from: ReturnType<typeof sql> = after
        ? sql`(${keyList}) > (${sql.join(after.map((value, i) => sql`${value}::${sql.raw(key.types[i]!)}`))})`
        : sql`true`;
      const rows = await sql<{ key: string[]; value: string | Uint8Array }>`
        select array[${sql.join(key.columns.map((column) => sql`${sql.ref(column)}::text`))}] as key,
          ${sql.ref(spec.column)} as value
        from ${sql.table(spec.table)}
        where ${from} and ${sql.ref(spec.column)} is not null
        order by ${keyList} limit ${BATCH}`.execute(db);
      if (rows.rows.length === 0) break;
      after = rows.rows[rows.rows.length - 1]!.key;
      const stale = rows.rows.filter((row) =>
        isBytes ? fields.bytesNeedRotation(row.value as Uint8Array) : fields.needsRotation(row.value as string),
      );
      if (stale.length)
        await db.transaction().execute(async (trx) => {
          for (const row of stale) {
            const value = isBytes
              ? fields.protectBytes(fields.revealBytes(row.value as Uint8Array, spec.field), spec.field)
              : fields.reprotect(row.value as string, spec.field);
            const match = sql.join(
              key.columns.map((column, i) => sql`${sql.ref(column)} = ${row.key[i]}::${sql.raw(key.types[i]!)}`),
              sql` and `,
            );
            await sql`update ${sql.table(spec.table)} set ${sql.ref(spec.column)} = ${value} where ${match}`.execute(
              trx,
            );
          }
        });
      count += stale.length;
      if (rows.rows.length < BATCH) break;
    }
    rotated[name] = count;
    total += count;
    progress?.(name, count);
  }
  return { rotated, total };
}
