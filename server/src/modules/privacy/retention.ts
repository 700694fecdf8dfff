import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';

/**
 * Retention (PDPA s.37(3): keep personal data no longer than needed). A
 * closed case keeps its identities for the retention period of its problem
 * type — the longest of its problem types, or the default — counted from its
 * closure; then the anonymising job erases everything that identifies a
 * person and keeps what the statistics need (problem, place to the
 * subdistrict, dates, channel, outcome, sex, age, the clocks). Audit events
 * are never changed (they are sealed in the hash chain), which is why they
 * keep no personal data in the first place.
 */

/** Closed cases past their period and not anonymised yet, oldest closure first. */
export async function casesDueForAnonymising(
  db: Kysely<Database>,
  now: Date,
  defaultYears: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('case_report')
    .innerJoin('case_file', 'case_file.id', 'case_report.case_id')
    .select('case_report.case_id')
    .where('case_report.status', '=', 'closed')
    .where('case_file.anonymised_at', 'is', null)
    .where('case_report.closed_at', 'is not', null)
    .where(
      sql<boolean>`case_report.closed_at + make_interval(years => coalesce((
        select max(coalesce(retention_policy.retain_years, ${defaultYears}::int))
        from case_problem_type
        left join retention_policy on retention_policy.problem_type_code = case_problem_type.problem_type_code
        where case_problem_type.case_id = case_report.case_id), ${defaultYears}::int)) <= ${now}`,
    )
    .orderBy('case_report.closed_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.case_id);
}

export async function countAnonymised(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('case_file')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('anonymised_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Erases the identities of one case, in one transaction (all or nothing). */
export async function anonymiseCase(
  db: Kysely<Database>,
  fields: FieldProtector,
  clock: Clock,
  caseId: string,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const kase = await trx
      .updateTable('case_file')
      .set({
        anonymised_at: now,
        address_protected: null,
        latitude: null,
        longitude: null,
        // Not null in the schema: an empty narrative, still protected like every narrative.
        narrative_protected: fields.protect('', 'case.narrative'),
      })
      .where('id', '=', caseId)
      .where('anonymised_at', 'is', null)
      .returning(['id', 'province_code'])
      .executeTakeFirst();
    if (!kase) return false; // another worker did it
    await trx
      .updateTable('case_person')
      .set({
        name_protected: null,
        id_number_protected: null,
        id_number_index: null,
        phone_protected: null,
        phone_index: null,
        birth_date: null,
      })
      .where('case_id', '=', caseId)
      .execute();
    await trx.deleteFrom('case_attachment').where('case_id', '=', caseId).execute();
    const contacts = await trx
      .updateTable('intake_contact')
      .set({ caller_phone_protected: null, caller_phone_index: null, summary_protected: null })
      .where('case_id', '=', caseId)
      .returning('social_conversation_id')
      .execute();
    const conversations = contacts.flatMap((c) => (c.social_conversation_id ? [c.social_conversation_id] : []));
    if (conversations.length)
      await trx
        .updateTable('social_message')
        .set({ text_protected: null })
        .where('conversation_id', 'in', conversations)
        .execute();
    const empty = (field: string) => fields.protect('', field);
    await trx
      .updateTable('case_note')
      .set({ body_protected: empty('note.body') })
      .where('case_id', '=', caseId)
      .execute();
    await trx.updateTable('case_service').set({ note_protected: null }).where('case_id', '=', caseId).execute();
    await trx
      .updateTable('case_plan')
      .set({ assessment_protected: empty('plan.assessment'), goals_protected: empty('plan.goals') })
      .where('case_id', '=', caseId)
      .execute();
    await trx
      .updateTable('case_closure')
      .set({ summary_protected: empty('closure.summary') })
      .where('case_id', '=', caseId)
      .execute();
    await trx.updateTable('case_follow_up').set({ note_protected: null }).where('case_id', '=', caseId).execute();
    await trx.updateTable('case_task').set({ result_protected: null }).where('case_id', '=', caseId).execute();
    await trx.updateTable('referral').set({ response_reason: null }).where('case_id', '=', caseId).execute();
    await recordAudit(
      trx,
      { actorUserId: null, requestId: null, now },
      { action: 'case.anonymise', entityType: 'case', entityId: caseId },
    );
    return true;
  });
}

/** The job's work: every case due, in batches; returns how many were anonymised. */
export async function anonymiseDueCases(
  db: Kysely<Database>,
  fields: FieldProtector,
  clock: Clock,
  defaultYears: number,
): Promise<number> {
  let done = 0;
  for (;;) {
    const due = await casesDueForAnonymising(db, clock.now(), defaultYears, 200);
    for (const caseId of due) if (await anonymiseCase(db, fields, clock, caseId)) done += 1;
    if (due.length < 200) return done;
  }
}
