import { useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useUnitOptions } from '../api/people.ts';

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

/** A unit chosen from thousands: type part of the name or code, then pick from the matches. */
export function UnitSelect({ id, value, selectedName, onChange, error, label }: UnitSelectProps) {
  const { language, t } = useLanguage();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const options = useUnitOptions(q);
  const units = options.data ?? [];
  const isSelectedListed = units.some((unit) => unit.id === value);

  return (
    <div className="unit-select">
      <Field id={`${id}-search`} label={t('people.unitSearch')} hint={t('people.unitSearchHint')}>
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
      <Field id={id} label={label ?? t('people.unit')} error={error}>
        {({ describedBy, isInvalid }) => (
          <select
            id={id}
            value={value}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            aria-busy={options.isFetching}
            onChange={(event) => {
              const unit = units.find((candidate) => candidate.id === event.target.value);
              onChange(unit ? { id: unit.id, nameTh: unit.nameTh } : null);
            }}
          >
            <option value="">{t('people.chooseUnit')}</option>
            {value && !isSelectedListed && selectedName ? <option value={value}>{selectedName}</option> : null}
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {localizedRowName(unit, language)} ({unit.code})
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
