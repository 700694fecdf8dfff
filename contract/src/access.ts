/**
 * Names of everything a person may be allowed to do. Routes declare one of
 * these (or say they are public / need only a signed-in user); roles map to
 * them in the database, seeded from DEFAULT_ROLE_PERMISSIONS.
 */
export const ACTIONS = [
  'organisations.read',
  'organisations.manage',
  'users.read',
  'users.manage',
  'users.import',
  'audit.read',
  'roles.manage',
  'cases.intake',
  'cases.read',
  /** See who the people in a case are (names, ID and phone numbers, addresses, the narrative, attachments) unmasked. */
  'cases.identify',
  'cases.screen',
  'cases.work',
  'cases.approve',
  'procedures.manage',
  'alarms.manage',
  'reports.read',
  'reports.export',
  /** Data subjects' requests, the breach register and retention periods (the data protection officer's work). */
  'privacy.manage',
  'system.jobs.read',
  'system.config.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What a permission rule may require of the record, given the role
 * assignment it comes from. A rule is a list of alternatives (OR), each a
 * list of conditions (AND) — as data, per role, editable by administrators.
 *  - everywhere: no restriction;
 *  - in_scope:   the record lies in the assignment's scope (its unit, its
 *                province, its ministry's units, or — for the nation — all);
 *  - own_unit:   the record belongs to the actor's own unit;
 *  - self:       the record is the actor (their own user record).
 */
export const CONDITIONS = ['everywhere', 'in_scope', 'own_unit', 'self'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type ConditionSet = readonly (readonly Condition[])[];

export interface PermissionRule {
  action: Action;
  conditions: ConditionSet;
}

const EVERYWHERE: ConditionSet = [['everywhere']];
const IN_SCOPE: ConditionSet = [['in_scope']];
const IN_SCOPE_OR_SELF: ConditionSet = [['in_scope'], ['self']];

export const SCOPE_LEVELS = ['unit', 'province', 'ministry', 'nation'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export const ROLE_CODES = [
  'call_taker',
  'social_worker',
  'unit_officer',
  'unit_head',
  'province_coordinator',
  'ministry_executive',
  'central_admin',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface RoleDefinition {
  code: RoleCode;
  nameTh: string;
  nameEn: string;
  /** The widest scope an assignment of this role may have. */
  scopeLevel: ScopeLevel;
  /** Roles whose holders must sign in with a second factor (TOTP). */
  requiresSecondFactor: boolean;
  rules: readonly PermissionRule[];
}

/** The roles of the requirements and their default rules, seeded into the database as data. */
export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  {
    code: 'call_taker',
    nameTh: 'เจ้าหน้าที่รับสาย 1300',
    nameEn: 'Call taker (1300)',
    scopeLevel: 'nation',
    requiresSecondFactor: false,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'users.read', conditions: [['self']] },
      { action: 'cases.intake', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'cases.identify', conditions: IN_SCOPE },
      { action: 'cases.screen', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'social_worker',
    nameTh: 'นักสังคมสงเคราะห์',
    nameEn: 'Social worker',
    scopeLevel: 'province',
    requiresSecondFactor: false,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'users.read', conditions: IN_SCOPE_OR_SELF },
      { action: 'cases.intake', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'cases.identify', conditions: IN_SCOPE },
      { action: 'cases.work', conditions: IN_SCOPE },
      { action: 'cases.screen', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'unit_officer',
    nameTh: 'เจ้าหน้าที่หน่วยงาน (Front Line)',
    nameEn: 'Unit officer (Front Line)',
    scopeLevel: 'unit',
    requiresSecondFactor: false,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'users.read', conditions: IN_SCOPE_OR_SELF },
      { action: 'cases.intake', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'cases.identify', conditions: IN_SCOPE },
      { action: 'cases.work', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'unit_head',
    nameTh: 'หัวหน้าหน่วยงาน',
    nameEn: 'Unit head',
    scopeLevel: 'unit',
    requiresSecondFactor: false,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'organisations.manage', conditions: [['in_scope', 'own_unit']] },
      { action: 'users.read', conditions: IN_SCOPE_OR_SELF },
      { action: 'users.manage', conditions: IN_SCOPE },
      { action: 'audit.read', conditions: IN_SCOPE },
      { action: 'cases.intake', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'cases.identify', conditions: IN_SCOPE },
      { action: 'cases.work', conditions: IN_SCOPE },
      { action: 'cases.screen', conditions: IN_SCOPE },
      { action: 'cases.approve', conditions: IN_SCOPE },
      { action: 'reports.read', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'province_coordinator',
    nameTh: 'ผู้ประสานงานระดับจังหวัด',
    nameEn: 'Province coordinator',
    scopeLevel: 'province',
    requiresSecondFactor: false,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'organisations.manage', conditions: IN_SCOPE },
      { action: 'users.read', conditions: IN_SCOPE_OR_SELF },
      { action: 'users.manage', conditions: IN_SCOPE },
      { action: 'users.import', conditions: IN_SCOPE },
      { action: 'audit.read', conditions: IN_SCOPE },
      { action: 'cases.intake', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'cases.work', conditions: IN_SCOPE },
      { action: 'cases.screen', conditions: IN_SCOPE },
      { action: 'cases.approve', conditions: IN_SCOPE },
      { action: 'reports.read', conditions: IN_SCOPE },
      { action: 'reports.export', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'ministry_executive',
    nameTh: 'ผู้บริหารกระทรวง',
    nameEn: 'Ministry executive',
    scopeLevel: 'ministry',
    requiresSecondFactor: true,
    rules: [
      { action: 'organisations.read', conditions: EVERYWHERE },
      { action: 'users.read', conditions: IN_SCOPE_OR_SELF },
      { action: 'audit.read', conditions: IN_SCOPE },
      { action: 'cases.read', conditions: IN_SCOPE },
      { action: 'reports.read', conditions: IN_SCOPE },
      { action: 'reports.export', conditions: IN_SCOPE },
    ],
  },
  {
    code: 'central_admin',
    nameTh: 'ผู้ดูแลระบบส่วนกลาง',
    nameEn: 'Central administrator',
    scopeLevel: 'nation',
    requiresSecondFactor: true,
    rules: ACTIONS.map((action) => ({ action, conditions: EVERYWHERE })),
  },
];

/** The scope a role assignment is bound to. */
export interface ScopeRef {
  level: ScopeLevel;
  unitId: string | null;
  provinceCode: string | null;
  /** For ministry scope: the ministry (root agency) id. */
  agencyId: string | null;
}

/** One permission rule as it applies to one of the actor's role assignments. */
export interface Grant {
  action: Action;
  conditions: ConditionSet;
  scope: ScopeRef;
}
