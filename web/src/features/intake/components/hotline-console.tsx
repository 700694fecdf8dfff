import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import type { PickedPlace } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useRecordContact } from '../api/intake.ts';
import {
  callerLookupNumber,
  CONSOLE_CHANNELS,
  emptyIntakeForm,
  intakeProblems,
  OUTCOME_SHORTCUTS,
  outcomeForKey,
  toRecordContactRequest,
  type IntakeFormValues,
} from '../utils/intake-form.ts';
import { CallerHistory } from './caller-history.tsx';
import { CaseFields } from './case-fields.tsx';
import { IntakeConfirmation, type SavedContact } from './intake-confirmation.tsx';

const LOOKUP_DELAY_MS = 400;
const NO_PLACE: PickedPlace = { province: null, district: null, subdistrict: null };

/**
 * The hotline console, built for the keyboard: the caller's number first (and their history as it is typed), the
 * outcome by a number key, a summary, Ctrl+Enter to save. Quick outcomes are saved in one step; "case" opens the
 * case fields. After a save the form is empty again and the number field has focus, ready for the next call.
 */
export function HotlineConsole() {
  const { language, t } = useLanguage();
  const ids = useId();
  const record = useRecordContact();
  const [values, setValues] = useState<IntakeFormValues>(emptyIntakeForm);
  const [picked, setPicked] = useState<PickedPlace>(NO_PLACE);
  const [hasTried, setHasTried] = useState(false);
  const [saved, setSaved] = useState<SavedContact | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  const typedLookup = callerLookupNumber(values.callerPhone);
  const settledLookup = useDebouncedValue(typedLookup, LOOKUP_DELAY_MS);
  // Once the field is cleared (the next call), the last caller's history goes at once, not after the delay.
  const lookup = typedLookup === null ? null : settledLookup;

  // After the shell has moved focus to the page heading (it does so on every navigation), the number field takes it.
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => phoneRef.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const set = <Name extends keyof IntakeFormValues>(name: Name, value: IntakeFormValues[Name]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const problems = hasTried ? intakeProblems(values, language) : {};
  const errors = { ...fieldErrors(record.error, language), ...problems };
  const isCase = values.outcome === 'case';

  const chooseOutcome = (outcome: IntakeFormValues['outcome']) => {
    set('outcome', outcome);
    setSaved(null);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (record.isPending) return;
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
    record.mutate(toRecordContactRequest(values), {
      onSuccess: (recorded) => {
        setSaved({ recorded, outcome, placeNames });
        // The next contact comes in the same way: a counter stays a counter.
        setValues(emptyIntakeForm(values.channel));
        setPicked(NO_PLACE);
        setHasTried(false);
        record.reset();
        window.requestAnimationFrame(() => phoneRef.current?.focus());
      },
      // Everything typed stays; focus goes to the first field the server found wrong.
      onError: () => {
        if (formRef.current) focusFirstProblem(formRef.current);
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
      return;
    }
    const target = event.target as HTMLElement;
    const outcome = outcomeForKey(event.key, event, {
      tagName: target.tagName,
      type: (target as HTMLInputElement).type,
      isContentEditable: target.isContentEditable,
    });
    if (!outcome) return;
    event.preventDefault();
    chooseOutcome(outcome);
    // The summary comes next in every call; the case fields follow it.
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const focusOutcomes = () => {
    const group = formRef.current?.querySelector<HTMLInputElement>(
      `input[name="${ids}-outcome"]:checked, input[name="${ids}-outcome"]`,
    );
    group?.focus();
  };

  return (
    <div className="stack-lg hotline-console">
      {saved ? <IntakeConfirmation saved={saved} /> : null}
      <form
        ref={formRef}
        className="stack-lg"
        noValidate
        aria-label={t('intake.formLabel')}
        onSubmit={submit}
        onKeyDown={onKeyDown}
      >
        <div className="card stack">
          <fieldset className="intake-channels">
            <legend>{t('intake.channelLegend')}</legend>
            {CONSOLE_CHANNELS.map((channel) => (
              <label key={channel} className="choice">
                <input
                  type="radio"
                  name={`${ids}-channel`}
                  value={channel}
                  checked={values.channel === channel}
                  onChange={() => set('channel', channel)}
                />
                {t(`intake.channels.${channel}`)}
              </label>
            ))}
          </fieldset>
          <Field
            id={`${ids}-phone`}
            label={t('intake.callerPhone')}
            hint={t('intake.callerPhoneHint')}
            error={errors.callerPhone}
          >
            {({ describedBy, isInvalid }) => (
              <input
                ref={phoneRef}
                id={`${ids}-phone`}
                className="intake-phone"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                value={values.callerPhone}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => {
                  set('callerPhone', event.target.value);
                  if (event.target.value !== '') setSaved(null);
                }}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
                  event.preventDefault();
                  focusOutcomes();
                }}
              />
            )}
          </Field>
          <CallerHistory phone={lookup} />
        </div>

        <fieldset
          className="card fieldset-card"
          aria-describedby={errors.outcome ? `${ids}-outcome-error` : `${ids}-outcome-hint`}
          data-problem={errors.outcome ? true : undefined}
          tabIndex={errors.outcome ? -1 : undefined}
        >
          <legend className="card-title">{t('intake.outcomeLegend')}</legend>
          <p id={`${ids}-outcome-hint`} className="field-hint">
            {t('intake.outcomeHint')}
          </p>
          {errors.outcome ? (
            <p id={`${ids}-outcome-error`} className="field-error">
              {errors.outcome}
            </p>
          ) : null}
          <div className="outcome-grid">
            {OUTCOME_SHORTCUTS.map(({ key, outcome }) => (
              <label key={outcome} className={`outcome-choice${outcome === 'case' ? ' outcome-case' : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-outcome`}
                  value={outcome}
                  checked={values.outcome === outcome}
                  aria-keyshortcuts={key}
                  onChange={() => chooseOutcome(outcome)}
                />
                <kbd aria-hidden="true" title={t('intake.shortcut', { key })}>
                  {key}
                </kbd>
                <span>{t(`intake.outcome.${outcome}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="card">
          <Field
            id={`${ids}-summary`}
            label={t('intake.summary')}
            hint={t('intake.summaryHint')}
            error={errors.summary}
          >
            {({ describedBy, isInvalid }) => (
              <textarea
                ref={summaryRef}
                id={`${ids}-summary`}
                rows={2}
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
            <h2 id={`${ids}-case-heading`}>{t('intake.caseHeading')}</h2>
            <CaseFields values={values} set={set} onPlacePicked={setPicked} errors={errors} />
          </section>
        ) : null}

        {Object.keys(problems).length > 0 ? (
          <div className="alert alert-error" role="alert">
            <p>{t('intake.fixProblems')}</p>
          </div>
        ) : null}
        {record.error ? <ErrorMessage error={record.error} /> : null}

        <div className="button-row intake-actions">
          <button type="submit" className="button button-primary intake-save" disabled={record.isPending}>
            {record.isPending ? t('intake.saving') : isCase ? t('intake.saveCase') : t('intake.saveAndClose')}
          </button>
          <span className="field-hint">{t('intake.saveHint')}</span>
        </div>
      </form>
    </div>
  );
}
