import { formatBuddhistDate, type CaseAccessEntry, type CaseDetail } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { ACCESS_LOG_PAGE_SIZE, useCaseAccessLog, useRefreshCase, useRevealCase } from '../api/cases.ts';
import { bangkokClock, msUntil, REVEAL_REASON_MAX, REVEAL_REASON_MIN, reasonLength } from '../utils/disclosure.ts';
import './case-privacy.css';

/**
 * What the reader sees of the people in the case: a notice when the identities are masked for their role (with
 * "break the glass" when they may), until when an opening lasts, or that the identities were erased at the end
 * of the retention period.
 */
export function CaseDisclosureNotice({ detail }: { detail: CaseDetail }) {
  const { language, t } = useLanguage();
  const { disclosure } = detail;
  const refresh = useRefreshCase(detail.id);
  const [isOpen, setIsOpen] = useState(false);
  const [justRevealed, setJustRevealed] = useState(false);
  const revealedNotice = useRef<HTMLDivElement>(null);

  // An opening lasts a while: when it runs out the page reads the case again, masked.
  useEffect(() => {
    const wait = msUntil(disclosure.revealedUntil, new Date());
    if (wait === null) return;
    const timer = window.setTimeout(refresh, wait + 1_000);
    return () => window.clearTimeout(timer);
  }, [disclosure.revealedUntil, refresh]);

  // The button that opened the dialog is gone once the identities show: the reader is taken to what happened.
  useEffect(() => {
    if (justRevealed && !disclosure.masked) revealedNotice.current?.focus();
  }, [justRevealed, disclosure.masked]);

  if (detail.anonymisedAt) {
    return (
      <div className="alert alert-info" role="status" data-testid="case-anonymised">
        <p>{t('privacy.case.anonymised', { date: formatBuddhistDate(detail.anonymisedAt, language, 'longDate') })}</p>
      </div>
    );
  }

  if (!disclosure.masked && disclosure.revealedUntil) {
    return (
      <div
        className={justRevealed ? 'alert alert-success' : 'alert alert-info'}
        role="status"
        data-testid="case-revealed"
        ref={revealedNotice}
        tabIndex={-1}
      >
        <p>
          <strong>{t('privacy.case.revealedUntil', { time: bangkokClock(disclosure.revealedUntil) })}</strong>{' '}
          {t('privacy.case.revealedNote')}
        </p>
      </div>
    );
  }

  if (!disclosure.masked) return null;

  return (
    <section className="alert alert-warning stack case-masked" aria-labelledby="case-masked-heading">
      <h2 id="case-masked-heading" className="case-masked-heading">
        {t('privacy.case.maskedHeading')}
      </h2>
      <p>{t('privacy.case.maskedText')}</p>
      {disclosure.canReveal ? (
        <>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => setIsOpen(true)}>
              {t('privacy.case.reveal')}
            </button>
          </div>
          <RevealDialog
            caseId={detail.id}
            caseNumber={detail.caseNumber}
            isOpen={isOpen}
            onClose={() => setIsOpen(false)}
            onRevealed={() => {
              setJustRevealed(true);
              setIsOpen(false);
            }}
          />
        </>
      ) : null}
    </section>
  );
}

