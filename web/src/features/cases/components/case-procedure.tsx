import { formatBuddhistDate, type CaseDetail } from '@oscc/contract';
import { ProcedureStepList } from '../../../components/procedure-steps.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';

/**
 * The procedure version the case started with and its steps, with the time frames that apply to this case:
 * the crisis ones when the case is a crisis. The case keeps this version whatever later versions say.
 */
export function CaseProcedure({ detail }: { detail: CaseDetail }) {
  const { language, t } = useLanguage();
  const { procedure } = detail;
  return (
    <section className="card stack" aria-labelledby="case-procedure-heading">
      <h2 id="case-procedure-heading" className="card-title">
        {t('cases.procedure.heading')}
      </h2>
      {procedure ? (
        <>
          <p>
            <strong>
              {t('cases.procedure.version', {
                name: localizedRowName(procedure, language),
                version: procedure.version,
              })}
            </strong>
          </p>
          <p className="muted">
            {t('cases.procedure.kept')}
            {detail.crisis ? ` ${t('cases.procedure.crisisApplies')}` : ''}
          </p>
          <ProcedureStepList steps={procedure.steps} crisis={detail.crisis} />
        </>
      ) : (
        <p className="muted">{t('cases.procedure.none')}</p>
      )}
    </section>
  );
}

/** Every change of the case's state, the oldest first: when, from what to what, who, and why. */
export function CaseHistory({ transitions }: { transitions: CaseDetail['transitions'] }) {
  const { language, t } = useLanguage();
  return (
    <section className="card stack" aria-labelledby="case-history-heading">
      <h2 id="case-history-heading" className="card-title">
        {t('cases.history.heading')}
      </h2>
      {transitions.length === 0 ? (
        <p className="muted">{t('cases.history.empty')}</p>
      ) : (
        <ol className="plain-list case-history">
          {transitions.map((transition, index) => (
            <li key={`${transition.at}-${index}`} className="case-history-item">
              <p className="case-history-change">
                {transition.from ? (
                  <>
                    {t(`cases.status.${transition.from}`)} <span aria-hidden="true">→</span>{' '}
                  </>
                ) : (
                  <>
                    {t('cases.history.start')} <span aria-hidden="true">→</span>{' '}
                  </>
                )}
                <strong>{t(`cases.status.${transition.to}`)}</strong>
              </p>
              <p className="muted">
                <time dateTime={transition.at}>{formatBuddhistDate(transition.at, language, 'dateTime')}</time> ·{' '}
                {transition.actor
                  ? t('cases.history.by', { name: transition.actor.displayName })
                  : t('cases.history.by', { name: t('cases.history.system') })}
              </p>
              {transition.reason ? <p>{t('cases.history.reason', { reason: transition.reason })}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
