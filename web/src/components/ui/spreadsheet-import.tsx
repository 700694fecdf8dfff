import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import type { Dictionary } from '../../i18n/th.ts';
import { fieldErrors } from '../../lib/field-errors.ts';
import { IMPORT_ACCEPT, importFileProblem, type ImportFileProblem } from '../../lib/import-file.ts';
import { IMPORT_ROWS_STEP, selectImportRows } from '../../lib/import-rows.ts';
import { DataTable, type DataTableColumn } from './data-table.tsx';
import { ErrorMessage } from './error-message.tsx';
import { Field } from './field.tsx';
import { Loading } from './loading.tsx';

/** The texts every import screen has in its dictionary section. */
type ImportTextKey =
  | 'fileHeading'
  | 'fileLabel'
  | 'fileHint'
  | 'check'
  | 'checking'
  | 'fileMissing'
  | 'fileType'
  | 'fileEmpty'
  | 'fileTooLarge'
  | 'dryRunHeading'
  | 'dryRunNote'
  | 'appliedHeading'
  | 'appliedNote'
  | 'nothingToImport'
  | 'summaryLabel'
  | 'rowsHeading'
  | 'noRows'
  | 'onlyProblems'
  | 'noProblemRows'
  | 'rowsShown'
  | 'showMore'
  | 'apply'
  | 'confirmHeading'
  | 'confirm'
  | 'applying'
  | 'cancel'
  | 'importAnother';

/**
 * A dictionary section holding every text of an import screen (`importUnits`, `importUsers`): the screen reads
 * `<section>.fileHeading`, `<section>.confirm`, … A section missing one of them is not accepted.
 */
export type SpreadsheetImportTexts = {
  [Section in keyof Dictionary]: Dictionary[Section] extends Record<ImportTextKey, string> ? Section : never;
}[keyof Dictionary];

/** A row of an import report: where it stands in the file. */
export interface SpreadsheetImportRow {
  sheet: string;
  rowNumber: number;
}

/** What every import report has: a dry run's or an import's, its counts and the file's rows. */
export interface SpreadsheetImportReport {
  applied: boolean;
  summary: { create: number; update: number; error: number };
  rows: readonly SpreadsheetImportRow[];
}

/** One count of a report's summary ("จะเพิ่ม 12"); the one keyed `error` stands out when it is not 0. */
export interface SpreadsheetImportCount {
  key: string;
  label: string;
  count: number;
}

/**
 * The feature's upload of the file (a TanStack Query mutation fits): a dry run that changes nothing unless
 * `apply`, answered with the report.
 */
export interface SpreadsheetUpload<Report> {
  data: Report | undefined;
  error: unknown;
  isPending: boolean;
  mutate: (variables: { file: File; apply: boolean }, options?: { onError?: () => void }) => void;
  reset: () => void;
}

type RowOf<Report extends SpreadsheetImportReport> = Report['rows'][number];

interface SpreadsheetImportProps<Report extends SpreadsheetImportReport> {
  /** The dictionary section the screen's texts come from. */
  texts: SpreadsheetImportTexts;
  /** Two instances of the feature's upload: the dry run's and the import's, so that each keeps its own answer. */
  check: SpreadsheetUpload<Report>;
  apply: SpreadsheetUpload<Report>;
  /** Shown above the file picker until a file has been checked: a template to download, how to fill it in. */
  guide?: ReactNode;
  /** The report's counts, in the order they are shown. */
  summaryItems: (report: Report) => readonly SpreadsheetImportCount[];
  /** What the report shows between its counts and its rows (problems with the file, the sheets read). */
  details?: (report: Report) => ReactNode;
  /** The row table's columns, given all the report's rows (a column may depend on them: several sheets). */
  rowColumns: (rows: readonly RowOf<Report>[]) => readonly DataTableColumn<RowOf<Report>>[];
  /** Whether a row is one of "only the rows with problems". */
  hasRowProblem: (row: RowOf<Report>) => boolean;
  /** The confirmation's paragraphs: what importing will do, from the dry run's counts. */
  confirmation: (summary: Report['summary']) => ReactNode;
  /** The list the imported records appear in, offered once the import is done. */
  listLink: { to: string; label: string };
}

/** Nothing to create or update: the dry run offers no import. */
function hasNothingToImport(summary: SpreadsheetImportReport['summary']): boolean {
  return summary.create + summary.update === 0;
}

/**
 * A spreadsheet import in steps: choose the file (checked in the browser first), read the dry run's report row
 * by row, then import the valid rows after a confirmation that shows the counts. Focus moves to each step's
 * heading as it appears. The feature brings the upload, the texts, the counts and the row columns.
 */
