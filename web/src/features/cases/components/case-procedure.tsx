import { formatBuddhistDate, type CaseDetail, type CaseStepProgress, type CaseWork } from '@oscc/contract';
import { useState } from 'react';
import { ProcedureStepList, useTimeFrame } from '../../../components/procedure-steps.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { useCompleteStep } from '../api/casework.ts';
import { SavedNote, TimeLeft, useRecordedText, WhenText, WorkError } from './casework-parts.tsx';
import { ReasonForm } from './reason-form.tsx';

const STEP_BADGE: Record<CaseStepProgress['status'], string> = {
  pending: 'badge badge-muted',
  open: 'badge badge-warning',
  done: 'badge badge-ok',
};

/**
 * The procedure version the case started with and its steps, with the time frames that apply to this case:
 * the crisis ones when the case is a crisis. The case keeps this version whatever later versions say. Once the
 * case's work is loaded, each step shows where it stands on this case: running with its deadline, or done by whom.
 */
export function CaseProcedure({ detail, work }: { detail: CaseDetail; work?: CaseWork }) {
  const { language, t } = useLanguage();
  const { procedure } = detail;
  const [message, setMessage] = useState<string | null>(null);
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
          <SavedNote message={message} />
          {work && work.steps.length > 0 ? (
            <CaseStepList detail={detail} work={work} onDone={setMessage} />
          ) : (
            <ProcedureStepList steps={procedure.steps} crisis={detail.crisis} />
          )}
        </>
      ) : (
        <p className="muted">{t('cases.procedure.none')}</p>
      )}
    </section>
  );
}

/** The steps as they run on this case: status, time frame, deadline and time left, or when and by whom done. */
function CaseStepList({
  detail,
  work,
  onDone,
}: {
  detail: CaseDetail;
  work: CaseWork;
  onDone: (message: string) => void;
}) {
  const { language, t } = useLanguage();
  const timeFrame = useTimeFrame();
  const now = new Date();
  const [completing, setCompleting] = useState<number | null>(null);
  const complete = useCompleteStep(detail.id);
  return (
    <ol className="procedure-steps case-steps">
      {work.steps.map((step) => {
        const definition = detail.procedure?.steps.find((candidate) => candidate.code === step.code);
        const name = localizedRowName(step, language);
        const canComplete = work.can.work && step.status === 'open' && step.completion === 'task_done';
        return (
          <li
            key={step.position}
            className={`procedure-step case-step case-step-${step.status}`}
            data-testid={`case-step-${step.code}`}
          >
            <h3 className="procedure-step-name">
              {name}{' '}
              <span className="badge-row case-step-badges">
                <span className={STEP_BADGE[step.status]}>{t(`casework.steps.status.${step.status}`)}</span>
                {step.late ? <span className="badge badge-danger">{t('casework.steps.late')}</span> : null}
              </span>
            </h3>
            <dl className="details details-compact procedure-step-details">
              <div>
                <dt>{t('procedures.responsibleLabel')}</dt>
                <dd>{t(`procedures.responsible.${step.responsible}`)}</dd>
              </div>
              {definition ? (
                <div>
                  <dt>{t('procedures.timeFrameLabel')}</dt>
                  <dd>{timeFrame(definition, detail.crisis)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('procedures.completionLabel')}</dt>
                <dd>{t(`procedures.completion.${step.completion}`)}</dd>
              </div>
              {step.status === 'done' && step.doneAt ? (
                <div>
                  <dt>{t('casework.steps.doneAt')}</dt>
                  <dd>
                    <WhenText at={step.doneAt} />
                    {step.doneBy ? ` · ${t('casework.by', { name: step.doneBy.displayName })}` : ''}
                  </dd>
                </div>
              ) : null}
              {step.status === 'open' && step.dueAt ? (
                <div>
                  <dt>{t('casework.steps.dueAt')}</dt>
                  <dd className="referral-due">
                    <WhenText at={step.dueAt} /> <TimeLeft minutesLeft={minutesUntil(step.dueAt, now)} />
                  </dd>
                </div>
              ) : null}
            </dl>
            {step.status === 'pending' ? (
              <p className="muted case-step-waiting">{t('casework.steps.waiting')}</p>
            ) : null}
            {step.requiresApproval ? (
              <p className="procedure-step-approval">
                <span className="badge badge-warning">{t('procedures.requiresApproval')}</span>
              </p>
            ) : null}
            {canComplete && completing !== step.position ? (
              <div className="button-row">
                <button type="button" className="button button-small" onClick={() => setCompleting(step.position)}>
                  {t('casework.steps.complete')}
                </button>
              </div>
            ) : null}
            {completing === step.position ? (
              <ReasonForm
                heading={t('casework.steps.completeHeading', { name })}
                reasonLabel={t('casework.steps.completeNote')}
                confirmLabel={t('casework.steps.completeConfirm')}
                isPending={complete.isPending}
                error={complete.error}
                renderError={(error) => <WorkError error={error} />}
                onConfirm={(note) =>
                  complete.mutate(
                    { position: step.position, version: work.version, note },
                    {
                      onSuccess: () => {
                        setCompleting(null);
                        onDone(t('casework.steps.completed', { name }));
                      },
                    },
                  )
                }
                onCancel={() => setCompleting(null)}
              />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Every change of the case's state, the oldest first: when, from what to what, who, and why. */
export function CaseHistory({ transitions }: { transitions: CaseDetail['transitions'] }) {
  const { language, t } = useLanguage();
  const recorded = useRecordedText();
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
              {transition.reason ? <p>{t('cases.history.reason', { reason: recorded(transition.reason) })}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
