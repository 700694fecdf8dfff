import type { Action } from '@oscc/contract';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { isAllowed, scopeFilter, type Principal } from '../../platform/authorization/scope.ts';

/** The SQL giving a case's ministry: the root agency of its responsible unit. */
export const caseMinistry = sql<
  string | null
>`(select agency.root_id from unit join agency on agency.id = unit.agency_id
  where unit.id = case_file.responsible_unit_id)`;

/** Whether the actor may do `action` at the national level: contacts that are no case yet belong to the 1300 desk. */
export function reachesNation(actor: Principal, action: Action): boolean {
  return isAllowed(actor, action, { unitId: null, provinceCode: null, ministryId: null });
}

/** A predicate on `case_file` rows: the cases the actor may read (by their unit, province and ministry). */
export function readableCase(actor: Principal): Expression<SqlBool> {
  return scopeFilter(actor, 'cases.read', {
    unitId: sql.ref('case_file.responsible_unit_id'),
    provinceCode: sql.ref('case_file.province_code'),
    ministryId: caseMinistry,
  });
}

/**
 * A predicate on `intake_contact` rows an actor may see: one that became a
 * case they may read, or — for people who take contacts nation-wide — one
 * that is no case (yet).
 */
export function reachableContact(
  eb: ExpressionBuilder<Database, 'intake_contact'>,
  actor: Principal,
): Expression<SqlBool> {
  const ofCase = eb.exists(
    eb
      .selectFrom('case_file')
      .select(sql`1`.as('one'))
      .whereRef('case_file.id', '=', 'intake_contact.case_id')
      .where(readableCase(actor)),
  );
  return reachesNation(actor, 'cases.intake') ? eb.or([eb('intake_contact.case_id', 'is', null), ofCase]) : ofCase;
}
