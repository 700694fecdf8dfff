import type { UnitArea } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDistrictsByCode, useProvinces } from '../../../lib/reference-data.ts';
import { groupAreasByProvince } from '../utils/areas.ts';
import { useAreaLabel } from './unit-texts.ts';

/** A unit's areas of responsibility, by province: "จังหวัดราชบุรี — ทั้งจังหวัด", or the districts and subdistricts. */
export function AreaList({ areas }: { areas: readonly UnitArea[] }) {
  const { language, t } = useLanguage();
  const provinces = useProvinces();
  const areaLabel = useAreaLabel();
  const groups = groupAreasByProvince(areas);
  // District names, so subdistricts that share a name can be told apart.
  const districts = useDistrictsByCode(
    areas.filter((area) => area.level === 'subdistrict').map((area) => area.code.slice(0, 2)),
  );
  if (areas.length === 0) return <p className="muted">{t('units.noAreas')}</p>;
  const provinceName = (code: string) => {
    const province = provinces.data?.find((item) => item.code === code);
    return province
      ? t('units.areaLevel.province', { name: localizedRowName(province, language) })
      : (areas.find((area) => area.code === code)?.nameTh ?? code);
  };
  return (
    <ul className="area-groups">
      {groups.map((group) => (
        <li key={group.provinceCode}>
          <span className="area-group-name">{provinceName(group.provinceCode)}</span>
          {group.isWholeProvince ? (
            <span className="badge badge-ok">{t('units.wholeProvince')}</span>
          ) : (
            <ul className="chip-list">
              {group.entries.map((area) => (
                <li key={area.code} className="chip">
                  {areaLabel(area, districts)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
