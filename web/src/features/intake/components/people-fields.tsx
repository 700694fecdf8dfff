import { ID_TYPES, PERSON_ROLES, SEXES } from '@oscc/contract';
import { useId, useRef, useState } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import {
  emptyPerson,
  personIdProblem,
  type IdType,
  type PersonRole,
  type PersonRow,
  type Sex,
} from '../utils/intake-form.ts';

interface PeopleFieldsProps {
  people: PersonRow[];
  onChange: (people: PersonRow[]) => void;
  /** Problems keyed like 'case.people.0.idNumber'. */
  errors: Record<string, string>;
}

type TextKey = 'name' | 'idNumber' | 'estimatedAge' | 'birthDate' | 'phone';

/** The people involved, one row each: added and removed with the keyboard, focus kept where the work is. */
export function PeopleFields({ people, onChange, errors }: PeopleFieldsProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  // ID numbers are checked once the person leaves the field (or on saving), not at every digit typed.
  const [checkedIds, setCheckedIds] = useState<ReadonlySet<string>>(new Set());

  const update = (index: number, change: Partial<PersonRow>) =>
    onChange(people.map((person, at) => (at === index ? { ...person, ...change } : person)));

  const add = () => {
    const person = emptyPerson(people.length === 0 ? 'victim' : 'other');
    onChange([...people, person]);
    window.requestAnimationFrame(() => document.getElementById(`${ids}-${person.key}-role`)?.focus());
  };

  const remove = (index: number) => {
    onChange(people.filter((_, at) => at !== index));
    window.requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <fieldset className="card fieldset-card">
      <legend className="card-title">{t('intake.people')}</legend>
      {people.length === 0 ? <p className="muted">{t('intake.peopleNone')}</p> : null}
      <ol className="plain-list stack">
        {people.map((person, index) => {
          const id = (field: string) => `${ids}-${person.key}-${field}`;
          const error = (field: string) => errors[`case.people.${index}.${field}`];
          const idProblem = checkedIds.has(person.key) ? personIdProblem(person, language) : null;
          const text = (
            field: TextKey,
            label: string,
            options: { type?: string; inputMode?: 'numeric' | 'tel' } = {},
          ) => (
            <Field
              id={id(field)}
              label={label}
              error={field === 'idNumber' ? (idProblem ?? error(field)) : error(field)}
            >
              {({ describedBy, isInvalid }) => (
                <input
                  id={id(field)}
                  type={options.type ?? 'text'}
                  inputMode={options.inputMode}
                  value={person[field]}
                  aria-invalid={isInvalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => update(index, { [field]: event.target.value })}
                  onBlur={
                    field === 'idNumber'
                      ? () => setCheckedIds((current) => new Set(current).add(person.key))
                      : undefined
                  }
                />
              )}
            </Field>
          );
          return (
            <li key={person.key}>
              <fieldset className="fieldset intake-person">
                <legend>{t('intake.personHeading', { number: index + 1 })}</legend>
                <div className="form-grid">
                  <Field id={id('role')} label={t('intake.role')} error={error('role')}>
                    {({ describedBy }) => (
                      <select
                        id={id('role')}
                        value={person.role}
                        aria-describedby={describedBy}
                        onChange={(event) => update(index, { role: event.target.value as PersonRole })}
                      >
                        {PERSON_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`intake.roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {text('name', t('intake.name'))}
                  <Field id={id('idType')} label={t('intake.idType')} error={error('idType')}>
                    {({ describedBy }) => (
                      <select
                        id={id('idType')}
                        value={person.idType}
                        aria-describedby={describedBy}
                        onChange={(event) => update(index, { idType: event.target.value as IdType })}
                      >
                        {ID_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(`intake.idTypes.${type}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {person.idType === 'none' ? null : text('idNumber', t('intake.idNumber'))}
                  {text('estimatedAge', t('intake.estimatedAge'), { inputMode: 'numeric' })}
                  {text('birthDate', t('intake.birthDate'), { inputMode: 'numeric' })}
                  <Field id={id('sex')} label={t('intake.sex')} error={error('sex')}>
                    {({ describedBy }) => (
                      <select
                        id={id('sex')}
                        value={person.sex}
                        aria-describedby={describedBy}
                        onChange={(event) => update(index, { sex: event.target.value as Sex })}
                      >
                        {SEXES.map((sex) => (
                          <option key={sex} value={sex}>
                            {t(`intake.sexes.${sex}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {text('phone', t('intake.phone'), { type: 'tel', inputMode: 'tel' })}
                </div>
                <div className="button-row">
                  <button type="button" className="button button-small" onClick={() => remove(index)}>
                    {t('intake.removePerson', { number: index + 1 })}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <button ref={addButton} type="button" className="button" onClick={add}>
          {t('intake.addPerson')}
        </button>
      </div>
    </fieldset>
  );
}
