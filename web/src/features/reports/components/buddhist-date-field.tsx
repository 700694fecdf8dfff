import { useId } from 'react';
import { useLanguage } from '../../../i18n/index.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
/** How many years back a report can start (the API takes ten years at most). */
const YEARS_BACK = 10;

const pad = (value: number) => String(value).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A day chosen as day, month and Buddhist-era year, so the page never shows a Common-Era date (the browser's own
 * date field writes the year as 2026, whatever the language). The value stays YYYY-MM-DD (Common Era) for the API.
 */
export function BuddhistDateField({
  label,
  value,
  today,
  onChange,
}: {
  label: string;
  /** YYYY-MM-DD. */
  value: string;
  today: string;
  onChange: (value: string) => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const [year = 1970, month = 1, day = 1] = value.split('-').map(Number);
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, index) => thisYear - YEARS_BACK + index);
  if (!years.includes(year)) years.unshift(year);
  const change = (next: { year?: number; month?: number; day?: number }) => {
    const y = next.year ?? year;
    const m = next.month ?? month;
    // A day that the new month does not have becomes its last day (31 March → 30 April).
    const d = Math.min(next.day ?? day, lastDay(y, m));
    onChange(`${y}-${pad(m)}-${pad(d)}`);
  };
  return (
    <fieldset className="report-date">
      <legend>{label}</legend>
      <div className="report-date-parts">
        <div className="field">
          <label htmlFor={`${ids}-day`}>{t('reports.date.day')}</label>
          <select id={`${ids}-day`} value={day} onChange={(event) => change({ day: Number(event.target.value) })}>
            {Array.from({ length: lastDay(year, month) }, (_, index) => index + 1).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-month`}>{t('reports.date.month')}</label>
          <select id={`${ids}-month`} value={month} onChange={(event) => change({ month: Number(event.target.value) })}>
            {MONTHS.map((name, index) => (
              <option key={name} value={index + 1}>
                {t(`reports.date.months.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-year`}>{t('reports.date.year')}</label>
          <select id={`${ids}-year`} value={year} onChange={(event) => change({ year: Number(event.target.value) })}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option + 543}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
