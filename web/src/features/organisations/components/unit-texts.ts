import type { AreaLevel, OfficeHours } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { formatOfficeHours, officeHoursTexts } from '../utils/office-hours.ts';

/** Office hours in words, in the reader's language. */
export function useOfficeHoursText(): (hours: OfficeHours) => string {
  const { t } = useLanguage();
  const texts = officeHoursTexts({
    day: {
      mon: t('units.hours.day.mon'),
      tue: t('units.hours.day.tue'),
      wed: t('units.hours.day.wed'),
      thu: t('units.hours.day.thu'),
      fri: t('units.hours.day.fri'),
      sat: t('units.hours.day.sat'),
      sun: t('units.hours.day.sun'),
    },
    allDay: t('units.hours.allDay'),
    closedOnPublicHolidays: t('units.hours.closedOnPublicHolidays'),
    openOnPublicHolidays: t('units.hours.openOnPublicHolidays'),
    rangeSeparator: t('units.hours.rangeSeparator'),
    periodSeparator: t('units.hours.periodSeparator'),
    groupSeparator: t('units.hours.groupSeparator'),
    noteSeparator: t('units.hours.noteSeparator'),
  });
  return (hours) => formatOfficeHours(hours, texts);
}

type Place = { level: AreaLevel; code: string; nameTh: string; nameEn: string | null };

/**
 * A place with its level word: "จังหวัดราชบุรี", "อำเภอบ้านโป่ง" — Bangkok says เขต and แขวง instead of
 * อำเภอ and ตำบล. A subdistrict is named with its district when the districts are known, since many
 * subdistricts share a name ("ตำบลบ้านไร่ อำเภอดำเนินสะดวก").
 */
export function useAreaLabel(): (
  area: Place,
  districts?: ReadonlyMap<string, { nameTh: string; nameEn: string | null }>,
) => string {
  const { language, t } = useLanguage();
  const label = (area: Place): string => {
    const name = localizedRowName(area, language);
    const isBangkok = area.code.startsWith('10');
    if (area.level === 'province') return t('units.areaLevel.province', { name });
    if (area.level === 'district')
      return isBangkok ? t('units.areaLevel.districtBangkok', { name }) : t('units.areaLevel.district', { name });
    return isBangkok ? t('units.areaLevel.subdistrictBangkok', { name }) : t('units.areaLevel.subdistrict', { name });
  };
  return (area, districts) => {
    const district = area.level === 'subdistrict' ? districts?.get(area.code.slice(0, 4)) : undefined;
    if (!district) return label(area);
    const districtLabel = label({ ...district, level: 'district', code: area.code.slice(0, 4) });
    // Thai runs the levels on with a space, English separates them with a comma.
    return `${label(area)}${language === 'th' ? ' ' : ', '}${districtLabel}`;
  };
}