export function SpreadsheetImport<Report extends SpreadsheetImportReport>({
  texts,
  check,
  apply,
  guide,
  summaryItems,
  details,
  rowColumns,
  hasRowProblem,
  confirmation,
  listLink,
}: SpreadsheetImportProps<Report>) {
  const { language, t } = useLanguage();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportFileProblem | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);

  const report = apply.data ?? check.data ?? null;
  const step = apply.data ? 'applied' : check.data ? 'checked' : 'choose';
  const pending = check.isPending || apply.isPending;
  const serverFileProblem = fieldErrors(check.error, language)['body'];

  function problemText(found: ImportFileProblem): string {
    switch (found.kind) {
      case 'missing':
        return t(`${texts}.fileMissing`);
      case 'type':
        return t(`${texts}.fileType`, { name: found.name });
      case 'empty':
        return t(`${texts}.fileEmpty`, { name: found.name });
      case 'tooLarge':
        return t(`${texts}.fileTooLarge`, { name: found.name, megabytes: found.megabytes });
    }
  }
  const fileProblemText = problem ? problemText(problem) : (serverFileProblem ?? null);

  function startAgain() {
    check.reset();
    apply.reset();
    setIsConfirming(false);
  }

  function chooseFile(chosen: File | null) {
    // A new file means a new check: a report never stands for a file other than the one it was made from.
    setFile(chosen);
    setProblem(null);
    startAgain();
  }

  function handleCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = importFileProblem(file);
    setProblem(found);
    if (found || !file) {
      fileInput.current?.focus();
      return;
    }
    startAgain();
    check.mutate({ file, apply: false }, { onError: () => fileInput.current?.focus() });
  }

  function importAnother() {
    setFile(null);
    setProblem(null);
    startAgain();
    if (fileInput.current) fileInput.current.value = '';
    window.requestAnimationFrame(() => fileInput.current?.focus());
  }

  return (
    <div className="stack-lg">
      {step === 'choose' ? guide : null}
      {step !== 'applied' ? (
        <form className="card stack" onSubmit={handleCheck} noValidate aria-labelledby={`${ids}-file-heading`}>
          <h2 id={`${ids}-file-heading`} className="card-title">
            {t(`${texts}.fileHeading`)}
          </h2>
          <Field
            id={`${ids}-file`}
            label={t(`${texts}.fileLabel`)}
            hint={t(`${texts}.fileHint`)}
            error={fileProblemText}
          >
            {({ describedBy, isInvalid }) => (
              <input
                ref={fileInput}
                id={`${ids}-file`}
                name="file"
                type="file"
                accept={IMPORT_ACCEPT}
                onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          {check.error && !serverFileProblem ? <ErrorMessage error={check.error} /> : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending}>
              {check.isPending ? t(`${texts}.checking`) : t(`${texts}.check`)}
            </button>
          </div>
          {check.isPending ? <Loading label={t(`${texts}.checking`)} /> : null}
        </form>
      ) : null}

      {report && file ? (
        <ReportSection
          key={step}
          texts={texts}
          report={report}
          fileName={file.name}
          summaryItems={summaryItems}
          details={details}
          rowColumns={rowColumns}
          hasRowProblem={hasRowProblem}
        >
          {step === 'checked' ? (
            <ApplyStep
              texts={texts}
              summary={report.summary}
              confirmation={confirmation}
              isConfirming={isConfirming}
              onConfirming={setIsConfirming}
              onApply={() => apply.mutate({ file, apply: true })}
              isPending={apply.isPending}
              error={apply.error}
            />
          ) : (
            <div className="button-row">
              <Link to={listLink.to} className="button button-primary">
                {listLink.label}
              </Link>
              <button type="button" className="button" onClick={importAnother}>
                {t(`${texts}.importAnother`)}
              </button>
            </div>
          )}
        </ReportSection>
      ) : null}
    </div>
  );
}

type ReportSectionProps<Report extends SpreadsheetImportReport> = Pick<
  SpreadsheetImportProps<Report>,
  'texts' | 'summaryItems' | 'details' | 'rowColumns' | 'hasRowProblem'
> & { report: Report; fileName: string; children: ReactNode };

/** One report (the dry run's or the import's), its heading focused when it appears. */
function ReportSection<Report extends SpreadsheetImportReport>({
  texts,
  report,
  fileName,
  summaryItems,
  details,
  rowColumns,
  hasRowProblem,
  children,
}: ReportSectionProps<Report>) {
  const { t } = useLanguage();
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [report]);

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1} className="card-title">
        {report.applied
          ? t(`${texts}.appliedHeading`, { name: fileName })
          : t(`${texts}.dryRunHeading`, { name: fileName })}
      </h2>
      {report.applied ? (
        <div className="alert alert-success" role="status">
          <p>{t(`${texts}.appliedNote`)}</p>
        </div>
      ) : (
        <p className="muted">
          {hasNothingToImport(report.summary) ? t(`${texts}.nothingToImport`) : t(`${texts}.dryRunNote`)}
        </p>
      )}
      <dl className="details details-compact" aria-label={t(`${texts}.summaryLabel`)}>
        {summaryItems(report).map(({ key, label, count }) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <strong className={key === 'error' && count > 0 ? 'field-error' : undefined}>
                {count.toLocaleString('en-US')}
              </strong>
            </dd>
          </div>
        ))}
      </dl>
      {details?.(report)}
      <ImportRows texts={texts} rows={report.rows} columns={rowColumns(report.rows)} hasProblem={hasRowProblem} />
      {children}
    </section>
  );
}

