import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';
import type { TriageNotice } from './conversation-triage.tsx';
import { routingReasons } from '../../../lib/routing-reasons.ts';

/**
 * What the last triage did, kept on the page after the conversation has left the list: for a case its number in
 * large type, where it went (a unit, or the central triage queue) and a link to it; else the outcome recorded.
 * It takes focus when it appears, so a screen reader and a phone land on it.
 */
export function TriageNoticeBox({ notice, onDismiss }: { notice: TriageNotice; onDismiss: () => void }) {
  const { t } = useLanguage();
  const ids = useId();
  const boxRef = useRef<HTMLElement>(null);

  useEffect(() => {
    boxRef.current?.focus();
  }, [notice]);

  const dismiss = (
    <button type="button" className="button button-small" onClick={onDismiss}>
      {t('intake.messages.triage.dismiss')}
    </button>
  );

  if (notice.kind === 'already')
    return (
      <section ref={boxRef} tabIndex={-1} className="alert alert-warning triage-notice" role="status">
        <p>{t('intake.messages.triage.already')}</p>
        {dismiss}
      </section>
    );

  const recordedCase = notice.recorded.case;
  const provider = t(`intake.messages.provider.${notice.provider}`);
  if (!recordedCase)
    return (
      <section ref={boxRef} tabIndex={-1} className="alert alert-success triage-notice" role="status">
        <p>
          <strong>
            {t('intake.messages.triage.doneTitle', { provider, outcome: t(`intake.outcome.${notice.outcome}`) })}
          </strong>
        </p>
        {dismiss}
      </section>
    );

  const { routing } = recordedCase;
  const reasons = routingReasons(
    routing,
    routing.areaLevel === null ? null : (notice.placeNames[routing.areaLevel] ?? null),
    t,
  );

  return (
    <section
      ref={boxRef}
      tabIndex={-1}
      className="card intake-confirmation triage-notice"
      role="status"
      aria-labelledby={`${ids}-title`}
    >
      <h2 id={`${ids}-title`} className="card-title">
        {t('intake.messages.triage.caseTitle', { provider })}
      </h2>
      <p className="intake-case-number-label">{t('intake.saved.caseNumber')}</p>
      <p className="intake-case-number" data-testid="case-number">
        {recordedCase.caseNumber}
      </p>
      <p className="intake-routing">
        {routing.kind === 'triage' || !routing.unitNameTh ? (
          <strong>{t('intake.saved.triage')}</strong>
        ) : (
          <>
            {t('intake.saved.routedTo')} <strong>{routing.unitNameTh}</strong>
          </>
        )}
      </p>
      {reasons.length > 0 ? <p className="muted">{reasons.join(' · ')}</p> : null}
      {recordedCase.assignee ? (
        <p className="intake-handed-to" data-testid="handed-to">
          {t('intake.saved.handedTo')} <strong>{recordedCase.assignee.displayName}</strong>
        </p>
      ) : null}
      <div className="button-row">
        <Link className="button button-primary" to={`/cases/${encodeURIComponent(recordedCase.id)}`}>
          {t('intake.messages.triage.openCase', { caseNumber: recordedCase.caseNumber })}
        </Link>
        {dismiss}
      </div>
    </section>
  );
}
