import { UNIT_IMPORT_COLUMNS, type UnitImportReport } from '@oscc/contract';
import type { DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ImportRowProblems, type SpreadsheetImportCount } from '../../../components/ui/spreadsheet-import.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isUnitFormField } from '../utils/unit-form.ts';

type ImportRow = UnitImportReport['rows'][number];

const SUMMARY_KEYS = ['create', 'update', 'unchanged', 'error'] as const;

const ACTION_BADGE: Record<ImportRow['action'], string> = {
  create: 'badge badge-ok',
  update: 'badge badge-info',
  unchanged: 'badge badge-muted',
  error: 'badge badge-warning',
};

/** The counts at the top of a report: what would be (dry run) or was (applied) done. */
export function useImportSummary(): (report: UnitImportReport) => SpreadsheetImportCount[] {
  const { t } = useLanguage();
  return (report) => {
    const labels = report.applied ? 'importUnits.appliedSummary' : 'importUnits.summary';
    return SUMMARY_KEYS.map((key) => ({ key, label: t(`${labels}.${key}`), count: report.summary[key] }));
  };
}

/** A row the "only rows with problems" filter keeps: it cannot be imported, or a value in it was not taken. */
export function hasImportRowProblem(row: ImportRow): boolean {
  return row.action === 'error' || row.problems.length > 0;
}

/** The report's columns: every row of the file with what happens to it and every problem, in the reader's language. */
export function useImportRowColumns(): (rows: readonly ImportRow[]) => DataTableColumn<ImportRow>[] {
  const { language, t } = useLanguage();
  const changeLabel = (field: string) => (isUnitFormField(field) ? t(`units.field.${field}`) : field);
  /** The file's own heading is Thai; in English the column's English name is clearer. */
  const columnLabel = (heading: string) =>
    language === 'en' ? (UNIT_IMPORT_COLUMNS.find((column) => column.th === heading)?.en ?? heading) : heading;

  return (rows) => {
    const isOneSheet = new Set(rows.map((row) => row.sheet)).size <= 1;
    return [
      {
        key: 'row',
        header: t('importUnits.column.row'),
        cell: (row) =>
          isOneSheet ? row.rowNumber : t('importUnits.sheetRow', { sheet: row.sheet, row: row.rowNumber }),
      },
      {
        key: 'code',
        header: t('importUnits.column.code'),
        className: 'code',
        cell: (row) => row.code ?? t('home.none'),
      },
      {
        key: 'name',
        header: t('importUnits.column.name'),
        isRowHeader: true,
        cell: (row) => row.nameTh ?? t('home.none'),
      },
      {
        key: 'action',
        header: t('importUnits.column.action'),
        cell: (row) => <span className={ACTION_BADGE[row.action]}>{t(`importUnits.action.${row.action}`)}</span>,
      },
      {
        key: 'changes',
        header: t('importUnits.column.changes'),
        cell: (row) => (row.changes.length > 0 ? row.changes.map(changeLabel).join(', ') : t('home.none')),
      },
      {
        key: 'problems',
        header: t('importUnits.column.problems'),
        cell: (row) => <ImportRowProblems problems={row.problems} columnLabel={columnLabel} />,
      },
    ];
  };
}

/** Problems with the file itself (no header row, a required column missing), shown above its rows. */
export function FileProblems({ problems }: { problems: UnitImportReport['problems'] }) {
  const { language, t } = useLanguage();
  if (problems.length === 0) return null;
  return (
    <div className="alert alert-error stack" role="alert">
      <h3>{t('importUnits.fileProblemsHeading')}</h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.code}:${index}`}>{language === 'en' ? problem.en : problem.th}</li>
        ))}
      </ul>
    </div>
  );
}
