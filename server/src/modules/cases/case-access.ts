import type { Action } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { AuditScope } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { ReferralsService } from './referrals.service.ts';

/** The SQL giving a case's ministry: the root agency of its responsible unit (for scope filters on case lists). */
export { caseMinistry } from '../intake/index.ts';

/** A case's scope: its responsible unit, its province and that unit's ministry. */
export function recordScope(row: {
  responsible_unit_id: string | null;
  province_code: string | null;
  ministry_id: string | null;
}): RecordScope & AuditScope {
  return { unitId: row.responsible_unit_id, provinceCode: row.province_code, ministryId: row.ministry_id };
}

/**
 * Who may do what to a case: people whose rules reach its unit, its province
 * or its ministry — and the units with an open referral of it, while the
 * referral lasts (for everything but screening).
 */
export function createCaseAccess(db: Kysely<Database>, referrals: Pick<ReferralsService, 'openReferralScopes'>) {
  async function scopeOf(caseId: string) {
    return db
      .selectFrom('case_file')
      .leftJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
      .leftJoin('agency', 'agency.id', 'unit.agency_id')
      .select([
        'case_file.id',
        'case_file.version',
        'case_file.status',
        'case_file.responsible_unit_id',
        'case_file.province_code',
        'case_file.case_number',
        'case_file.crisis',
        'case_file.anonymised_at',
        'agency.root_id as ministry_id',
      ])
      .where('case_file.id', '=', caseId)
      .executeTakeFirst();
  }

  /**
   * The case, if the actor may do `action` on it. A case they cannot even read
   * does not exist for them (404); one they may read but not change is a 403.
   * `viaReferral` lists the open referrals' units through which they reach it.
   */
  async function caseFor(actor: Principal, caseId: string, action: Action) {
    const row = await scopeOf(caseId);
    if (!row) throw new AppError('NOT_FOUND');
    const scope = recordScope(row);
    const direct = isAllowed(actor, action, scope);
    // A unit with an open referral of the case sees it (and works it) while the referral lasts.
    const openUnits = action === 'cases.screen' ? [] : await referrals.openReferralScopes(caseId);
    const viaReferral = openUnits.filter((unit) => isAllowed(actor, action, unit));
    if (direct || viaReferral.length) return { ...row, scope, direct, viaReferral, openUnits };
    const canRead =
      isAllowed(actor, 'cases.read', scope) || openUnits.some((unit) => isAllowed(actor, 'cases.read', unit));
    throw canRead ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
  }

  /** The case, if the actor may do any of `actions` on it (the first that allows it wins). */
  async function caseForAny(actor: Principal, caseId: string, actions: readonly [Action, ...Action[]]) {
    let refusal: unknown;
    for (const action of actions) {
      try {
        return await caseFor(actor, caseId, action);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'FORBIDDEN') throw error;
        refusal = error;
      }
    }
    throw refusal;
  }

  return { scopeOf, caseFor, caseForAny };
}
