import type { Unit } from '@oscc/contract';
import { SearchSelect } from '../../../components/ui/search-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useUnitOptions } from '../api/cases.ts';

/** Units matching the text typed, for the list. */
function useUnitMatches(q: string) {
  const matches = useUnitOptions(q);
  return { items: matches.data ?? [], isFetching: matches.isFetching };
}

/** The unit a case is sent to by hand: type part of the name or code, then pick from the matches. */
export function CaseUnitSelect({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: { id: string; nameTh: string } | null;
  onChange: (unit: { id: string; nameTh: string } | null) => void;
  error?: string | null;
}) {
  const { language, t } = useLanguage();
  return (
    <SearchSelect<Unit>
      id={id}
      value={value?.id ?? ''}
      selectedName={value?.nameTh ?? null}
      searchLabel={t('people.unitSearch')}
      searchHint={t('people.unitSearchHint')}
      label={t('cases.screening.unit')}
      emptyLabel={t('people.chooseUnit')}
      error={error}
      useMatches={useUnitMatches}
      optionLabel={(unit) => `${localizedRowName(unit, language)} (${unit.code})`}
      onChange={(unit) => onChange(unit ? { id: unit.id, nameTh: unit.nameTh } : null)}
    />
  );
}
