import {
  DEFAULT_ROLES,
  type RoleCode,
  type RoleInfo,
  type ScopeLevel,
  type UserDetail,
  type UserRoleInput,
} from '@oscc/contract';
import { isApiError } from '../../../lib/api.ts';

/** The most roles one person may hold (UpdateUserRolesRequest). */
export const MAX_ROLES = 5;

/** One row of the role editor: a role and the scope it is bound to, as chosen so far. */
export interface RoleAssignmentDraft {
  /** Stable across edits, for React's list keys. */
  key: string;
  role: RoleCode | '';
  unitId: string;
  /** The chosen unit's name, so the unit picker shows it before anything is searched. */
  unitName: string | null;
  provinceCode: string;
  agencyId: string;
}

export type RoleLevels = Record<RoleCode, ScopeLevel>;

/**
 * The level each role is assigned at, as the server has it (GET /api/roles); the contract's defaults stand in until
 * the roles have arrived.
 */
export function roleLevels(roles: readonly Pick<RoleInfo, 'code' | 'scopeLevel'>[] | undefined): RoleLevels {
  const levels = Object.fromEntries(DEFAULT_ROLES.map((role) => [role.code, role.scopeLevel])) as RoleLevels;
  for (const role of roles ?? []) levels[role.code] = role.scopeLevel;
  return levels;
}

export function levelOf(draft: Pick<RoleAssignmentDraft, 'role'>, levels: RoleLevels): ScopeLevel | null {
  return draft.role ? levels[draft.role] : null;
}

/** The person's current roles as editor rows, unit roles with their unit's name for the picker. */
export function draftsFromUser(user: Pick<UserDetail, 'roles'>): RoleAssignmentDraft[] {
  return user.roles.map((role, index) => ({
    key: `current-${index}`,
    role: role.role,
    unitId: role.scopeLevel === 'unit' ? (role.scopeRef ?? '') : '',
    unitName: role.scopeLevel === 'unit' ? role.scopeNameTh : null,
    provinceCode: role.scopeLevel === 'province' ? (role.scopeRef ?? '') : '',
    agencyId: role.scopeLevel === 'ministry' ? (role.scopeRef ?? '') : '',
  }));
}

/** A new row: no role yet; a unit role will start at the person's own unit, the usual case. */
export function newDraft(key: string, user: Pick<UserDetail, 'unit'>): RoleAssignmentDraft {
  return {
    key,
    role: '',
    unitId: user.unit?.id ?? '',
    unitName: user.unit?.nameTh ?? null,
    provinceCode: '',
    agencyId: '',
  };
}

/**
 * Another role for a row. The scope chosen so far is kept (switching between two unit roles keeps the unit); a unit
 * role with no unit yet takes the person's own unit.
 */
export function withRole(
  draft: RoleAssignmentDraft,
  role: RoleCode | '',
  levels: RoleLevels,
  user: Pick<UserDetail, 'unit'>,
): RoleAssignmentDraft {
  const next = { ...draft, role };
  if (role && levels[role] === 'unit' && !next.unitId && user.unit) {
    next.unitId = user.unit.id;
    next.unitName = user.unit.nameTh;
  }
  return next;
}

/** The scope field a level needs filled, if any (the nation needs none). */
export function requiredScopeField(level: ScopeLevel | null): 'unitId' | 'provinceCode' | 'agencyId' | null {
  if (level === 'unit') return 'unitId';
  if (level === 'province') return 'provinceCode';
  if (level === 'ministry') return 'agencyId';
  return null;
}

export function toRoleInput(draft: RoleAssignmentDraft, levels: RoleLevels): UserRoleInput | null {
  if (!draft.role) return null;
  const scopeLevel = levels[draft.role];
  const base = { role: draft.role, scopeLevel };
  if (scopeLevel === 'unit') return { ...base, unitId: draft.unitId };
  if (scopeLevel === 'province') return { ...base, provinceCode: draft.provinceCode };
  if (scopeLevel === 'ministry') return { ...base, agencyId: draft.agencyId };
  return base;
}

function assignmentKey(input: UserRoleInput): string {
  return [input.role, input.scopeLevel, input.unitId ?? input.provinceCode ?? input.agencyId ?? ''].join(':');
}

export type DraftProblem = 'roleRequired' | 'scopeRequired' | 'duplicate';

/**
 * What must be fixed before sending, by row: a row without a role, a scope left empty, a repeat of an earlier row
 * (the server would merge it silently, which would surprise whoever typed it).
 */
export function draftProblems(drafts: readonly RoleAssignmentDraft[], levels: RoleLevels): Map<string, DraftProblem> {
  const problems = new Map<string, DraftProblem>();
  const seen = new Set<string>();
  for (const draft of drafts) {
    const input = toRoleInput(draft, levels);
    if (!input) {
      problems.set(draft.key, 'roleRequired');
      continue;
    }
    const field = requiredScopeField(input.scopeLevel);
    if (field && !input[field]) {
      problems.set(draft.key, 'scopeRequired');
      continue;
    }
    const key = assignmentKey(input);
    if (seen.has(key)) problems.set(draft.key, 'duplicate');
    seen.add(key);
  }
  return problems;
}

/** The request body's roles; rows that cannot be sent yet are left out (draftProblems says why). */
export function toRoleInputs(drafts: readonly RoleAssignmentDraft[], levels: RoleLevels): UserRoleInput[] {
  return drafts.flatMap((draft) => {
    const input = toRoleInput(draft, levels);
    return input ? [input] : [];
  });
}

/** Whether the rows say the same as the person's current roles (in any order). */
export function isSameAsCurrent(
  drafts: readonly RoleAssignmentDraft[],
  user: Pick<UserDetail, 'roles' | 'unit'>,
  levels: RoleLevels,
): boolean {
  const wanted = new Set(toRoleInputs(drafts, levels).map(assignmentKey));
  const current = new Set(toRoleInputs(draftsFromUser(user), levels).map(assignmentKey));
  return wanted.size === current.size && [...wanted].every((key) => current.has(key));
}

export type RolesSaveProblem = 'forbidden' | 'lastAdmin' | 'scopeLevel' | 'conflict' | 'other';

/** Which of the answers of PUT /api/users/:id/roles the reader is told in our own words. */
export function rolesSaveProblem(error: unknown): RolesSaveProblem | null {
  if (!error) return null;
  if (!isApiError(error)) return 'other';
  if (error.code === 'CONFLICT') return 'conflict';
  if (error.code === 'FORBIDDEN') return 'forbidden';
  if (error.code === 'VALIDATION_FAILED') {
    if (error.fields.some((field) => field.code === 'last_admin')) return 'lastAdmin';
    if (error.fields.some((field) => field.code === 'scope_level')) return 'scopeLevel';
  }
  return 'other';
}