interface ImportRowsProps<Row extends SpreadsheetImportRow> {
  texts: SpreadsheetImportTexts;
  rows: readonly Row[];
  columns: readonly DataTableColumn<Row>[];
  hasProblem: (row: Row) => boolean;
}

/** Every row of the file with what happens to it, IMPORT_ROWS_STEP at a time, or only the rows with problems. */
function ImportRows<Row extends SpreadsheetImportRow>({ texts, rows, columns, hasProblem }: ImportRowsProps<Row>) {
  const { t } = useLanguage();
  const ids = useId();
  const [isOnlyProblems, setIsOnlyProblems] = useState(false);
  const [limit, setLimit] = useState(IMPORT_ROWS_STEP);
  const { problemCount, matching, shown, moreCount } = selectImportRows(rows, { isOnlyProblems, limit, hasProblem });
  const headingId = `${ids}-heading`;

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`${texts}.rowsHeading`)}</h3>
      {rows.length === 0 ? (
        <p>{t(`${texts}.noRows`)}</p>
      ) : (
        <>
          <p className="choice">
            <input
              id={`${ids}-only-problems`}
              type="checkbox"
              checked={isOnlyProblems}
              onChange={(event) => {
                setIsOnlyProblems(event.target.checked);
                setLimit(IMPORT_ROWS_STEP);
              }}
            />
            <label htmlFor={`${ids}-only-problems`}>{t(`${texts}.onlyProblems`, { count: problemCount })}</label>
          </p>
          <p className="muted" role="status" aria-live="polite">
            {matching.length === 0
              ? t(`${texts}.noProblemRows`)
              : t(`${texts}.rowsShown`, { shown: shown.length, total: matching.length })}
          </p>
        </>
      )}
      {shown.length > 0 ? (
        <DataTable
          columns={columns}
          rows={shown}
          rowKey={(row) => `${row.sheet}:${row.rowNumber}`}
          labelledBy={headingId}
        />
      ) : null}
      {moreCount > 0 ? (
        <p>
          <button type="button" className="button" onClick={() => setLimit((current) => current + IMPORT_ROWS_STEP)}>
            {t(`${texts}.showMore`, { count: moreCount })}
          </button>
        </p>
      ) : null}
    </section>
  );
}

interface ApplyStepProps<Summary extends SpreadsheetImportReport['summary']> {
  texts: SpreadsheetImportTexts;
  summary: Summary;
  confirmation: (summary: Summary) => ReactNode;
  isConfirming: boolean;
  onConfirming: (isConfirming: boolean) => void;
  onApply: () => void;
  isPending: boolean;
  error: unknown;
}

/** "นำเข้าข้อมูล", then a confirmation with the counts: the valid rows are imported, the others reported. */
function ApplyStep<Summary extends SpreadsheetImportReport['summary']>({
  texts,
  summary,
  confirmation,
  isConfirming,
  onConfirming,
  onApply,
  isPending,
  error,
}: ApplyStepProps<Summary>) {
  const { t } = useLanguage();
  const ids = useId();
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (isConfirming) confirmHeading.current?.focus();
    else if (wasConfirming.current) applyButton.current?.focus();
    wasConfirming.current = isConfirming;
  }, [isConfirming]);

  if (hasNothingToImport(summary)) return null;
  if (!isConfirming) {
    return (
      <div className="button-row">
        <button ref={applyButton} type="button" className="button button-primary" onClick={() => onConfirming(true)}>
          {t(`${texts}.apply`)}
        </button>
      </div>
    );
  }
  return (
    <section className="alert alert-warning stack" aria-labelledby={`${ids}-confirm`}>
      <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
        {t(`${texts}.confirmHeading`)}
      </h3>
      {confirmation(summary)}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onApply} disabled={isPending}>
          {isPending ? t(`${texts}.applying`) : t(`${texts}.confirm`)}
        </button>
        <button type="button" className="button" onClick={() => onConfirming(false)} disabled={isPending}>
          {t(`${texts}.cancel`)}
        </button>
      </div>
      {isPending ? <Loading label={t(`${texts}.applying`)} /> : null}
    </section>
  );
}

/** A problem the server found in a row, in Thai and English, under the file's column it was found in. */
export interface SpreadsheetImportProblem {
  code: string;
  th: string;
  en: string;
  column?: string;
}

interface ImportRowProblemsProps {
  problems: readonly SpreadsheetImportProblem[];
  /** How the file's column heading is shown before the problem (translated, or marked as Thai). */
  columnLabel: (column: string) => ReactNode;
}

/** A row's problems for its cell: each after its column, in the reader's language; "none" when there are none. */
export function ImportRowProblems({ problems, columnLabel }: ImportRowProblemsProps) {
  const { language, t } = useLanguage();
  if (problems.length === 0) return t('home.none');
  return (
    <ul className="plain-list field-error">
      {problems.map((problem, index) => (
        <li key={`${problem.code}:${index}`}>
          {problem.column ? <>{columnLabel(problem.column)}: </> : null}
          {language === 'en' ? problem.en : problem.th}
        </li>
      ))}
    </ul>
  );
}
