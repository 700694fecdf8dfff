import type { Action, Condition, Grant, ScopeRef } from '@oscc/contract';
import { sql, type Expression, type SqlBool } from 'kysely';

/** Who is acting, as far as authorisation is concerned. */
export interface Principal {
  userId: string;
  unitId: string | null;
  grants: readonly Grant[];
}

/** Where a record sits, for the conditions to compare against. */
export interface RecordScope {
  unitId: string | null;
  provinceCode: string | null;
  /** The ministry (root agency) the record belongs to. */
  ministryId: string | null;
  /** Set when the record is a person (their user id). */
  userId?: string | null;
}

/** The SQL expressions that give a record's scope, for list filters. */
export interface ScopeColumns {
  unitId: Expression<string | null>;
  provinceCode: Expression<string | null>;
  ministryId: Expression<string | null>;
  userId?: Expression<string | null>;
}

function conditionHolds(condition: Condition, scope: ScopeRef, principal: Principal, record: RecordScope): boolean {
  switch (condition) {
    case 'everywhere':
      return true;
    case 'in_scope':
      if (scope.level === 'nation') return true;
      if (scope.level === 'province') return !!record.provinceCode && record.provinceCode === scope.provinceCode;
      if (scope.level === 'ministry') return !!record.ministryId && record.ministryId === scope.agencyId;
      return !!record.unitId && record.unitId === scope.unitId;
    case 'own_unit':
      return !!principal.unitId && record.unitId === principal.unitId;
    case 'self':
      return !!record.userId && record.userId === principal.userId;
  }
}

/** Whether any of the principal's grants allows `action` on this record. */
export function isAllowed(principal: Principal, action: Action, record: RecordScope): boolean {
  return principal.grants.some(
    (grant) =>
      grant.action === action &&
      grant.conditions.some((alternative) =>
        alternative.every((condition) => conditionHolds(condition, grant.scope, principal, record)),
      ),
  );
}

/** Whether the principal may do `action` on at least some records (for showing a menu, say). */
export function hasAnyGrant(principal: Principal, action: Action): boolean {
  return principal.grants.some((grant) => grant.action === action);
}

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

function conditionSql(
  condition: Condition,
  scope: ScopeRef,
  principal: Principal,
  columns: ScopeColumns,
): Expression<SqlBool> {
  switch (condition) {
    case 'everywhere':
      return TRUE;
    case 'in_scope':
      if (scope.level === 'nation') return TRUE;
      if (scope.level === 'province')
        return scope.provinceCode ? sql<SqlBool>`${columns.provinceCode} = ${scope.provinceCode}` : FALSE;
      if (scope.level === 'ministry')
        return scope.agencyId ? sql<SqlBool>`${columns.ministryId} = ${scope.agencyId}` : FALSE;
      return scope.unitId ? sql<SqlBool>`${columns.unitId} = ${scope.unitId}` : FALSE;
    case 'own_unit':
      return principal.unitId ? sql<SqlBool>`${columns.unitId} = ${principal.unitId}` : FALSE;
    case 'self':
      return columns.userId ? sql<SqlBool>`${columns.userId} = ${principal.userId}` : FALSE;
  }
}

/**
 * The same rules as `isAllowed`, compiled to one SQL predicate, so a list
 * contains exactly the records a single read would allow — filtered in the
 * database, paged after filtering.
 */
export function scopeFilter(principal: Principal, action: Action, columns: ScopeColumns): Expression<SqlBool> {
  const alternatives: Expression<SqlBool>[] = [];
  for (const grant of principal.grants) {
    if (grant.action !== action) continue;
    for (const alternative of grant.conditions) {
      const parts = alternative.map((condition) => conditionSql(condition, grant.scope, principal, columns));
      if (parts.length === 0) continue;
      alternatives.push(parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` and `)})`);
    }
  }
  if (alternatives.length === 0) return FALSE;
  return alternatives.length === 1 ? alternatives[0]! : sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}
