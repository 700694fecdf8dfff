import type { Action, CurrentUser, RoleAssignment } from '@oscc/contract';
import type { Language } from '../i18n/language.ts';

/** A name stored in Thai and perhaps English: English falls back to Thai, which is always present. */
export interface BilingualName {
  th: string;
  en: string | null;
}

export function localizedName(name: BilingualName, language: Language): string {
  return language === 'en' ? (name.en ?? name.th) : name.th;
}

/** The same for reference rows, which spell their names as nameTh / nameEn. */
export function localizedRowName(row: { nameTh: string; nameEn: string | null }, language: Language): string {
  return localizedName({ th: row.nameTh, en: row.nameEn }, language);
}

export function personName(user: Pick<CurrentUser, 'name'>, language: Language): string {
  return localizedName(user.name, language);
}

/** "ผู้ประสานงานระดับจังหวัด · จังหวัดราชบุรี" — a role with the area or unit it covers. */
export function roleWithScope(assignment: RoleAssignment, language: Language, separator = ' · '): string {
  const role = language === 'en' ? assignment.roleName.en : assignment.roleName.th;
  const scope = localizedName(assignment.scope.name, language);
  return scope ? `${role}${separator}${scope}` : role;
}

export function hasPermission(user: Pick<CurrentUser, 'permissions'>, action: Action): boolean {
  return user.permissions.includes(action);
}

/** The 1-based first and last row of a page, for "แสดง 1–25 จาก 230"; both 0 when nothing matched. */
export function pageRange(offset: number, itemCount: number, total: number): { from: number; to: number } {
  if (total === 0 || itemCount === 0) return { from: 0, to: 0 };
  return { from: offset + 1, to: Math.min(offset + itemCount, total) };
}
