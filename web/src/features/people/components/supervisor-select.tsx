import type { UserDetail } from '@oscc/contract';
import { useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useSupervisorOptions } from '../api/people.ts';
import { fullNameTh } from '../utils/names.ts';

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

/** The supervisor (ผู้บังคับบัญชา), found by typing part of a name, e-mail or phone number; may be left empty. */
export function SupervisorSelect({ id, value, selectedName, excludeId, onChange, error }: SupervisorSelectProps) {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const options = useSupervisorOptions(q);
  const people = (options.data ?? []).filter((user) => user.id !== excludeId);
  const isSelectedListed = people.some((user) => user.id === value);

  return (
    <div className="unit-select">
      <Field id={`${id}-search`} label={t('people.supervisorSearch')} hint={t('people.supervisorSearchHint')}>
        {({ describedBy }) => (
          <input
            id={`${id}-search`}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={describedBy}
            aria-controls={id}
          />
        )}
      </Field>
      <Field id={id} label={t('people.field.supervisor')} error={error}>
        {({ describedBy, isInvalid }) => (
          <select
            id={id}
            value={value}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            aria-busy={options.isFetching}
            onChange={(event) => {
              const user = people.find((candidate) => candidate.id === event.target.value);
              onChange(user ? { id: user.id, name: fullNameTh(user) } : null);
            }}
          >
            <option value="">{t('people.noSupervisor')}</option>
            {value && !isSelectedListed && selectedName ? <option value={value}>{selectedName}</option> : null}
            {people.map((user) => (
              <option key={user.id} value={user.id}>
                {optionLabel(user)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
