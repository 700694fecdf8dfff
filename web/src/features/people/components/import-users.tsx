import { SpreadsheetImport } from '../../../components/ui/spreadsheet-import.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useImportUsers } from '../api/import.ts';
import { hasImportRowProblem, ImportSheets, useImportRowColumns, useImportSummary } from './import-report.tsx';

/**
 * The Front Line 1 workbook import: choose the file, read the dry run's report row by row, then import the valid
 * rows after a confirmation that shows the counts.
 */
export function ImportUsers() {
  const { t } = useLanguage();
  const check = useImportUsers();
  const apply = useImportUsers();
  const summaryItems = useImportSummary();
  const rowColumns = useImportRowColumns();

  return (
    <SpreadsheetImport
      texts="importUsers"
      check={check}
      apply={apply}
      summaryItems={summaryItems}
      details={(report) => <ImportSheets sheets={report.sheets} />}
      rowColumns={rowColumns}
      hasRowProblem={hasImportRowProblem}
      confirmation={(summary) => (
        <>
          <p>
            {t('importUsers.confirmCounts', {
              create: summary.create,
              update: summary.update,
              units: summary.unitsToCreate,
            })}
          </p>
          {summary.error > 0 ? <p>{t('importUsers.confirmErrors', { count: summary.error })}</p> : null}
          {summary.create > 0 ? <p>{t('importUsers.confirmInvitations')}</p> : null}
        </>
      )}
      listLink={{ to: '/users', label: t('importUsers.toList') }}
    />
  );
}
