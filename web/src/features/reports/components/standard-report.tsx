import {
  formatBuddhistDate,
  type ReportDocument,
  type ReportFilter,
  type ReportRow,
  type ReportSection,
} from '@oscc/contract';
import { useId } from 'react';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { STANDARD_REPORT_KINDS, useReportDocument } from '../api/reports.ts';
import { periodLabel } from '../utils/report-filter.ts';
import { formatCell } from '../utils/report-format.ts';
import { CasesLink, ExportLinks, useDurationWords } from './report-parts.tsx';

export type StandardReportKind = (typeof STANDARD_REPORT_KINDS)[number];

export function parseStandardKind(value: string | null): StandardReportKind {
  return (STANDARD_REPORT_KINDS as readonly string[]).includes(value ?? '') ? (value as StandardReportKind) : 'monthly';
}

/** The choice of standard report, as buttons that say which one is shown. */
export function StandardReportPicker({
  kind,
  onKindChange,
}: {
  kind: StandardReportKind;
  onKindChange: (kind: StandardReportKind) => void;
}) {
  const { t } = useLanguage();
  return (
    <div className="report-tabs" role="group" aria-label={t('reports.standard.pickerLabel')}>
      {STANDARD_REPORT_KINDS.map((name) => (
        <button
          key={name}
          type="button"
          className={name === kind ? 'button button-primary' : 'button'}
          aria-pressed={name === kind}
          onClick={() => onKindChange(name)}
        >
          {t(`reports.kind.${name}`)}
        </button>
      ))}
    </div>
  );
}

/** A standard report with the filter, drawn from its document; the same document makes the files. */
export function StandardReport({
  kind,
  filter,
  canExport,
}: {
  kind: StandardReportKind;
  filter: ReportFilter;
  canExport: boolean;
}) {
  const { t } = useLanguage();
  const report = useReportDocument(kind, filter);
  if (report.error) return <ErrorMessage error={report.error} />;
  if (!report.data) return <Loading />;
  return (
    <div className="stack-lg" aria-busy={report.isFetching}>
      {canExport ? <ExportLinks kind={kind} filter={filter} title={t(`reports.kind.${kind}`)} /> : null}
      <ReportDocumentView document={report.data} filter={filter} />
    </div>
  );
}

/** Any report document, generically: its heading lines, then each section as a table (cards on a phone). */
export function ReportDocumentView({ document, filter }: { document: ReportDocument; filter: ReportFilter }) {
  const { language, t } = useLanguage();
  const ids = useId();
  return (
    <article className="card stack report-document" aria-labelledby={`${ids}-title`}>
      <header className="stack">
        <h2 id={`${ids}-title`} className="card-title">
          {document.title[language]}
        </h2>
        <dl className="details details-compact">
          <div>
            <dt>{t('reports.scope')}</dt>
            <dd>{document.scope[language]}</dd>
          </div>
          <div>
            <dt>{t('reports.period')}</dt>
            <dd>{periodLabel(document.period, language)}</dd>
          </div>
          {document.filters.length > 0 ? (
            <div>
              <dt>{t('reports.standard.filters')}</dt>
              <dd>
                <ul className="plain-list">
                  {document.filters.map((line) => (
                    <li key={line.th}>{line[language]}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('reports.standard.generatedAt')}</dt>
            <dd>
              <time dateTime={document.generatedAt}>
                {formatBuddhistDate(document.generatedAt, language, 'dateTime')}
              </time>
            </dd>
          </div>
        </dl>
      </header>
      {document.sections.length === 0 ? <p className="empty-state">{t('reports.standard.empty')}</p> : null}
      {document.sections.map((section) => (
        // A figure lists the cases of the period the report covers (the monthly one defaults to the last month).
        <ReportSectionView
          key={section.id}
          section={section}
          filter={{ ...filter, from: document.period.from, to: document.period.to }}
        />
      ))}
    </article>
  );
}

function ReportSectionView({ section, filter }: { section: ReportSection; filter: ReportFilter }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const words = useDurationWords();
  // The rows in their order, the total kept last (the document says so; a stray one is moved, not lost).
  const rows = [...section.rows.filter((row) => !row.total), ...section.rows.filter((row) => row.total)].map(
    (row, index) => ({ row, index }),
  );
  const firstTextColumn = section.columns.find((column) => column.kind === 'text')?.key;
  const columns: DataTableColumn<{ row: ReportRow; index: number }>[] = section.columns.map((column) => ({
    key: column.key,
    header: column.label[language],
    isRowHeader: column.key === firstTextColumn,
    className: column.kind === 'text' ? undefined : 'report-number',
    cell: ({ row }) => {
      const cell = row.cells[column.key];
      const text = formatCell(cell, column.kind, language, words);
      // A column's own measure, or — in a table whose rows are different figures — the row's.
      const measure = column.measure ?? (column.kind === 'count' ? row.measure : undefined);
      if (measure && row.drill && typeof cell === 'number' && column.kind === 'count')
        return (
          <CasesLink filter={filter} drill={row.drill} measure={measure} count={cell}>
            {text}
          </CasesLink>
        );
      return text;
    },
  }));
  return (
    <section className="stack report-section-block" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="report-table-title">
        {section.title[language]}
      </h3>
      {section.note ? <p className="muted">{section.note[language]}</p> : null}
      {rows.length === 0 ? (
        <p className="empty-state">{t('reports.standard.sectionEmpty')}</p>
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={({ index }) => String(index)}
          rowClassName={({ row }) => (row.total ? 'report-total' : undefined)}
          labelledBy={`${ids}-title`}
        />
      )}
    </section>
  );
}
