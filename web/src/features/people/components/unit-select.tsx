import type { Unit } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useUnitOptions } from '../api/people.ts';
import { SearchSelect } from '../../../components/ui/search-select.tsx';

interface UnitSelectProps {
  id: string;
  value: string;
  /** The chosen unit's name, so it stays listed while the search shows other units. */
  selectedName: string | null;
  onChange: (unit: { id: string; nameTh: string } | null) => void;
  error?: string | null;
  /** The select's label; "หน่วยงาน" unless the form means something narrower (the unit a role covers). */
  label?: string;
}

/** Units matching the text typed, for the list. */
function useUnitMatches(q: string) {
  const matches = useUnitOptions(q);
  return { items: matches.data ?? [], isFetching: matches.isFetching };
}

/** A unit chosen from thousands: type part of the name or code, then pick from the matches. */
export function UnitSelect({ id, value, selectedName, onChange, error, label }: UnitSelectProps) {
  const { language, t } = useLanguage();
  return (
    <SearchSelect<Unit>
      id={id}
      value={value}
      selectedName={selectedName}
      searchLabel={t('people.unitSearch')}
      searchHint={t('people.unitSearchHint')}
      label={label ?? t('people.unit')}
      emptyLabel={t('people.chooseUnit')}
      error={error}
      useMatches={useUnitMatches}
      optionLabel={(unit) => `${localizedRowName(unit, language)} (${unit.code})`}
      onChange={(unit) => onChange(unit ? { id: unit.id, nameTh: unit.nameTh } : null)}
    />
  );
}
