import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { useImportUsers, type UserImportReport } from '../api/import.ts';
import { IMPORT_ACCEPT, importFileProblem, type ImportFileProblem } from '../utils/import-file.ts';
import { ImportRows, ImportSheets, ImportSummary } from './import-report.tsx';

/**
 * The Front Line 1 workbook import: choose the file, read the dry run's report row by row, then import the valid
 * rows after a confirmation that shows the counts. Focus moves to each step's heading as it appears.
 */
export function ImportUsers() {
  const { language, t } = useLanguage();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportFileProblem | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const check = useImportUsers();
  const apply = useImportUsers();

  const report = apply.data ?? check.data ?? null;
  const step = apply.data ? 'applied' : check.data ? 'checked' : 'choose';
  const pending = check.isPending || apply.isPending;
  const fileProblemText = problem ? problemText(problem) : null;
  const serverFileProblem = fieldErrors(check.error, language)['body'];

  function problemText(found: ImportFileProblem): string {
    switch (found.kind) {
      case 'missing':
        return t('importUsers.fileMissing');
      case 'type':
        return t('importUsers.fileType', { name: found.name });
      case 'empty':
        return t('importUsers.fileEmpty', { name: found.name });
      case 'tooLarge':
        return t('importUsers.fileTooLarge', { name: found.name, megabytes: found.megabytes });
    }
  }

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
    check.mutate({ file, apply: false });
  }

  function handleApply() {
    if (!file) return;
    apply.mutate({ file, apply: true });
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
      {step !== 'applied' ? (
        <form className="card stack" onSubmit={handleCheck} noValidate aria-labelledby={`${ids}-file-heading`}>
          <h2 id={`${ids}-file-heading`} className="card-title">
            {t('importUsers.fileHeading')}
          </h2>
          <div className="field">
            <label htmlFor={`${ids}-file`}>{t('importUsers.fileLabel')}</label>
            <p id={`${ids}-file-hint`} className="field-hint">
              {t('importUsers.fileHint')}
            </p>
            <input
              ref={fileInput}
              id={`${ids}-file`}
              name="file"
              type="file"
              accept={IMPORT_ACCEPT}
              onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
              aria-invalid={fileProblemText || serverFileProblem ? true : undefined}
              aria-describedby={
                fileProblemText || serverFileProblem ? `${ids}-file-hint ${ids}-file-error` : `${ids}-file-hint`
              }
            />
            {fileProblemText || serverFileProblem ? (
              <p id={`${ids}-file-error`} className="field-error">
                {fileProblemText ?? serverFileProblem}
              </p>
            ) : null}
          </div>
          {check.error && !serverFileProblem ? <ErrorMessage error={check.error} /> : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending}>
              {check.isPending ? t('importUsers.checking') : t('importUsers.check')}
            </button>
          </div>
          {check.isPending ? <Loading label={t('importUsers.checking')} /> : null}
        </form>
      ) : null}

      {report && file ? (
        <ReportSection key={step} report={report} fileName={file.name}>
          {step === 'checked' ? (
            <ApplyStep
              report={report}
              isConfirming={isConfirming}
              onConfirming={setIsConfirming}
              onApply={handleApply}
              isPending={apply.isPending}
              error={apply.error}
            />
          ) : (
            <div className="button-row">
              <Link to="/users" className="button button-primary">
                {t('importUsers.toList')}
              </Link>
              <button type="button" className="button" onClick={importAnother}>
                {t('importUsers.importAnother')}
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
  report: UserImportReport;
  fileName: string;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [report]);
  const isUnapplied = !report.applied && report.summary.create + report.summary.update === 0;

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1} className="card-title">
        {report.applied
          ? t('importUsers.appliedHeading', { name: fileName })
          : t('importUsers.dryRunHeading', { name: fileName })}
      </h2>
      {report.applied ? (
        <div className="alert alert-success" role="status">
          <p>{t('importUsers.appliedNote')}</p>
        </div>
      ) : (
        <p className="muted">{isUnapplied ? t('importUsers.nothingToImport') : t('importUsers.dryRunNote')}</p>
      )}
      <ImportSummary report={report} />
      <ImportSheets sheets={report.sheets} headingId={`${ids}-sheets`} />
      <ImportRows rows={report.rows} headingId={`${ids}-rows`} />
      {children}
    </section>
  );
}

interface ApplyStepProps {
  report: UserImportReport;
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
          {t('importUsers.apply')}
        </button>
      </div>
    );
  }
  return (
    <section className="alert alert-warning stack" aria-labelledby={`${ids}-confirm`}>
      <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
        {t('importUsers.confirmHeading')}
      </h3>
      <p>
        {t('importUsers.confirmCounts', {
          create: summary.create,
          update: summary.update,
          units: summary.unitsToCreate,
        })}
      </p>
      {summary.error > 0 ? <p>{t('importUsers.confirmErrors', { count: summary.error })}</p> : null}
      {summary.create > 0 ? <p>{t('importUsers.confirmInvitations')}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onApply} disabled={isPending}>
          {isPending ? t('importUsers.applying') : t('importUsers.confirm')}
        </button>
        <button type="button" className="button" onClick={() => onConfirming(false)} disabled={isPending}>
          {t('importUsers.cancel')}
        </button>
      </div>
      {isPending ? <Loading label={t('importUsers.applying')} /> : null}
    </section>
  );
}
