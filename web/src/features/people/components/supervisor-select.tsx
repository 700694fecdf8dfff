import type { UserDetail } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { useSupervisorOptions } from '../api/people.ts';
import { fullNameTh } from '../utils/names.ts';
import { SearchSelect } from '../../../components/ui/search-select.tsx';

interface SupervisorSelectProps {
  id: string;
  value: string;
  /** The chosen supervisor's name, so they stay listed while the search shows other people. */
  selectedName: string | null;
  /** The person being edited, who cannot be their own supervisor. */
  excludeId?: string;
  onChange: (supervisor: { id: string; name: string } | null) => void;
  error?: string | null;
}

/** "นายสมชาย ใจดี — ศูนย์พึ่งได้ โรงพยาบาลราชบุรี": a name alone is often not enough to tell two people apart. */
function optionLabel(user: UserDetail): string {
  return user.unit ? `${fullNameTh(user)} — ${user.unit.nameTh}` : fullNameTh(user);
}

/** People matching the text typed, for the list. */
function useSupervisorMatches(q: string) {
  const matches = useSupervisorOptions(q);
  return { items: matches.data ?? [], isFetching: matches.isFetching };
}

/** The supervisor (ผู้บังคับบัญชา), found by typing part of a name, e-mail or phone number; may be left empty. */
export function SupervisorSelect({ id, value, selectedName, excludeId, onChange, error }: SupervisorSelectProps) {
  const { t } = useLanguage();
  return (
    <SearchSelect<UserDetail>
      id={id}
      value={value}
      selectedName={selectedName}
      searchLabel={t('people.supervisorSearch')}
      searchHint={t('people.supervisorSearchHint')}
      label={t('people.field.supervisor')}
      emptyLabel={t('people.noSupervisor')}
      error={error}
      useMatches={useSupervisorMatches}
      excludeId={excludeId}
      optionLabel={optionLabel}
      onChange={(user) => onChange(user ? { id: user.id, name: fullNameTh(user) } : null)}
    />
  );
}
