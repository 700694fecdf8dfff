import { useId, useState } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import type { ImportRow, ImportRowAction, ImportSheet, UserImportReport } from '../api/import.ts';

/** Rows drawn at a time: a province's workbook may hold thousands, and a table that long helps nobody. */
const ROWS_STEP = 200;

const SUMMARY_KEYS = ['create', 'update', 'unchanged', 'error', 'unitsToCreate'] as const;

const ACTION_BADGE: Record<ImportRowAction, string> = {
  create: 'badge badge-ok',
  update: 'badge badge-info',
  unchanged: 'badge badge-muted',
  error: 'badge badge-danger',
};

/** The stored columns an update changes, named as the person form names them. */
const CHANGE_LABELS = {
  title_th: 'people.field.titleTh',
  first_name_th: 'people.field.firstNameTh',
  last_name_th: 'people.field.lastNameTh',
  first_name_en: 'people.field.firstNameEn',
  last_name_en: 'people.field.lastNameEn',
  position: 'people.field.position',
  birth_date: 'people.field.birthDate',
  gender: 'people.field.gender',
  mobile: 'people.field.mobile',
  unit_id: 'people.unit',
} as const;

const FORM_LABELS = {
  province: 'importUsers.form.province',
  local: 'importUsers.form.local',
  'province-summary': 'importUsers.form.provinceSummary',
} as const;

function isKnown<Key extends string>(labels: Record<Key, string>, key: string): key is Key {
  return Object.hasOwn(labels, key);
}

/** The counts at the top of a report: what would be (dry run) or was (applied) done. */
export function ImportSummary({ report }: { report: UserImportReport }) {
  const { t } = useLanguage();
  const labels = report.applied ? 'importUsers.appliedSummary' : 'importUsers.summary';
  return (
    <dl className="details details-compact" aria-label={t('importUsers.summaryLabel')}>
      {SUMMARY_KEYS.map((key) => (
        <div key={key}>
          <dt>{t(`${labels}.${key}`)}</dt>
          <dd>
            <strong className={key === 'error' && report.summary.error > 0 ? 'field-error' : undefined}>
              {report.summary[key].toLocaleString('en-US')}
            </strong>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Each sheet read: its form, its place and rows, and why it was left out when it was. */
export function ImportSheets({ sheets, headingId }: { sheets: readonly ImportSheet[]; headingId: string }) {
  const { language, t } = useLanguage();
  if (sheets.length === 0) return null;
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('importUsers.sheetsHeading')}</h3>
      <ul className="plain-list stack">
        {sheets.map((sheet) => (
          <li key={sheet.name}>
            <strong>{sheet.name}</strong>
            {' — '}
            {isKnown(FORM_LABELS, sheet.form) ? t(FORM_LABELS[sheet.form]) : t('importUsers.form.unknown')}
            {sheet.placeName ? ` ${t('importUsers.sheetPlace', { place: sheet.placeName })}` : ''}
            {' · '}
            {t('importUsers.sheetRows', { count: sheet.rows })}
            {sheet.problems.length > 0 ? (
              <div className="alert alert-error">
                <p>{t('importUsers.sheetNotRead')}</p>
                <ul>
                  {sheet.problems.map((problem, index) => (
                    <li key={`${problem.code}:${index}`}>{language === 'en' ? problem.en : problem.th}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every row of the file with what happens to it and every problem, in the reader's language. */
export function ImportRows({ rows, headingId }: { rows: readonly ImportRow[]; headingId: string }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [isOnlyErrors, setIsOnlyErrors] = useState(false);
  const [limit, setLimit] = useState(ROWS_STEP);
  const errorCount = rows.filter((row) => row.action === 'error').length;
  const filtered = isOnlyErrors ? rows.filter((row) => row.action === 'error') : rows;
  const shown = filtered.slice(0, limit);
  // One sheet (the usual case) is named above the table; a column repeating it would only take room.
  const hasSheetColumn = new Set(rows.map((row) => row.sheet)).size > 1;

  function changeLabel(column: string): string {
    return isKnown(CHANGE_LABELS, column) ? t(CHANGE_LABELS[column]) : column;
  }

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('importUsers.rowsHeading')}</h3>
      {rows.length === 0 ? (
        <p>{t('importUsers.noRows')}</p>
      ) : (
        <>
          <p>
            <input
              id={`${ids}-only-errors`}
              type="checkbox"
              checked={isOnlyErrors}
              onChange={(event) => {
                setIsOnlyErrors(event.target.checked);
                setLimit(ROWS_STEP);
              }}
            />{' '}
            <label htmlFor={`${ids}-only-errors`}>{t('importUsers.onlyErrors', { count: errorCount })}</label>
          </p>
          <p className="muted" role="status" aria-live="polite">
            {filtered.length === 0
              ? t('importUsers.noErrorRows')
              : t('importUsers.rowsShown', { shown: shown.length, total: filtered.length })}
          </p>
        </>
      )}
      {shown.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                {hasSheetColumn ? <th scope="col">{t('importUsers.column.sheet')}</th> : null}
                <th scope="col">{t('importUsers.column.row')}</th>
                <th scope="col">{t('importUsers.column.name')}</th>
                <th scope="col">{t('importUsers.column.email')}</th>
                <th scope="col">{t('importUsers.column.action')}</th>
                <th scope="col">{t('importUsers.column.unit')}</th>
                <th scope="col">{t('importUsers.column.changes')}</th>
                <th scope="col">{t('importUsers.column.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={`${row.sheet}:${row.rowNumber}`}>
                  {hasSheetColumn ? <td data-label={t('importUsers.column.sheet')}>{row.sheet}</td> : null}
                  <td data-label={t('importUsers.column.row')}>{row.rowNumber}</td>
                  <th scope="row" data-label={t('importUsers.column.name')}>
                    {row.nameTh || t('home.none')}
                  </th>
                  <td data-label={t('importUsers.column.email')} className="break-anywhere">
                    {row.email ?? t('home.none')}
                  </td>
                  <td data-label={t('importUsers.column.action')}>
                    <span className={ACTION_BADGE[row.action]}>{t(`importUsers.action.${row.action}`)}</span>
                  </td>
                  <td data-label={t('importUsers.column.unit')}>
                    {row.unit ? (
                      <>
                        {row.unit.name}
                        {row.unit.action === 'create' ? (
                          <>
                            {' '}
                            <span className="badge badge-info">{t('importUsers.newUnit')}</span>
                          </>
                        ) : null}
                      </>
                    ) : (
                      t('home.none')
                    )}
                  </td>
                  <td data-label={t('importUsers.column.changes')}>
                    {row.changes.length > 0 ? row.changes.map(changeLabel).join(', ') : t('home.none')}
                  </td>
                  <td data-label={t('importUsers.column.problems')}>
                    {row.problems.length === 0 ? (
                      t('home.none')
                    ) : (
                      <ul className="plain-list field-error">
                        {row.problems.map((problem, index) => (
                          <li key={`${problem.code}:${index}`}>
                            {/* The column is the workbook's own heading, which is Thai in every language. */}
                            <span lang="th">{problem.column}</span>: {language === 'en' ? problem.en : problem.th}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {filtered.length > shown.length ? (
        <p>
          <button type="button" className="button" onClick={() => setLimit((current) => current + ROWS_STEP)}>
            {t('importUsers.showMore', { count: Math.min(ROWS_STEP, filtered.length - shown.length) })}
          </button>
        </p>
      ) : null}
    </section>
  );
}
