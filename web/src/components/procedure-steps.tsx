import type { ProcedureStep } from '@oscc/contract';
import { useLanguage } from '../i18n/index.ts';
import { localizedRowName } from '../lib/format.ts';
import { durationText } from '../lib/procedure-steps.ts';

/**
 * Time frames in words: "24 ชั่วโมง", "7 วันทำการ", and with `crisis: 'both'` the crisis one beside the normal
 * one ("3 วัน (วิกฤต 24 ชั่วโมง)"); with `crisis: true` (a crisis case) only the time frame that applies.
 */
export function useTimeFrame(): (step: ProcedureStep, crisis: boolean | 'both') => string {
  const { t } = useLanguage();
  const text = (minutes: number, clock: ProcedureStep['clock']) => {
    const { key, count } = durationText(minutes, clock);
    return t(key, { count });
  };
  return (step, crisis) => {
    const normal = text(step.durationMinutes, step.clock);
    if (step.crisisDurationMinutes === null || crisis === false) return normal;
    const crisisText = text(step.crisisDurationMinutes, step.clock);
    return crisis === 'both'
      ? t('procedures.duration.withCrisis', { normal, crisis: crisisText })
      : t('procedures.duration.crisisOnly', { crisis: crisisText });
  };
}

/**
 * A procedure's steps in order: the name, who answers for it, its time frame, what completes it, and whether a
 * supervisor must approve. Shared by the procedures page and the case page.
 */
export function ProcedureStepList({
  steps,
  crisis,
  headingLevel = 3,
}: {
  steps: readonly ProcedureStep[];
  crisis: boolean | 'both';
  headingLevel?: 3 | 4;
}) {
  const { language, t } = useLanguage();
  const timeFrame = useTimeFrame();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ol className="procedure-steps">
      {steps.map((step) => (
        <li key={step.code} className="procedure-step">
          <Heading className="procedure-step-name">{localizedRowName(step, language)}</Heading>
          <dl className="details details-compact procedure-step-details">
            <div>
              <dt>{t('procedures.responsibleLabel')}</dt>
              <dd>{t(`procedures.responsible.${step.responsible}`)}</dd>
            </div>
            <div>
              <dt>{t('procedures.timeFrameLabel')}</dt>
              <dd>{timeFrame(step, crisis)}</dd>
            </div>
            <div>
              <dt>{t('procedures.completionLabel')}</dt>
              <dd>{t(`procedures.completion.${step.completion}`)}</dd>
            </div>
          </dl>
          {step.requiresApproval ? (
            <p className="procedure-step-approval">
              <span className="badge badge-warning">{t('procedures.requiresApproval')}</span>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
