import { UNIT_IMPORT_COLUMNS, type UnitImportReport } from '@oscc/contract';
import { useId, useState } from 'react';
import { useLanguage } from '../../../i18n/index.ts';

/** Rows drawn at a time: a national file holds thousands, and a table that long helps nobody. */
const ROWS_STEP = 200;

type ImportRow = UnitImportReport['rows'][number];

const SUMMARY_KEYS = ['create', 'update', 'unchanged', 'error'] as const;

const ACTION_BADGE: Record<ImportRow['action'], string> = {
  create: 'badge badge-ok',
  update: 'badge badge-info',
  unchanged: 'badge badge-muted',
  error: 'badge badge-warning',
};

/** The unit fields an import row changes, named as the unit form names them. */
const CHANGE_FIELDS = [
  'code',
  'nameTh',
  'nameEn',
  'type',
  'agencyId',
  'provinceCode',
  'districtCode',
  'subdistrictCode',
  'address',
  'postcode',
  'phone',
  'email',
  'officeHours',
  'areas',
  'problemTypes',
] as const;
const isChangeField = (field: string): field is (typeof CHANGE_FIELDS)[number] =>
  (CHANGE_FIELDS as readonly string[]).includes(field);

/** The counts at the top of a report: what would be (dry run) or was (applied) done. */
export function ImportSummary({ report }: { report: UnitImportReport }) {
  const { t } = useLanguage();
  const labels = report.applied ? 'importUnits.appliedSummary' : 'importUnits.summary';
  return (
    <dl className="details details-compact" aria-label={t('importUnits.summaryLabel')}>
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

/** Every row of the file with what happens to it and every problem, in the reader's language. */
export function ImportRows({ rows, headingId }: { rows: readonly ImportRow[]; headingId: string }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [isOnlyProblems, setIsOnlyProblems] = useState(false);
  const [limit, setLimit] = useState(ROWS_STEP);
  const hasProblems = (row: ImportRow) => row.action === 'error' || row.problems.length > 0;
  const problemCount = rows.filter(hasProblems).length;
  const filtered = isOnlyProblems ? rows.filter(hasProblems) : rows;
  const shown = filtered.slice(0, limit);
  const isOneSheet = new Set(rows.map((row) => row.sheet)).size <= 1;

  const changeLabel = (field: string) => (isChangeField(field) ? t(`units.field.${field}`) : field);
  /** The file's own heading is Thai; in English the column's English name is clearer. */
  const columnLabel = (heading: string) =>
    language === 'en' ? (UNIT_IMPORT_COLUMNS.find((column) => column.th === heading)?.en ?? heading) : heading;

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('importUnits.rowsHeading')}</h3>
      {rows.length === 0 ? (
        <p>{t('importUnits.noRows')}</p>
      ) : (
        <>
          <p className="choice">
            <input
              id={`${ids}-only-problems`}
              type="checkbox"
              checked={isOnlyProblems}
              onChange={(event) => {
                setIsOnlyProblems(event.target.checked);
                setLimit(ROWS_STEP);
              }}
            />
            <label htmlFor={`${ids}-only-problems`}>{t('importUnits.onlyProblems', { count: problemCount })}</label>
          </p>
          <p className="muted" role="status" aria-live="polite">
            {filtered.length === 0
              ? t('importUnits.noProblemRows')
              : t('importUnits.rowsShown', { shown: shown.length, total: filtered.length })}
          </p>
        </>
      )}
      {shown.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('importUnits.column.row')}</th>
                <th scope="col">{t('importUnits.column.code')}</th>
                <th scope="col">{t('importUnits.column.name')}</th>
                <th scope="col">{t('importUnits.column.action')}</th>
                <th scope="col">{t('importUnits.column.changes')}</th>
                <th scope="col">{t('importUnits.column.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={`${row.sheet}:${row.rowNumber}`}>
                  <td data-label={t('importUnits.column.row')}>
                    {isOneSheet ? row.rowNumber : t('importUnits.sheetRow', { sheet: row.sheet, row: row.rowNumber })}
                  </td>
                  <td data-label={t('importUnits.column.code')} className="code">
                    {row.code ?? t('home.none')}
                  </td>
                  <th scope="row" data-label={t('importUnits.column.name')}>
                    {row.nameTh ?? t('home.none')}
                  </th>
                  <td data-label={t('importUnits.column.action')}>
                    <span className={ACTION_BADGE[row.action]}>{t(`importUnits.action.${row.action}`)}</span>
                  </td>
                  <td data-label={t('importUnits.column.changes')}>
                    {row.changes.length > 0 ? row.changes.map(changeLabel).join(', ') : t('home.none')}
                  </td>
                  <td data-label={t('importUnits.column.problems')}>
                    {row.problems.length === 0 ? (
                      t('home.none')
                    ) : (
                      <ul className="plain-list field-error">
                        {row.problems.map((problem, index) => (
                          <li key={`${problem.code}:${index}`}>
                            {problem.column ? `${columnLabel(problem.column)}: ` : ''}
                            {language === 'en' ? problem.en : problem.th}
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
            {t('importUnits.showMore', { count: Math.min(ROWS_STEP, filtered.length - shown.length) })}
          </button>
        </p>
      ) : null}
    </section>
  );
}
