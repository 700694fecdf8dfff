import { useId } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import {
  governmentHoursDraft,
  MAX_PERIODS_PER_DAY,
  normalizeTime,
  officeHoursFromDraft,
  officeHoursProblems,
  WEEKDAYS,
  type OfficeHoursDraft,
  type OfficeHoursProblem,
  type Weekday,
} from '../utils/office-hours.ts';
import { useOfficeHoursText } from './unit-texts.ts';

/** A day ticked open starts with government hours. */
const DEFAULT_PERIOD = { opens: '08:30', closes: '16:30' };

const DAY_KEYS = { 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri', 6: 'sat', 7: 'sun' } as const;

interface OfficeHoursEditorProps {
  idPrefix: string;
  draft: OfficeHoursDraft;
  onChange: (draft: OfficeHoursDraft) => void;
  /** Problems found by the form ('none', or 'day.index' for a period), shown once the person tried to save. */
  problems: ReadonlyMap<string, OfficeHoursProblem>;
  /** The server's problem with the office hours, if it refused them. */
  error?: string;
}

/**
 * 24 hours, or a weekly calendar: for each weekday, whether the unit opens and its opening periods (a lunch
 * break is two periods), and whether it closes on public holidays. The summary below reads the result back.
 */
export function OfficeHoursEditor({ idPrefix, draft, onChange, problems, error }: OfficeHoursEditorProps) {
  const { t } = useLanguage();
  const ids = useId();
  const hoursText = useOfficeHoursText();
  const dayName = (day: Weekday) => t(`units.hours.day.${DAY_KEYS[day]}`);

  function setDay(day: Weekday, periods: OfficeHoursDraft['days'][Weekday]) {
    onChange({ ...draft, days: { ...draft.days, [day]: periods } });
  }

  function setPeriod(day: Weekday, index: number, change: Partial<{ opens: string; closes: string }>) {
    setDay(
      day,
      draft.days[day].map((period, i) => (i === index ? { ...period, ...change } : period)),
    );
  }

  function focusLater(id: string) {
    window.requestAnimationFrame(() => document.getElementById(id)?.focus());
  }

  const problemText = (problem: OfficeHoursProblem) => t(`units.hours.problem.${problem}`);
  const timeHintId = `${idPrefix}-time-hint`;
  const noneProblem = problems.get('none');

  return (
    <div className="stack">
      <fieldset className="fieldset-plain">
        <legend className="visually-hidden">{t('units.hours.kindLabel')}</legend>
        <div className="choice-row">
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-kind`}
              checked={draft.kind === '24h'}
              onChange={() => onChange({ ...draft, kind: '24h' })}
            />
            {t('units.hours.kind24h')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-kind`}
              checked={draft.kind === 'business'}
              onChange={() => onChange({ ...draft, kind: 'business' })}
            />
            {t('units.hours.kindBusiness')}
          </label>
        </div>
      </fieldset>

      {draft.kind === 'business' ? (
        <>
          <div className="button-row">
            <button type="button" className="button" onClick={() => onChange(governmentHoursDraft())}>
              {t('units.hours.useGovernment')}
            </button>
          </div>
          <p id={timeHintId} className="field-hint">
            {t('units.hours.timeHint')}
          </p>
          {noneProblem ? (
            <p id={`${idPrefix}-none`} className="field-error" data-problem tabIndex={-1}>
              {problemText(noneProblem)}
            </p>
          ) : null}
          <ul className="week">
            {WEEKDAYS.map((day) => {
              const periods = draft.days[day];
              const isOpen = periods.length > 0;
              const openId = `${idPrefix}-day${day}-open`;
              return (
                <li key={day} className="week-day">
                  <fieldset className="fieldset-plain">
                    <legend className="week-day-name">{dayName(day)}</legend>
                    <label className="choice">
                      <input
                        id={openId}
                        type="checkbox"
                        checked={isOpen}
                        onChange={(event) => setDay(day, event.target.checked ? [{ ...DEFAULT_PERIOD }] : [])}
                      />
                      {t('units.hours.dayOpen')}
                    </label>
                    {periods.map((period, index) => {
                      const problem = problems.get(`${day}.${index}`);
                      const periodId = `${idPrefix}-day${day}-p${index}`;
                      const errorId = problem ? `${periodId}-error` : undefined;
                      // With several periods, each time says which one it belongs to (the name is shown once).
                      const periodLabel =
                        periods.length > 1 ? (
                          <span className="visually-hidden"> {t('units.hours.period', { number: index + 1 })}</span>
                        ) : null;
                      return (
                        <div key={index} className="period">
                          {periods.length > 1 ? (
                            <span className="period-name">{t('units.hours.period', { number: index + 1 })}</span>
                          ) : null}
                          <div className="period-times">
                            <span className="time-pair">
                              <label htmlFor={`${periodId}-opens`}>
                                {t('units.hours.opens')}
                                {periodLabel}
                              </label>
                              <input
                                id={`${periodId}-opens`}
                                className="time-input"
                                inputMode="decimal"
                                autoComplete="off"
                                placeholder="00:00"
                                maxLength={8}
                                value={period.opens}
                                aria-invalid={problem ? true : undefined}
                                aria-describedby={errorId ? `${timeHintId} ${errorId}` : timeHintId}
                                onChange={(event) => setPeriod(day, index, { opens: event.target.value })}
                                onBlur={(event) => setPeriod(day, index, { opens: normalizeTime(event.target.value) })}
                              />
                            </span>
                            <span className="time-pair">
                              <label htmlFor={`${periodId}-closes`}>
                                {t('units.hours.closes')}
                                {periodLabel}
                              </label>
                              <input
                                id={`${periodId}-closes`}
                                className="time-input"
                                inputMode="decimal"
                                autoComplete="off"
                                placeholder="00:00"
                                maxLength={8}
                                value={period.closes}
                                aria-invalid={problem ? true : undefined}
                                aria-describedby={errorId ? `${timeHintId} ${errorId}` : timeHintId}
                                onChange={(event) => setPeriod(day, index, { closes: event.target.value })}
                                onBlur={(event) => setPeriod(day, index, { closes: normalizeTime(event.target.value) })}
                              />
                            </span>
                            {periods.length > 1 ? (
                              <button
                                type="button"
                                className="button button-small"
                                aria-label={t('units.hours.removePeriod', { number: index + 1, day: dayName(day) })}
                                onClick={() => {
                                  setDay(
                                    day,
                                    periods.filter((_, i) => i !== index),
                                  );
                                  focusLater(`${idPrefix}-day${day}-p0-opens`);
                                }}
                              >
                                <span aria-hidden="true">×</span>
                              </button>
                            ) : null}
                          </div>
                          {problem ? (
                            <p id={errorId} className="field-error">
                              {problemText(problem)}
                            </p>
                          ) : null}
                        </div>
                      );
                    })}
                    {isOpen && periods.length < MAX_PERIODS_PER_DAY ? (
                      <button
                        type="button"
                        className="button button-link"
                        onClick={() => {
                          const last = periods.at(-1);
                          setDay(day, [...periods, { opens: last?.closes ?? '', closes: '' }]);
                          focusLater(`${idPrefix}-day${day}-p${periods.length}-closes`);
                        }}
                      >
                        {t('units.hours.addPeriod', { day: dayName(day) })}
                      </button>
                    ) : null}
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.closedOnPublicHolidays}
              onChange={(event) => onChange({ ...draft, closedOnPublicHolidays: event.target.checked })}
            />
            {t('units.hours.closedOnPublicHolidaysLabel')}
          </label>
        </>
      ) : null}
      {error ? (
        <p id={`${idPrefix}-error`} className="field-error" data-problem tabIndex={-1}>
          {error}
        </p>
      ) : null}
      {officeHoursProblems(draft).size === 0 ? (
        <p className="hours-summary">{t('units.hours.summary', { text: hoursText(officeHoursFromDraft(draft)) })}</p>
      ) : null}
    </div>
  );
}
