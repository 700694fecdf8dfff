import type { RetentionPolicy } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useRetention, useSetRetention } from '../api/privacy.ts';
import { SavedMessage, type Said } from './privacy-parts.tsx';

const MIN_YEARS = 1;
const MAX_YEARS = 100;

/** How long each problem type keeps its identities after a case closes, and what the job has erased so far. */
export function Retention() {
  const { language, t } = useLanguage();
  const ids = useId();
  const retention = useRetention();
  const [message, setMessage] = useState<Said | null>(null);
  const tell = (said: Said) => setMessage(() => said);
  const data = retention.data;
  const number = (value: number) => value.toLocaleString(language === 'th' ? 'th-TH' : 'en-GB');

  return (
    <div className="stack-lg">
      {retention.error ? <ErrorMessage error={retention.error} /> : null}
      {retention.isPending ? <Loading /> : null}
      {data ? (
        <>
          <section className="card stack" aria-labelledby={`${ids}-summary`}>
            <h2 id={`${ids}-summary`} className="card-title">
              {t('privacy.retention.summaryHeading')}
            </h2>
            <dl className="privacy-figures">
              <div>
                <dt>{t('privacy.retention.defaultYears')}</dt>
                <dd data-testid="retention-default">{t('privacy.retention.years', { count: data.defaultYears })}</dd>
              </div>
              <div>
                <dt>{t('privacy.retention.anonymised')}</dt>
                <dd data-testid="retention-anonymised">{number(data.anonymised)}</dd>
              </div>
              <div>
                <dt>{t('privacy.retention.due')}</dt>
                <dd data-testid="retention-due">{number(data.due)}</dd>
              </div>
            </dl>
            <p className="muted">{t('privacy.retention.explain')}</p>
          </section>
          <section className="card stack" aria-labelledby={`${ids}-list`}>
            <h2 id={`${ids}-list`} className="card-title">
              {t('privacy.retention.listHeading')}
            </h2>
            <SavedMessage said={message} />
            <DataTable
              labelledBy={`${ids}-list`}
              rows={data.policies}
              rowKey={(policy) => policy.problemType}
              columns={[
                {
                  key: 'type',
                  header: t('privacy.retention.column.problemType'),
                  isRowHeader: true,
                  cell: (policy) => localizedRowName(policy, language),
                },
                {
                  key: 'current',
                  header: t('privacy.retention.column.current'),
                  cell: (policy) => (
                    <>
                      {t('privacy.retention.years', { count: policy.retainYears })}
                      {policy.isDefault ? (
                        <span className="badge badge-muted privacy-badge-inline">
                          {t('privacy.retention.isDefault')}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'edit',
                  header: t('privacy.retention.column.change'),
                  cell: (policy) => (
                    <RetentionEditor
                      key={`${policy.problemType}:${policy.retainYears}`}
                      policy={policy}
                      onSaved={(years) =>
                        tell((say, inLanguage) =>
                          say('privacy.retention.saved', {
                            name: localizedRowName(policy, inLanguage),
                            count: years,
                          }),
                        )
                      }
                    />
                  ),
                },
              ]}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}

function RetentionEditor({ policy, onSaved }: { policy: RetentionPolicy; onSaved: (years: number) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const save = useSetRetention();
  const [years, setYears] = useState(String(policy.retainYears));
  const [problem, setProblem] = useState<string | null>(null);
  const name = localizedRowName(policy, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(years.trim());
    if (!/^\d+$/.test(years.trim()) || value < MIN_YEARS || value > MAX_YEARS) {
      setProblem(t('privacy.retention.invalid', { min: MIN_YEARS, max: MAX_YEARS }));
      return;
    }
    setProblem(null);
    save.mutate({ problemType: policy.problemType, retainYears: value }, { onSuccess: () => onSaved(value) });
  }

  return (
    <form
      className="retention-editor"
      onSubmit={handleSubmit}
      noValidate
      aria-label={t('privacy.retention.formLabel', { name })}
    >
      <label htmlFor={`${ids}-years`} className="visually-hidden">
        {t('privacy.retention.yearsLabel', { name })}
      </label>
      <input
        id={`${ids}-years`}
        className="retention-years"
        inputMode="numeric"
        value={years}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${ids}-error` : undefined}
        onChange={(event) => setYears(event.target.value)}
      />
      <span aria-hidden="true">{t('privacy.retention.yearUnit')}</span>
      <button type="submit" className="button button-small" disabled={save.isPending}>
        {save.isPending ? t('privacy.form.saving') : t('privacy.retention.save')}
      </button>
      {problem ? (
        <p id={`${ids}-error`} className="field-error retention-error">
          {problem}
        </p>
      ) : null}
      {save.error ? (
        <div className="retention-error">
          <ErrorMessage error={save.error} />
        </div>
      ) : null}
    </form>
  );
}
