import type { RecordedContact } from '@oscc/contract';
import { useId } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import type { RecordableOutcome } from '../utils/intake-form.ts';
import { routingReasons } from '../../../lib/routing-reasons.ts';

export interface SavedContact {
  recorded: RecordedContact;
  outcome: RecordableOutcome;
  /** Names of the places chosen, by level, to name the area a unit was chosen for (the server sends codes). */
  placeNames: { province: string | null; district: string | null; subdistrict: string | null };
}

/**
 * What the last save did: for a case its number in large type (the caller writes it down) and where it went.
 * A status region, so it is announced while focus is already back on the number field for the next call.
 */
export function IntakeConfirmation({ saved }: { saved: SavedContact }) {
  const { t } = useLanguage();
  const ids = useId();
  const recordedCase = saved.recorded.case;
  if (!recordedCase)
    return (
      <div className="alert alert-success intake-confirmation" role="status">
        <p>
          <strong>{t('intake.saved.contactTitle', { outcome: t(`intake.outcome.${saved.outcome}`) })}</strong>
          {' · '}
          {t('intake.saved.nextCall')}
        </p>
      </div>
    );

  const { routing } = recordedCase;
  const reasons = routingReasons(
    routing,
    routing.areaLevel === null ? null : (saved.placeNames[routing.areaLevel] ?? null),
    t,
  );

  return (
    <section className="card intake-confirmation" role="status" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        {t('intake.saved.caseTitle')}
      </h2>
      <p className="intake-case-number-label">{t('intake.saved.caseNumber')}</p>
      <p className="intake-case-number" data-testid="case-number">
        {recordedCase.caseNumber}
      </p>
      <p className="intake-routing">
        {routing.kind === 'triage' ? (
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
      <p className="muted">{t('intake.saved.nextCall')}</p>
    </section>
  );
}
