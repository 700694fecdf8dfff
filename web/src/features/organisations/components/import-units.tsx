import { UNIT_IMPORT_COLUMNS, type UnitImportReport } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { useImportUnits } from '../api/import.ts';
import { IMPORT_ACCEPT, importFileProblem, type ImportFileProblem } from '../utils/import-file.ts';
import { UNIT_IMPORT_TEMPLATE_NAME, unitImportTemplateCsv } from '../utils/import-template.ts';
import { ImportRows, ImportSummary } from './import-report.tsx';

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
 * the valid rows after a confirmation that shows the counts. Focus moves to each step's heading as it appears.
 */
export function ImportUnits() {
  const { language, t } = useLanguage();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportFileProblem | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const check = useImportUnits();
  const apply = useImportUnits();

  const report = apply.data ?? check.data ?? null;
  const step = apply.data ? 'applied' : check.data ? 'checked' : 'choose';
  const pending = check.isPending || apply.isPending;
  const serverFileProblem = fieldErrors(check.error, language)['body'];

  function problemText(found: ImportFileProblem): string {
    switch (found.kind) {
      case 'missing':
        return t('importUnits.fileMissing');
      case 'type':
        return t('importUnits.fileType', { name: found.name });
      case 'empty':
        return t('importUnits.fileEmpty', { name: found.name });
      case 'tooLarge':
        return t('importUnits.fileTooLarge', { name: found.name, megabytes: found.megabytes });
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
      {step === 'choose' ? <ImportTemplate /> : null}
      {step !== 'applied' ? (
        <form className="card stack" onSubmit={handleCheck} noValidate aria-labelledby={`${ids}-file-heading`}>
          <h2 id={`${ids}-file-heading`} className="card-title">
            {t('importUnits.fileHeading')}
          </h2>
          <div className="field">
            <label htmlFor={`${ids}-file`}>{t('importUnits.fileLabel')}</label>
            <p id={`${ids}-file-hint`} className="field-hint">
              {t('importUnits.fileHint')}
            </p>
            <input
              ref={fileInput}
              id={`${ids}-file`}
              name="file"
              type="file"
              accept={IMPORT_ACCEPT}
              onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
              aria-invalid={fileProblemText ? true : undefined}
              aria-describedby={fileProblemText ? `${ids}-file-hint ${ids}-file-error` : `${ids}-file-hint`}
            />
            {fileProblemText ? (
              <p id={`${ids}-file-error`} className="field-error">
                {fileProblemText}
              </p>
            ) : null}
          </div>
          {check.error && !serverFileProblem ? <ErrorMessage error={check.error} /> : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending}>
              {check.isPending ? t('importUnits.checking') : t('importUnits.check')}
            </button>
          </div>
          {check.isPending ? <Loading label={t('importUnits.checking')} /> : null}
        </form>
      ) : null}

      {report && file ? (
        <ReportSection key={step} report={report} fileName={file.name}>
          {step === 'checked' ? (
            <ApplyStep
              report={report}
              isConfirming={isConfirming}
              onConfirming={setIsConfirming}
              onApply={() => apply.mutate({ file, apply: true })}
              isPending={apply.isPending}
              error={apply.error}
            />
          ) : (
            <div className="button-row">
              <Link to="/units" className="button button-primary">
                {t('units.backToList')}
              </Link>
              <button type="button" className="button" onClick={importAnother}>
                {t('importUnits.importAnother')}
              </button>
            </div>
          )}
        </ReportSection>
      ) : null}
    </div>
  );
}

/** One report (the dry run's or the applied one), its heading focused when it appears. */
function ReportSection({
  report,
  fileName,
  children,
}: {
  report: UnitImportReport;
  fileName: string;
  children: ReactNode;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [report]);
  const hasNothingToDo = !report.applied && report.summary.create + report.summary.update === 0;

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1} className="card-title">
        {report.applied
          ? t('importUnits.appliedHeading', { name: fileName })
          : t('importUnits.dryRunHeading', { name: fileName })}
      </h2>
      {report.applied ? (
        <div className="alert alert-success" role="status">
          <p>{t('importUnits.appliedNote')}</p>
        </div>
      ) : (
        <p className="muted">{hasNothingToDo ? t('importUnits.nothingToImport') : t('importUnits.dryRunNote')}</p>
      )}
      <ImportSummary report={report} />
      {report.problems.length > 0 ? (
        <div className="alert alert-error stack" role="alert">
          <h3>{t('importUnits.fileProblemsHeading')}</h3>
          <ul>
            {report.problems.map((problem, index) => (
              <li key={`${problem.code}:${index}`}>{language === 'en' ? problem.en : problem.th}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ImportRows rows={report.rows} headingId={`${ids}-rows`} />
      {children}
    </section>
  );
}

interface ApplyStepProps {
  report: UnitImportReport;
  isConfirming: boolean;
  onConfirming: (isConfirming: boolean) => void;
  onApply: () => void;
  isPending: boolean;
  error: unknown;
}

/** "นำเข้าข้อมูล", then a confirmation with the counts: the valid rows are imported, the others reported. */
function ApplyStep({ report, isConfirming, onConfirming, onApply, isPending, error }: ApplyStepProps) {
  const { t } = useLanguage();
  const ids = useId();
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const { summary } = report;

  useEffect(() => {
    if (isConfirming) confirmHeading.current?.focus();
    else if (wasConfirming.current) applyButton.current?.focus();
    wasConfirming.current = isConfirming;
  }, [isConfirming]);

  if (summary.create + summary.update === 0) return null;
  if (!isConfirming) {
    return (
      <div className="button-row">
        <button ref={applyButton} type="button" className="button button-primary" onClick={() => onConfirming(true)}>
          {t('importUnits.apply')}
        </button>
      </div>
    );
  }
  return (
    <section className="alert alert-warning stack" aria-labelledby={`${ids}-confirm`}>
      <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
        {t('importUnits.confirmHeading')}
      </h3>
      <p>{t('importUnits.confirmCounts', { create: summary.create, update: summary.update })}</p>
      {summary.error > 0 ? <p>{t('importUnits.confirmErrors', { count: summary.error })}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onApply} disabled={isPending}>
          {isPending ? t('importUnits.applying') : t('importUnits.confirm')}
        </button>
        <button type="button" className="button" onClick={() => onConfirming(false)} disabled={isPending}>
          {t('importUnits.cancel')}
        </button>
      </div>
      {isPending ? <Loading label={t('importUnits.applying')} /> : null}
    </section>
  );
}
