/**
 * Names of everything a person may be allowed to do. Routes declare one of
 * these (or say they are public / need only a signed-in user); roles map to
 * them in the database, seeded from DEFAULT_ROLE_PERMISSIONS.
 */
export const ACTIONS = ['organisations.read', 'users.read', 'system.jobs.read', 'system.config.read'] as const;
export type Action = (typeof ACTIONS)[number];

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
  actions: readonly Action[];
}

/** The roles of the requirements, seeded into the database as data. */
export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  {
    code: 'call_taker',
    nameTh: 'เจ้าหน้าที่รับสาย 1300',
    nameEn: 'Call taker (1300)',
    scopeLevel: 'nation',
    actions: ['organisations.read'],
  },
  {
    code: 'social_worker',
    nameTh: 'นักสังคมสงเคราะห์',
    nameEn: 'Social worker',
    scopeLevel: 'province',
    actions: ['organisations.read'],
  },
  {
    code: 'unit_officer',
    nameTh: 'เจ้าหน้าที่หน่วยงาน (Front Line)',
    nameEn: 'Unit officer (Front Line)',
    scopeLevel: 'unit',
    actions: ['organisations.read'],
  },
  {
    code: 'unit_head',
    nameTh: 'หัวหน้าหน่วยงาน',
    nameEn: 'Unit head',
    scopeLevel: 'unit',
    actions: ['organisations.read', 'users.read'],
  },
  {
    code: 'province_coordinator',
    nameTh: 'ผู้ประสานงานระดับจังหวัด',
    nameEn: 'Province coordinator',
    scopeLevel: 'province',
    actions: ['organisations.read', 'users.read'],
  },
  {
    code: 'ministry_executive',
    nameTh: 'ผู้บริหารกระทรวง',
    nameEn: 'Ministry executive',
    scopeLevel: 'ministry',
    actions: ['organisations.read'],
  },
  {
    code: 'central_admin',
    nameTh: 'ผู้ดูแลระบบส่วนกลาง',
    nameEn: 'Central administrator',
    scopeLevel: 'nation',
    actions: ['organisations.read', 'users.read', 'system.jobs.read', 'system.config.read'],
  },
];
