import {
  EXPORT_FORMATS,
  formatBuddhistDate,
  REPORT_FREQUENCIES,
  REPORT_KINDS,
  REPORT_LANGUAGES,
  type ExportFormat,
  type NewReportSubscriptionRequest,
  type ReportFrequency,
  type ReportKind,
  type ReportLanguage,
  type ReportSubscription,
  type SubscriptionFilter,
} from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes, useProvinces } from '../../../lib/reference-data.ts';
import {
  useAddReportSubscription,
  useAgencies,
  useRemoveReportSubscription,
  useReportSubscriptions,
} from '../api/reports.ts';
import { ReportFilterFields } from './report-filter-fields.tsx';

/** 1 = Monday … 7 = Sunday, as the API counts them. */
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekdayName = (weekday: number) => WEEKDAYS[weekday - 1] ?? 'mon';
const FORM_FIELDS = ['kind', 'frequency', 'weekday', 'format', 'language', 'filter'] as const;
type FormField = (typeof FORM_FIELDS)[number];

/** The server's field problems, said in the reader's language by field (its own texts are for developers). */
function problemFields(error: unknown): Set<FormField> {
  const fields = new Set<FormField>();
  if (!isApiError(error)) return fields;
  for (const problem of error.fields) {
    const name = problem.path.replace(/^body\./, '').split('.')[0] as FormField;
    if ((FORM_FIELDS as readonly string[]).includes(name)) fields.add(name);
  }
  return fields;
}

