import { UNIT_IMPORT_COLUMNS } from '@oscc/contract';
import { useId } from 'react';
import { SpreadsheetImport } from '../../../components/ui/spreadsheet-import.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useImportUnits } from '../api/import.ts';
import { UNIT_IMPORT_TEMPLATE_NAME, unitImportTemplateCsv } from '../utils/import-template.ts';
import { FileProblems, hasImportRowProblem, useImportRowColumns, useImportSummary } from './import-report.tsx';

/** Offers the CSV template as a download made in the browser: nothing to fetch, always matching the contract. */
function downloadTemplate() {
  const blob = new Blob([unitImportTemplateCsv()], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = UNIT_IMPORT_TEMPLATE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The template and the columns it has, with how to fill each in. */
function ImportTemplate() {
  const { language, t } = useLanguage();
  const ids = useId();
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('importUnits.templateHeading')}
      </h2>
      <p>{t('importUnits.templateIntro')}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={downloadTemplate}>
          {t('importUnits.downloadTemplate')}
        </button>
      </div>
      <details className="column-help">
        <summary>{t('importUnits.columnsHeading')}</summary>
        <dl className="details details-compact">
          {UNIT_IMPORT_COLUMNS.map((column) => (
            <div key={column.key}>
              <dt>
                <span lang="th">{column.th}</span>
                {language === 'en' ? <span className="muted"> ({column.en})</span> : null}
              </dt>
              <dd>
                <span className={column.required ? 'badge badge-info' : 'badge badge-muted'}>
                  {column.required ? t('importUnits.columnRequired') : t('importUnits.columnOptional')}
                </span>{' '}
                {t(`importUnits.columnHelp.${column.key}`)}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

/**
 * The units import: download the template, choose the file, read the dry run's report row by row, then import
 * the valid rows after a confirmation that shows the counts.
 */
export function ImportUnits() {
  const { t } = useLanguage();
  const check = useImportUnits();
  const apply = useImportUnits();
  const summaryItems = useImportSummary();
  const rowColumns = useImportRowColumns();

  return (
    <SpreadsheetImport
      texts="importUnits"
      check={check}
      apply={apply}
      guide={<ImportTemplate />}
      summaryItems={summaryItems}
      details={(report) => <FileProblems problems={report.problems} />}
      rowColumns={rowColumns}
      hasRowProblem={hasImportRowProblem}
      confirmation={(summary) => (
        <>
          <p>{t('importUnits.confirmCounts', { create: summary.create, update: summary.update })}</p>
          {summary.error > 0 ? <p>{t('importUnits.confirmErrors', { count: summary.error })}</p> : null}
        </>
      )}
      listLink={{ to: '/units', label: t('units.backToList') }}
    />
  );
}
