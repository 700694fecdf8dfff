import type { UserDetail } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProvinces } from '../../../lib/reference-data.ts';
import { useMinistries } from '../api/people.ts';

type RoleOfUser = UserDetail['roles'][number];

const BANGKOK = '10';

/**
 * The area or unit a role covers, by name. UserDetail carries the scope's Thai name; a province or ministry is
 * named in the reader's language from the geography reference and the agencies when they have arrived (a unit's
 * name is Thai in both languages, as everywhere else).
 */
export function useRoleScopeName(): (role: RoleOfUser) => string {
  const { language, t } = useLanguage();
  const provinces = useProvinces();
  const ministries = useMinistries();
  return (role) => {
    const fallback = role.scopeNameTh ?? t(`people.scope.${role.scopeLevel}`);
    if (role.scopeLevel === 'nation' || !role.scopeRef) return t(`people.scope.${role.scopeLevel}`);
    if (role.scopeLevel === 'unit') return fallback;
    if (role.scopeLevel === 'province') {
      const province = provinces.data?.find((candidate) => candidate.code === role.scopeRef);
      if (!province) return fallback;
      // Bangkok (10) is a special administrative area, not a จังหวัด: its name stands alone.
      const name = localizedRowName(province, language);
      return province.code === BANGKOK ? name : t('people.scopeProvinceName', { name });
    }
    const ministry = ministries.data?.find((candidate) => candidate.id === role.scopeRef);
    return ministry ? localizedRowName(ministry, language) : fallback;
  };
}

/** "หัวหน้าหน่วยงาน · ศูนย์พึ่งได้ โรงพยาบาลราชบุรี": a role with what it covers. */
export function RoleWithScope({ role }: { role: RoleOfUser }) {
  const { t } = useLanguage();
  const scopeName = useRoleScopeName();
  return (
    <>
      {t(`people.role.${role.role}`)}
      {t('roleScope.separator')}
      {scopeName(role)}
    </>
  );
}