/** My standing orders for reports by e-mail: the list, a form to add one, and removing. */
export function ReportSubscriptions() {
  const { language, t } = useLanguage();
  const ids = useId();
  const subscriptions = useReportSubscriptions();
  const remove = useRemoveReportSubscription();
  const [message, setMessage] = useState<string | null>(null);
  const problemTypes = useProblemTypes();
  const provinces = useProvinces();
  const agencies = useAgencies();

  const filterText = (filter: SubscriptionFilter) => {
    const parts: string[] = [];
    if (filter.problem) {
      const type = problemTypes.data?.find((item) => item.code === filter.problem);
      parts.push(type ? localizedRowName(type, language) : filter.problem);
    }
    if (filter.channel) parts.push(t(`intake.channel.${filter.channel}`));
    if (filter.provinceCode) {
      const province = provinces.data?.find((item) => item.code === filter.provinceCode);
      parts.push(province ? localizedRowName(province, language) : filter.provinceCode);
    }
    if (filter.agencyId) {
      const agency = agencies.data?.find((item) => item.id === filter.agencyId);
      if (agency) parts.push(localizedRowName(agency, language));
    }
    return parts.length > 0 ? parts.join(' · ') : t('reports.subscriptions.wholeScope');
  };
  const scheduleText = (item: ReportSubscription) =>
    item.frequency === 'weekly' && item.weekday
      ? t('reports.subscriptions.weeklyOn', { day: t(`reports.weekday.${weekdayName(item.weekday)}`) })
      : t('reports.subscriptions.frequency.daily');

  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`} className="card-title">
          {t('reports.subscriptions.listHeading')}
        </h2>
        {message ? (
          <div className="alert alert-success" role="status">
            <p>{message}</p>
          </div>
        ) : null}
        {subscriptions.error ? <ErrorMessage error={subscriptions.error} /> : null}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
        {subscriptions.isPending ? <Loading /> : null}
        {subscriptions.data?.length === 0 ? <p className="empty-state">{t('reports.subscriptions.empty')}</p> : null}
        {subscriptions.data && subscriptions.data.length > 0 ? (
          <DataTable
            labelledBy={`${ids}-list`}
            rows={subscriptions.data}
            rowKey={(item) => item.id}
            columns={[
              {
                key: 'kind',
                header: t('reports.subscriptions.column.kind'),
                isRowHeader: true,
                cell: (item) => t(`reports.kind.${item.kind}`),
              },
              { key: 'schedule', header: t('reports.subscriptions.column.schedule'), cell: scheduleText },
              {
                key: 'format',
                header: t('reports.subscriptions.column.format'),
                cell: (item) => `${t(`reports.format.${item.format}`)} · ${t(`reports.language.${item.language}`)}`,
              },
              {
                key: 'filter',
                header: t('reports.subscriptions.column.filter'),
                cell: (item) => filterText(item.filter),
              },
              {
                key: 'next',
                header: t('reports.subscriptions.column.next'),
                cell: (item) => formatBuddhistDate(item.nextSendAt, language, 'dateTime'),
              },
              {
                key: 'last',
                header: t('reports.subscriptions.column.last'),
                cell: (item) =>
                  item.lastSentAt
                    ? formatBuddhistDate(item.lastSentAt, language, 'dateTime')
                    : t('reports.subscriptions.notYetSent'),
              },
              {
                key: 'remove',
                header: t('reports.subscriptions.column.actions'),
                cell: (item) => (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={remove.isPending}
                    aria-label={t('reports.subscriptions.removeLabel', {
                      kind: t(`reports.kind.${item.kind}`),
                      schedule: scheduleText(item),
                    })}
                    onClick={() =>
                      remove.mutate(item.id, {
                        onSuccess: () =>
                          setMessage(t('reports.subscriptions.removed', { kind: t(`reports.kind.${item.kind}`) })),
                      })
                    }
                  >
                    {t('reports.subscriptions.remove')}
                  </button>
                ),
              },
            ]}
          />
        ) : null}
      </section>
      <SubscriptionForm
        onAdded={(kind) => setMessage(t('reports.subscriptions.added', { kind: t(`reports.kind.${kind}`) }))}
      />
    </div>
  );
}

function SubscriptionForm({ onAdded }: { onAdded: (kind: ReportKind) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const add = useAddReportSubscription();
  const [kind, setKind] = useState<ReportKind>('monthly');
  const [frequency, setFrequency] = useState<ReportFrequency>('weekly');
  const [weekday, setWeekday] = useState(1);
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [reportLanguage, setReportLanguage] = useState<ReportLanguage>(language);
  const [filter, setFilter] = useState<SubscriptionFilter>({});
  const problems = problemFields(add.error);
  const fieldError = (field: FormField) => (problems.has(field) ? t(`reports.subscriptions.invalid.${field}`) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const request: NewReportSubscriptionRequest = {
      kind,
      frequency,
      weekday: frequency === 'weekly' ? weekday : null,
      format,
      language: reportLanguage,
      filter,
    };
    add.mutate(request, {
      onSuccess: () => {
        setFilter({});
        onAdded(kind);
      },
    });
  }

  const setFilterField = (changes: Partial<SubscriptionFilter>) =>
    setFilter((current) => {
      const next = { ...current, ...changes };
      for (const key of Object.keys(next) as (keyof SubscriptionFilter)[]) if (!next[key]) delete next[key];
      return next;
    });

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('reports.subscriptions.addHeading')}
      </h2>
      <p className="muted">{t('reports.subscriptions.addIntro')}</p>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
        <div className="form-grid">
          <Field id={`${ids}-kind`} label={t('reports.subscriptions.field.kind')} error={fieldError('kind')}>
            {({ describedBy }) => (
              <select
                id={`${ids}-kind`}
                value={kind}
                aria-describedby={describedBy}
                onChange={(event) => setKind(event.target.value as ReportKind)}
              >
                {REPORT_KINDS.map((name) => (
                  <option key={name} value={name}>
                    {t(`reports.kind.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${ids}-frequency`}
            label={t('reports.subscriptions.field.frequency')}
            error={fieldError('frequency')}
          >
            {({ describedBy }) => (
              <select
                id={`${ids}-frequency`}
                value={frequency}
                aria-describedby={describedBy}
                onChange={(event) => setFrequency(event.target.value as ReportFrequency)}
              >
                {REPORT_FREQUENCIES.map((name) => (
                  <option key={name} value={name}>
                    {t(`reports.subscriptions.frequency.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {frequency === 'weekly' ? (
            <Field id={`${ids}-weekday`} label={t('reports.subscriptions.field.weekday')} error={fieldError('weekday')}>
              {({ describedBy, isInvalid }) => (
                <select
                  id={`${ids}-weekday`}
                  value={weekday}
                  aria-describedby={describedBy}
                  aria-invalid={isInvalid || undefined}
                  onChange={(event) => setWeekday(Number(event.target.value))}
                >
                  {WEEKDAYS.map((day, index) => (
                    <option key={day} value={index + 1}>
                      {t(`reports.weekday.${day}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field id={`${ids}-format`} label={t('reports.subscriptions.field.format')} error={fieldError('format')}>
            {({ describedBy }) => (
              <select
                id={`${ids}-format`}
                value={format}
                aria-describedby={describedBy}
                onChange={(event) => setFormat(event.target.value as ExportFormat)}
              >
                {EXPORT_FORMATS.map((name) => (
                  <option key={name} value={name}>
                    {t(`reports.format.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${ids}-language`}
            label={t('reports.subscriptions.field.language')}
            error={fieldError('language')}
          >
            {({ describedBy }) => (
              <select
                id={`${ids}-language`}
                value={reportLanguage}
                aria-describedby={describedBy}
                onChange={(event) => setReportLanguage(event.target.value as ReportLanguage)}
              >
                {REPORT_LANGUAGES.map((name) => (
                  <option key={name} value={name}>
                    {t(`reports.language.${name}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>{t('reports.subscriptions.filterLegend')}</legend>
          <div className="form-grid">
            <ReportFilterFields idPrefix={ids} value={filter} onChange={setFilterField} />
          </div>
          {problems.has('filter') ? <p className="field-error">{t('reports.subscriptions.invalid.filter')}</p> : null}
        </fieldset>
        {add.error ? <ErrorMessage error={add.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? t('reports.subscriptions.adding') : t('reports.subscriptions.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
