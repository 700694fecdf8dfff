import type { ProblemType } from '@oscc/contract';
import { useId } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedName } from '../../../lib/format.ts';

interface ProblemTypesFieldProps {
  problemTypes: readonly ProblemType[] | undefined;
  loadError: unknown;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

/** The problem types a unit takes, as checkboxes: the urgent ones first and marked, as the server lists them. */
export function ProblemTypesField({ problemTypes, loadError, value, onChange, error }: ProblemTypesFieldProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const chosen = new Set(value);
  const listed = problemTypes?.filter((type) => type.active || chosen.has(type.code)) ?? [];

  return (
    <fieldset
      className="card fieldset-card"
      aria-describedby={error ? `${ids}-error` : `${ids}-hint`}
      data-problem={error ? true : undefined}
      tabIndex={error ? -1 : undefined}
    >
      <legend className="card-title">{t('units.field.problemTypes')}</legend>
      <p id={`${ids}-hint`} className="field-hint">
        {t('units.problemTypesHint')}
      </p>
      {error ? (
        <p id={`${ids}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {loadError ? <ErrorMessage error={loadError} /> : null}
      {!problemTypes && !loadError ? <Loading /> : null}
      <ul className="checkbox-grid">
        {listed.map((type) => (
          <li key={type.code}>
            <label className="choice">
              <input
                type="checkbox"
                checked={chosen.has(type.code)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...value, type.code] : value.filter((code) => code !== type.code))
                }
              />
              <span>
                {localizedName({ th: type.nameTh, en: type.nameEn }, language)}
                {type.urgent ? (
                  <>
                    {' '}
                    <span className="badge badge-urgent">{t('units.urgent')}</span>
                  </>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
