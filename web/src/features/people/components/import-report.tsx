import { useId } from 'react';
import type { DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ImportRowProblems, type SpreadsheetImportCount } from '../../../components/ui/spreadsheet-import.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import type { ImportRow, ImportRowAction, ImportSheet, UserImportReport } from '../api/import.ts';

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

/** The column is the workbook's own heading, which is Thai in every language. */
const thaiColumn = (column: string) => <span lang="th">{column}</span>;

function isKnown<Key extends string>(labels: Record<Key, string>, key: string): key is Key {
  return Object.hasOwn(labels, key);
}

/** The counts at the top of a report: what would be (dry run) or was (applied) done. */
export function useImportSummary(): (report: UserImportReport) => SpreadsheetImportCount[] {
  const { t } = useLanguage();
  return (report) => {
    const labels = report.applied ? 'importUsers.appliedSummary' : 'importUsers.summary';
    return SUMMARY_KEYS.map((key) => ({ key, label: t(`${labels}.${key}`), count: report.summary[key] }));
  };
}

/** Each sheet read: its form, its place and rows, and why it was left out when it was. */
export function ImportSheets({ sheets }: { sheets: readonly ImportSheet[] }) {
  const { language, t } = useLanguage();
  const headingId = useId();
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

/** A row the "only rows with problems" filter keeps: one that cannot be imported. */
export function hasImportRowProblem(row: ImportRow): boolean {
  return row.action === 'error';
}

/** The report's columns: every row of the file with what happens to it and every problem, in the reader's language. */
export function useImportRowColumns(): (rows: readonly ImportRow[]) => DataTableColumn<ImportRow>[] {
  const { t } = useLanguage();
  function changeLabel(column: string): string {
    return isKnown(CHANGE_LABELS, column) ? t(CHANGE_LABELS[column]) : column;
  }

  return (rows) => {
    // One sheet (the usual case) is named above the table; a column repeating it would only take room.
    const hasSheetColumn = new Set(rows.map((row) => row.sheet)).size > 1;
    const sheetColumn: DataTableColumn<ImportRow> = {
      key: 'sheet',
      header: t('importUsers.column.sheet'),
      cell: (row) => row.sheet,
    };
    return [
      ...(hasSheetColumn ? [sheetColumn] : []),
      { key: 'row', header: t('importUsers.column.row'), cell: (row) => row.rowNumber },
      {
        key: 'name',
        header: t('importUsers.column.name'),
        isRowHeader: true,
        cell: (row) => row.nameTh || t('home.none'),
      },
      {
        key: 'email',
        header: t('importUsers.column.email'),
        className: 'break-anywhere',
        cell: (row) => row.email ?? t('home.none'),
      },
      {
        key: 'action',
        header: t('importUsers.column.action'),
        cell: (row) => <span className={ACTION_BADGE[row.action]}>{t(`importUsers.action.${row.action}`)}</span>,
      },
      {
        key: 'unit',
        header: t('importUsers.column.unit'),
        cell: (row) =>
          row.unit ? (
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
          ),
      },
      {
        key: 'changes',
        header: t('importUsers.column.changes'),
        cell: (row) => (row.changes.length > 0 ? row.changes.map(changeLabel).join(', ') : t('home.none')),
      },
      {
        key: 'problems',
        header: t('importUsers.column.problems'),
        cell: (row) => <ImportRowProblems problems={row.problems} columnLabel={thaiColumn} />,
      },
    ];
  };
}
