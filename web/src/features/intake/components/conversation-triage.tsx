import type { RecordedContact, SocialConversation } from '@oscc/contract';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import type { PickedPlace } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useTriageConversation } from '../api/social.ts';
import { emptyTriageForm, toTriageRequest, TRIAGE_OUTCOMES } from '../utils/conversation-triage.ts';
import { intakeProblems, type IntakeFormValues, type RecordableOutcome } from '../utils/intake-form.ts';
import { CaseFields } from './case-fields.tsx';

const NO_PLACE: PickedPlace = { province: null, district: null, subdistrict: null };

/** What became of a triage, for the page to show after the conversation has left the list. */
export type TriageNotice =
  | {
      kind: 'recorded';
      provider: SocialConversation['provider'];
      outcome: RecordableOutcome;
      recorded: RecordedContact;
      /** Names of the places chosen, by level, to name the area a unit was chosen for (the server sends codes). */
      placeNames: { province: string | null; district: string | null; subdistrict: string | null };
    }
  | { kind: 'already' };

/**
 * Triage of one conversation, as a call is decided on the hotline: the outcome, a summary, and for a case the
 * hotline's own case fields, the narrative started from what the person wrote. Saved, the conversation leaves
 * the list of those awaiting triage.
 */
export function ConversationTriage({
  conversation,
  onTriaged,
}: {
  conversation: SocialConversation;
  onTriaged: (notice: TriageNotice) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const triage = useTriageConversation();
  const [values, setValues] = useState<IntakeFormValues>(() => emptyTriageForm(conversation));
  const [picked, setPicked] = useState<PickedPlace>(NO_PLACE);
  const [hasTried, setHasTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <Name extends keyof IntakeFormValues>(name: Name, value: IntakeFormValues[Name]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const problems = hasTried ? intakeProblems(values, language) : {};
  const errors = { ...fieldErrors(triage.error, language), ...problems };
  const isCase = values.outcome === 'case';
  const isAlreadyTriaged = isApiError(triage.error) && triage.error.status === 409;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (triage.isPending) return;
    setHasTried(true);
    if (Object.keys(intakeProblems(values, language)).length > 0) {
      if (formRef.current) focusFirstProblem(formRef.current);
      return;
    }
    const outcome = values.outcome;
    if (!outcome) return;
    const placeNames = {
      province: picked.province ? localizedRowName(picked.province, language) : null,
      district: picked.district ? localizedRowName(picked.district, language) : null,
      subdistrict: picked.subdistrict ? localizedRowName(picked.subdistrict, language) : null,
    };
    triage.mutate(
      { conversationId: conversation.id, request: toTriageRequest(values) },
      {
        onSuccess: (recorded) =>
          onTriaged({ kind: 'recorded', provider: conversation.provider, outcome, recorded, placeNames }),
        onError: (error) => {
          // Someone triaged it first: nothing was saved twice, and the page says so once the list has caught up.
          if (isApiError(error) && error.status === 409) {
            onTriaged({ kind: 'already' });
            return;
          }
          // Everything typed stays; focus goes to the first field the server found wrong.
          if (formRef.current) focusFirstProblem(formRef.current);
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  };

  return (
    <section className="stack-lg conversation-triage" aria-labelledby={`${ids}-heading`}>
      <div>
        <h2 id={`${ids}-heading`}>{t('intake.messages.triage.heading')}</h2>
        <p className="muted">{t('intake.messages.triage.intro')}</p>
      </div>
      <form
        ref={formRef}
        className="stack-lg"
        noValidate
        aria-label={t('intake.messages.triage.formLabel')}
        onSubmit={submit}
        onKeyDown={onKeyDown}
      >
        <fieldset
          className="card fieldset-card"
          aria-describedby={errors.outcome ? `${ids}-outcome-error` : undefined}
          data-problem={errors.outcome ? true : undefined}
          tabIndex={errors.outcome ? -1 : undefined}
        >
          <legend className="card-title">{t('intake.messages.triage.outcomeLegend')}</legend>
          {errors.outcome ? (
            <p id={`${ids}-outcome-error`} className="field-error">
              {errors.outcome}
            </p>
          ) : null}
          <div className="outcome-grid triage-outcome-grid">
            {TRIAGE_OUTCOMES.map((outcome) => (
              <label key={outcome} className={`outcome-choice${outcome === 'case' ? ' outcome-case' : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-outcome`}
                  value={outcome}
                  checked={values.outcome === outcome}
                  onChange={() => set('outcome', outcome)}
                />
                <span>{t(`intake.outcome.${outcome}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="card">
          <Field
            id={`${ids}-summary`}
            label={t('intake.summary')}
            hint={t('intake.messages.triage.summaryHint')}
            error={errors.summary}
          >
            {({ describedBy, isInvalid }) => (
              <textarea
                id={`${ids}-summary`}
                rows={2}
                maxLength={2_000}
                value={values.summary}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('summary', event.target.value)}
              />
            )}
          </Field>
        </div>

        {isCase ? (
          <section aria-labelledby={`${ids}-case-heading`} className="stack">
            <h3 id={`${ids}-case-heading`}>{t('intake.caseHeading')}</h3>
            <p className="field-hint">{t('intake.messages.triage.narrativePrefilled')}</p>
            <CaseFields values={values} set={set} onPlacePicked={setPicked} errors={errors} />
          </section>
        ) : null}

        {Object.keys(problems).length > 0 ? (
          <div className="alert alert-error" role="alert">
            <p>{t('intake.fixProblems')}</p>
          </div>
        ) : null}
        {isAlreadyTriaged ? (
          <div className="alert alert-warning" role="alert">
            <p>{t('intake.messages.triage.already')}</p>
          </div>
        ) : triage.error ? (
          <ErrorMessage error={triage.error} />
        ) : null}

        <div className="button-row intake-actions">
          <button type="submit" className="button button-primary" disabled={triage.isPending}>
            {triage.isPending ? t('intake.saving') : isCase ? t('intake.saveCase') : t('intake.messages.triage.save')}
          </button>
          <span className="field-hint">{t('intake.saveHint')}</span>
        </div>
      </form>
    </section>
  );
}
