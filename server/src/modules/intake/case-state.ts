import { canTransition, type CaseState } from '@oscc/contract';
import { sql, type ExpressionBuilder, type InsertObject, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { syncCaseDeadlines } from '../alarms/index.ts';

/** A case's move from one state to another, or (`from: null`) its creation. */
export interface CaseMove {
  caseId: string;
  from: CaseState | null;
  to: CaseState;
  actorUserId: string | null;
  reason: string | null;
  now: Date;
}

/**
 * Moves a case from one state to another — only along the state machine
 * (`CASE_TRANSITIONS`), and only if it is still in the state the caller saw
 * (two people at once cannot both move it) — and records who, when and why.
 * The case's version goes up, so a form opened before the move is stale.
 * `from: null` is the case's creation. The case's deadlines follow (alarms).
 */
export async function moveCase(
  trx: Kysely<Database>,
  change: CaseMove & {
    /** False when the caller already raised the version in this transaction (one change, one version). */
    bumpVersion?: boolean;
  },
): Promise<void> {
  if (change.from !== null) {
    if (!canTransition(change.from, change.to))
      throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `${change.from} → ${change.to}` });
    const moved = await trx
      .updateTable('case_file')
      .set({
        status: change.to,
        updated_at: change.now,
        ...(change.bumpVersion === false ? {} : { version: sql<number>`version + 1` }),
      })
      .where('id', '=', change.caseId)
      .where('status', '=', change.from)
      .returning('id')
      .executeTakeFirst();
    if (!moved) throw new AppError('CONFLICT', { internal: `case no longer ${change.from}` });
  }
  await trx.insertInto('case_transition').values(transitionRow(change)).execute();
  // A new case starts its 24-hour clock; a closed or merged one stops every clock.
  await syncCaseDeadlines(trx, change.caseId, change.now);
}

/** The record of a move (or, `from: null`, of a case's creation, written with the case itself: intake). */
export function transitionRow(change: CaseMove): InsertObject<Database, 'case_transition'> {
  return {
    case_id: change.caseId,
    from_status: change.from,
    to_status: change.to,
    reason: change.reason,
    actor_user_id: change.actorUserId,
    at: change.now,
  };
}

/** The active procedure versions a case of this problem could follow: the problem's own and the generic one. */
export function activeProcedures(eb: ExpressionBuilder<Database, never>, problemType: string) {
  return eb
    .selectFrom('procedure_version')
    .select(['id', 'problem_type_code'])
    .where('status', '=', 'active')
    .where((where) => where.or([where('problem_type_code', '=', problemType), where('problem_type_code', 'is', null)]));
}

/** Of `activeProcedures`: the problem's own version, or the generic one when the problem has none. */
export function pickProcedure(
  rows: readonly { id: string; problem_type_code: string | null }[],
  problemType: string,
): string | null {
  return (
    (rows.find((row) => row.problem_type_code === problemType) ?? rows.find((row) => !row.problem_type_code))?.id ??
    null
  );
}