/** The reason asked before the identities open: a modal dialog, its heading first, the reason required. */
function RevealDialog({
  caseId,
  caseNumber,
  isOpen,
  onClose,
  onRevealed,
}: {
  caseId: string;
  caseNumber: string;
  isOpen: boolean;
  onClose: () => void;
  onRevealed: () => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const reveal = useRevealCase(caseId);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const length = reasonLength(reason);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) {
      element.showModal();
      input.current?.focus();
    } else if (!isOpen && element.open) {
      element.close();
    }
  }, [isOpen]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (length < REVEAL_REASON_MIN) {
      setProblem(
        length === 0 ? t('privacy.case.reasonMissing') : t('privacy.case.reasonShort', { min: REVEAL_REASON_MIN }),
      );
      input.current?.focus();
      return;
    }
    setProblem(null);
    reveal.mutate(reason.trim(), { onSuccess: onRevealed });
  }

  const hintId = `${ids}-hint`;
  const counterId = `${ids}-counter`;
  const errorId = `${ids}-error`;
  return (
    <dialog
      ref={dialog}
      className="reveal-dialog"
      aria-labelledby={`${ids}-heading`}
      aria-describedby={`${ids}-warning`}
      onClose={onClose}
      onCancel={onClose}
    >
      <form className="stack" onSubmit={handleSubmit} noValidate>
        <h2 id={`${ids}-heading`} className="card-title">
          {t('privacy.case.dialogHeading', { caseNumber })}
        </h2>
        <div id={`${ids}-warning`} className="alert alert-warning">
          <p>{t('privacy.case.dialogWarning')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('privacy.case.reasonLabel')}</label>
          <p id={hintId} className="field-hint">
            {t('privacy.case.reasonHint', { min: REVEAL_REASON_MIN })}
          </p>
          <textarea
            ref={input}
            id={`${ids}-reason`}
            rows={4}
            required
            minLength={REVEAL_REASON_MIN}
            maxLength={REVEAL_REASON_MAX}
            value={reason}
            aria-invalid={problem ? true : undefined}
            aria-describedby={[hintId, counterId, problem ? errorId : null].filter(Boolean).join(' ')}
            onChange={(event) => {
              setReason(event.target.value);
              if (problem && reasonLength(event.target.value) >= REVEAL_REASON_MIN) setProblem(null);
            }}
          />
          <p
            id={counterId}
            className={
              length < REVEAL_REASON_MIN ? 'field-hint reason-counter' : 'field-hint reason-counter reason-counter-ok'
            }
          >
            {t('privacy.case.counter', { count: length, max: REVEAL_REASON_MAX, min: REVEAL_REASON_MIN })}
          </p>
          {problem ? (
            <p id={errorId} className="field-error">
              {problem}
            </p>
          ) : null}
        </div>
        {reveal.error ? <ErrorMessage error={reveal.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={reveal.isPending}>
            {reveal.isPending ? t('privacy.case.revealing') : t('privacy.case.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={reveal.isPending}>
            {t('privacy.case.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** "ผู้ที่เคยเปิดดูเรื่องนี้": every view, attachment opened and glass broken, for people who audit the case. */
export function CaseAccessLog({ caseId }: { caseId: string }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [offset, setOffset] = useState(0);
  const log = useCaseAccessLog(caseId, offset, true);
  // The reader's audit scope does not reach this case: there is nothing for them here.
  if (isApiError(log.error) && log.error.status === 403) return null;

  const what = (entry: CaseAccessEntry) => {
    const kind = t(`privacy.accessLog.kind.${entry.kind}`);
    return entry.kind === 'view' && entry.identified ? `${kind} · ${t('privacy.accessLog.identified')}` : kind;
  };
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`} data-testid="case-access-log">
      <h2 id={`${ids}-heading`} className="card-title">
        {t('privacy.accessLog.heading')}
      </h2>
      {log.data ? (
        <p className="access-log-people">{t('privacy.accessLog.people', { count: log.data.people })}</p>
      ) : null}
      <PagedResults
        query={log}
        emptyText={t('privacy.accessLog.empty')}
        offset={offset}
        pageSize={ACCESS_LOG_PAGE_SIZE}
        pagerLabel={t('privacy.accessLog.pager')}
        onOffsetChange={setOffset}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            rows={items}
            rowKey={(entry) => `${entry.at}:${entry.kind}:${entry.actor?.id ?? ''}:${entry.requestId ?? ''}`}
            rowClassName={(entry) => (entry.kind === 'reveal' ? 'access-log-reveal' : undefined)}
            isBusy={log.isFetching}
            columns={[
              {
                key: 'at',
                header: t('privacy.accessLog.column.at'),
                cell: (entry) => <time dateTime={entry.at}>{formatBuddhistDate(entry.at, language, 'dateTime')}</time>,
              },
              {
                key: 'who',
                header: t('privacy.accessLog.column.who'),
                isRowHeader: true,
                cell: (entry) =>
                  entry.actor ? (
                    <>
                      {entry.actor.displayName}
                      <span className="muted access-log-email">{entry.actor.email}</span>
                    </>
                  ) : (
                    t('privacy.accessLog.system')
                  ),
              },
              {
                key: 'what',
                header: t('privacy.accessLog.column.what'),
                cell: (entry) =>
                  entry.kind === 'reveal' ? (
                    <strong className="badge badge-warning">{what(entry)}</strong>
                  ) : (
                    what(entry)
                  ),
              },
              {
                key: 'reason',
                header: t('privacy.accessLog.column.reason'),
                cell: (entry) => entry.reason ?? <span className="muted">—</span>,
              },
            ]}
          />
        )}
      </PagedResults>
    </section>
  );
}
