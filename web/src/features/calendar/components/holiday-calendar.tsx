import { formatBuddhistDate, type PublicHoliday } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useChangeHoliday, useHolidays } from '../api/holidays.ts';
import { buddhistEraYear, calendarYears, dayProblem, weekdayOf } from '../utils/holidays.ts';

interface FormValues {
  day: string;
  nameTh: string;
  nameEn: string;
}
const EMPTY: FormValues = { day: '', nameTh: '', nameEn: '' };

/**
 * The public holidays of a year; for national administrators, a form to add or change a day, a button to
 * confirm a lunar date once checked against the Cabinet's announcement, and removal (asked twice).
 */
export function HolidayCalendar({ canManage }: { canManage: boolean }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const years = calendarYears(new Date());
  const [year, setYear] = useState(years[1]!);
  const holidays = useHolidays(year);
  const change = useChangeHoliday();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof FormValues, string>>>({});
  const [removing, setRemoving] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const rows = holidays.data ?? [];
  const unconfirmed = rows.filter((holiday) => !holiday.confirmed).length;
  const longDay = (day: string) => formatBuddhistDate(`${day}T12:00:00+07:00`, language, 'longDate');
  const weekday = (day: string) =>
    new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );

  function save(day: string, input: { nameTh: string; nameEn: string; confirmed?: boolean }, done: () => void) {
    setMessage('');
    change.mutate(
      { kind: 'save', day, input: { ...input, confirmed: input.confirmed ?? true } },
      {
        onSuccess: () => {
          done();
          setMessage(t('calendar.saved', { day: longDay(day) }));
        },
      },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<keyof FormValues, string>> = {};
    const dayKey = dayProblem(values.day);
    if (dayKey) found.day = t(dayKey);
    if (!values.nameTh.trim()) found.nameTh = t('calendar.problem.nameRequired');
    if (!values.nameEn.trim()) found.nameEn = t('calendar.problem.nameRequired');
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(`${ids}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    save(values.day, { nameTh: values.nameTh.trim(), nameEn: values.nameEn.trim() }, () => {
      const savedYear = Number(values.day.slice(0, 4));
      if (years.includes(savedYear)) setYear(savedYear);
      setValues(EMPTY);
    });
  }

  const columns: DataTableColumn<PublicHoliday>[] = [
    {
      key: 'day',
      header: t('calendar.column.day'),
      isRowHeader: true,
      cell: (holiday) => (
        <>
          {longDay(holiday.day)}
          <br />
          <span className={weekdayOf(holiday.day) % 6 === 0 ? 'muted' : undefined}>{weekday(holiday.day)}</span>
        </>
      ),
    },
    { key: 'name', header: t('calendar.column.name'), cell: (holiday) => holiday.nameTh },
    {
      key: 'nameEn',
      header: t('calendar.column.nameEn'),
      cell: (holiday) => <span lang="en">{holiday.nameEn}</span>,
    },
    {
      key: 'status',
      header: t('calendar.column.status'),
      cell: (holiday) =>
        holiday.confirmed ? (
          <span className="badge badge-ok">{t('calendar.confirmed')}</span>
        ) : (
          <span className="badge badge-warning">{t('calendar.unconfirmed')}</span>
        ),
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: t('calendar.column.actions'),
      cell: (holiday) =>
        removing === holiday.day ? (
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={change.isPending}
              onClick={() =>
                change.mutate(
                  { kind: 'remove', day: holiday.day },
                  {
                    onSuccess: () => {
                      setRemoving(null);
                      setMessage(t('calendar.removed', { day: longDay(holiday.day) }));
                    },
                  },
                )
              }
            >
              {t('calendar.removeConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setRemoving(null)}>
              {t('calendar.cancel')}
            </button>
          </div>
        ) : (
          <div className="button-row">
            {!holiday.confirmed ? (
              <button
                type="button"
                className="button button-primary"
                disabled={change.isPending}
                aria-label={`${t('calendar.confirm')} ${longDay(holiday.day)}`}
                onClick={() => save(holiday.day, { nameTh: holiday.nameTh, nameEn: holiday.nameEn }, () => undefined)}
              >
                {t('calendar.confirm')}
              </button>
            ) : null}
            <button
              type="button"
              className="button"
              aria-label={`${t('calendar.edit')} ${longDay(holiday.day)}`}
              onClick={() => {
                setValues({ day: holiday.day, nameTh: holiday.nameTh, nameEn: holiday.nameEn });
                setProblems({});
                document.getElementById(`${ids}-nameTh`)?.focus();
              }}
            >
              {t('calendar.edit')}
            </button>
            <button
              type="button"
              className="button"
              aria-label={`${t('calendar.remove')} ${longDay(holiday.day)}`}
              onClick={() => {
                setMessage('');
                setRemoving(holiday.day);
              }}
            >
              {t('calendar.remove')}
            </button>
          </div>
        ),
    });

  return (
    <div className="stack-lg">
      <div className="field holiday-year">
        <label htmlFor={`${ids}-year`}>{t('calendar.year')}</label>
        <select id={`${ids}-year`} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {years.map((option) => (
            <option key={option} value={option}>
              {buddhistEraYear(option)}
            </option>
          ))}
        </select>
      </div>

      <p role="status" className={message ? 'alert alert-success' : 'visually-hidden'}>
        {message}
      </p>
      {change.error ? <ErrorMessage error={change.error} /> : null}

      {canManage ? (
        <form className="card stack" aria-labelledby={`${ids}-form-heading`} onSubmit={submit} noValidate>
          <h2 id={`${ids}-form-heading`} className="card-title">
            {t('calendar.formHeading')}
          </h2>
          <p className="muted">{t('calendar.formHint')}</p>
          <div className="field-row">
            <Field
              id={`${ids}-day`}
              label={t('calendar.day')}
              error={problems.day}
              hint={values.day && !dayProblem(values.day) ? longDay(values.day) : undefined}
            >
              {({ describedBy, isInvalid }) => (
                <input
                  id={`${ids}-day`}
                  type="date"
                  value={values.day}
                  aria-describedby={describedBy}
                  aria-invalid={isInvalid}
                  onChange={(event) => setValues({ ...values, day: event.target.value })}
                />
              )}
            </Field>
            <Field id={`${ids}-nameTh`} label={t('calendar.nameTh')} error={problems.nameTh}>
              {({ describedBy, isInvalid }) => (
                <input
                  id={`${ids}-nameTh`}
                  value={values.nameTh}
                  maxLength={200}
                  aria-describedby={describedBy}
                  aria-invalid={isInvalid}
                  onChange={(event) => setValues({ ...values, nameTh: event.target.value })}
                />
              )}
            </Field>
            <Field id={`${ids}-nameEn`} label={t('calendar.nameEn')} error={problems.nameEn}>
              {({ describedBy, isInvalid }) => (
                <input
                  id={`${ids}-nameEn`}
                  lang="en"
                  value={values.nameEn}
                  maxLength={200}
                  aria-describedby={describedBy}
                  aria-invalid={isInvalid}
                  onChange={(event) => setValues({ ...values, nameEn: event.target.value })}
                />
              )}
            </Field>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={change.isPending}>
              {change.isPending ? t('calendar.saving') : t('calendar.save')}
            </button>
          </div>
        </form>
      ) : null}

      <section className="card stack" aria-labelledby={`${ids}-list-heading`}>
        <h2 id={`${ids}-list-heading`} className="card-title">
          {t('calendar.listHeading', { year: buddhistEraYear(year), count: rows.length })}
        </h2>
        {unconfirmed > 0 ? (
          <div className="alert alert-warning">
            <p>{t('calendar.unconfirmedNotice', { count: unconfirmed })}</p>
          </div>
        ) : null}
        {holidays.isPending ? <Loading /> : null}
        {holidays.error ? <ErrorMessage error={holidays.error} /> : null}
        {holidays.data && rows.length === 0 ? <p className="muted">{t('calendar.empty')}</p> : null}
        {rows.length ? (
          <DataTable
            columns={columns}
            rows={rows}
            rowKey={(holiday) => holiday.day}
            labelledBy={`${ids}-list-heading`}
            isBusy={holidays.isFetching}
          />
        ) : null}
      </section>
    </div>
  );
}
