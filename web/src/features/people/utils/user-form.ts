import {
  DEFAULT_ROLES,
  type CreateUserRequest,
  type RoleCode,
  type ScopeLevel,
  type UserDetail,
  type UserRoleInput,
} from '@oscc/contract';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** The usual Thai titles offered in the form (free text is kept when editing someone with another title). */
export const THAI_TITLES = ['นาย', 'นาง', 'นางสาว', 'ดร.'] as const;

/** Everything the person form holds, as typed: strings, '' for "not given". */
export interface UserFormValues {
  titleTh: string;
  firstNameTh: string;
  lastNameTh: string;
  firstNameEn: string;
  lastNameEn: string;
  position: string;
  birthDate: string;
  gender: Gender | '';
  mobile: string;
  email: string;
  unitId: string;
  /** '' for no supervisor. */
  supervisorId: string;
}

export interface RoleFormValues {
  role: RoleCode | '';
  provinceCode: string;
  agencyId: string;
}

export const EMPTY_USER_FORM: UserFormValues = {
  titleTh: '',
  firstNameTh: '',
  lastNameTh: '',
  firstNameEn: '',
  lastNameEn: '',
  position: '',
  birthDate: '',
  gender: '',
  mobile: '',
  email: '',
  unitId: '',
  supervisorId: '',
};

export const EMPTY_ROLE_FORM: RoleFormValues = { role: '', provinceCode: '', agencyId: '' };

/** "1982-03-12" → "12/03/2525": the way Thai forms write a birth date (the server reads it back). */
export function isoToBuddhistDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${day}/${month}/${Number(year) + 543}`;
}

/** "+66812345678" → "081-234-5678", as Thai people write their mobile. */
export function formatThaiMobile(mobile: string): string {
  const match = /^\+66(\d{2})(\d{3})(\d{4})$/.exec(mobile);
  return match ? `0${match[1]}-${match[2]}-${match[3]}` : mobile;
}

export function formFromUser(user: UserDetail): UserFormValues {
  return {
    titleTh: user.titleTh ?? '',
    firstNameTh: user.firstNameTh,
    lastNameTh: user.lastNameTh,
    firstNameEn: user.firstNameEn ?? '',
    lastNameEn: user.lastNameEn ?? '',
    position: user.position ?? '',
    birthDate: user.birthDate ? isoToBuddhistDate(user.birthDate) : '',
    gender: user.gender ?? '',
    mobile: user.mobile ? formatThaiMobile(user.mobile) : '',
    email: user.email,
    unitId: user.unit?.id ?? '',
    supervisorId: user.supervisor?.id ?? '',
  };
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

/** The person fields of a create or update request; empty optional fields become null (cleared). */
export function toUserFields(values: UserFormValues): Omit<CreateUserRequest, 'roles'> {
  return {
    email: values.email.trim(),
    titleTh: optional(values.titleTh),
    firstNameTh: values.firstNameTh.trim(),
    lastNameTh: values.lastNameTh.trim(),
    firstNameEn: optional(values.firstNameEn),
    lastNameEn: optional(values.lastNameEn),
    position: optional(values.position),
    birthDate: optional(values.birthDate),
    gender: values.gender || null,
    mobile: optional(values.mobile),
    unitId: values.unitId,
    supervisorId: values.supervisorId || null,
  };
}

/** The level a role is assigned at (a unit, a province, a ministry or the nation), from the contract's roles. */
export function roleScopeLevel(role: RoleCode): ScopeLevel {
  return DEFAULT_ROLES.find((definition) => definition.code === role)?.scopeLevel ?? 'unit';
}

/** Unit roles are bound to the person's own unit; the others to the province or ministry chosen. */
export function toRoleInput(values: RoleFormValues, unitId: string): UserRoleInput | null {
  if (!values.role) return null;
  const scopeLevel = roleScopeLevel(values.role);
  const base = { role: values.role, scopeLevel };
  if (scopeLevel === 'unit') return { ...base, unitId };
  if (scopeLevel === 'province') return { ...base, provinceCode: values.provinceCode };
  if (scopeLevel === 'ministry') return { ...base, agencyId: values.agencyId };
  return base;
}

/** Required fields the form checks before sending; the server checks the rest (formats, e-mail in use). */
export function missingFields(values: UserFormValues, roleValues?: RoleFormValues): string[] {
  const missing: string[] = [];
  if (!values.firstNameTh.trim()) missing.push('firstNameTh');
  if (!values.lastNameTh.trim()) missing.push('lastNameTh');
  if (!values.email.trim()) missing.push('email');
  if (!values.unitId) missing.push('unitId');
  if (roleValues?.role) {
    const level = roleScopeLevel(roleValues.role);
    if (level === 'province' && !roleValues.provinceCode) missing.push('roles.provinceCode');
    if (level === 'ministry' && !roleValues.agencyId) missing.push('roles.agencyId');
  }
  return missing;
}
