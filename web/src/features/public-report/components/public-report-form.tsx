import { PUBLIC_REPORT_MAX_PHOTOS, type PublicReportReceipt } from '@oscc/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { PlaceSelects } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedProblem } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { useSubmitPublicReport } from '../api/public-report.ts';
import { newIdempotencyKey, PHOTO_MAX_MEGABYTES, photoIndexOf, reportFingerprint } from '../utils/report-photos.ts';
import {
  checkReportForm,
  EMPTY_REPORT_FORM,
  MAX_PROBLEM_KINDS,
  PROBLEM_KINDS,
  RELATIONS,
  reportFieldOf,
  toPublicReportRequest,
  type ProblemKind,
  type ReportField,
  type ReportFormValues,
} from '../utils/report-form.ts';
import { EmergencyNote } from './emergency-note.tsx';
import { PhotoPicker, type AttachedPhoto } from './photo-picker.tsx';
import { PostcodeFinder } from './postcode-finder.tsx';

/**
 * The public report: what happened, where, and (only if the person wants) who they are, with the privacy notice
 * to accept. Problems found here are shown before sending; the server's, next to the same fields.
 */
export function PublicReportForm({ onSubmitted }: { onSubmitted: (receipt: PublicReportReceipt) => void }) {
  const { language, t } = useLanguage();
  const submit = useSubmitPublicReport();
  const [form, setForm] = useState<ReportFormValues>(EMPTY_REPORT_FORM);
  const [photos, setPhotos] = useState<AttachedPhoto[]>([]);
  const [wasTried, setWasTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // One key per report: a retry of the same report keeps it; a changed report (or photo) gets a new one.
  const idempotency = useRef<{ fingerprint: string; key: string } | null>(null);
  const id = useId();

  const local = wasTried ? checkReportForm(form) : {};
  const localMessages: Record<string, string> = {
    narrative: t('publicReport.narrativeRequired'),
    place: t('publicReport.placeRequired'),
    problemTypes: t('publicReport.tooManyKinds'),
    name: t('publicReport.nameOrPhoneRequired'),
    consent: t('publicReport.consentRequired'),
  };
  const errors: Partial<Record<ReportField, string>> = {};
  if (isApiError(submit.error) && submit.error.code === 'VALIDATION_FAILED') {
    for (const problem of submit.error.fields) {
      const field = reportFieldOf(problem.path);
      if (!field || errors[field]) continue;
      if (field === 'photos') {
        errors.photos = photoProblemMessage(problem, photos, t);
        continue;
      }
      // Bilingual messages ("ไทย / English") come from our own checks; zod's bare English ones get ours.
      errors[field] = problem.message.includes(' / ')
        ? localizedProblem(problem.message, language)
        : (localMessages[field] ?? t('publicReport.invalidField'));
    }
  }
  for (const [field, problem] of Object.entries(local) as [ReportField, string][]) {
    if (problem) errors[field] = localMessages[field] ?? t('publicReport.invalidField');
  }
  const hasErrors = Object.keys(errors).length > 0;

  const change = (patch: Partial<ReportFormValues>) => setForm((current) => ({ ...current, ...patch }));
  const errorId = (field: ReportField) => (errors[field] ? `${id}-${field}-error` : undefined);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setWasTried(true);
    const problems = checkReportForm(form);
    if (Object.keys(problems).length > 0) {
      if (formRef.current) focusFirstProblem(formRef.current);
      return;
    }
    const request = toPublicReportRequest(form);
    const files = photos.map((photo) => photo.file);
    const fingerprint = reportFingerprint(request, files);
    if (idempotency.current?.fingerprint !== fingerprint) {
      idempotency.current = { fingerprint, key: newIdempotencyKey() };
    }
    submit.mutate(
      { request, photos: files, idempotencyKey: idempotency.current.key },
      {
        onSuccess: onSubmitted,
        onError: () => {
          if (formRef.current) focusFirstProblem(formRef.current);
        },
      },
    );
  }

  const chosen = new Set(form.problemTypes);
  const isRateLimited = isApiError(submit.error) && submit.error.status === 429;
  const isTooLarge = isApiError(submit.error) && submit.error.status === 413;
  if (isTooLarge) errors.photos = t('publicReport.photosTooLargeTotal');
  const isValidation = isApiError(submit.error) && submit.error.code === 'VALIDATION_FAILED';

  return (
    <div className="stack-lg">
      <EmergencyNote />
      <form ref={formRef} className="stack-lg public-report-form" onSubmit={handleSubmit} noValidate>
        {hasErrors || isValidation ? (
          <div className="alert alert-error" role="alert">
            <p>{t('publicReport.fixProblems')}</p>
          </div>
        ) : isRateLimited ? (
          <div className="alert alert-error" role="alert">
            <p>{t('publicReport.tooManyReports')}</p>
          </div>
        ) : isTooLarge ? (
          <div className="alert alert-error" role="alert">
            <p>{t('publicReport.photosTooLargeTotal')}</p>
          </div>
        ) : submit.error ? (
          <ErrorMessage error={submit.error} />
        ) : null}

        <fieldset className="report-section stack">
          <legend>{t('publicReport.whatHappened')}</legend>
          <Field
            id={`${id}-narrative`}
            label={t('publicReport.narrative')}
            hint={t('publicReport.narrativeHint')}
            error={errors.narrative}
          >
            {({ describedBy, isInvalid }) => (
              <textarea
                id={`${id}-narrative`}
                rows={6}
                maxLength={5000}
                value={form.narrative}
                aria-required="true"
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => change({ narrative: event.target.value })}
              />
            )}
          </Field>

          <fieldset
            className="report-group"
            aria-describedby={[`${id}-kinds-hint`, errorId('problemTypes')].filter(Boolean).join(' ')}
            data-problem={errors.problemTypes ? true : undefined}
          >
            <legend className="field-label">{t('publicReport.problemKinds')}</legend>
            <p id={`${id}-kinds-hint`} className="field-hint">
              {t('publicReport.problemKindsHint')}
            </p>
            <ul className="choice-list">
              {PROBLEM_KINDS.map((kind: ProblemKind) => {
                const isChosen = chosen.has(kind);
                return (
                  <li key={kind}>
                    <label className="choice choice-box">
                      <input
                        type="checkbox"
                        checked={isChosen}
                        disabled={!isChosen && chosen.size >= MAX_PROBLEM_KINDS}
                        onChange={(event) =>
                          change({
                            problemTypes: event.target.checked
                              ? [...form.problemTypes, kind]
                              : form.problemTypes.filter((item) => item !== kind),
                          })
                        }
                      />
                      <span>{t(`publicReport.kind.${kind}`)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {errors.problemTypes ? (
              <p id={errorId('problemTypes')} className="field-error">
                {errors.problemTypes}
              </p>
            ) : null}
          </fieldset>

          <div className="crisis-choice">
            <label className="choice choice-box choice-crisis">
              <input
                type="checkbox"
                checked={form.crisis}
                aria-describedby={`${id}-crisis-hint`}
                onChange={(event) => change({ crisis: event.target.checked })}
              />
              <span>{t('publicReport.crisis')}</span>
            </label>
            <p id={`${id}-crisis-hint`} className="field-hint">
              {t('publicReport.crisisHint')}
            </p>
          </div>
        </fieldset>

        <fieldset className="report-section stack" aria-describedby={`${id}-where-hint`}>
          <legend>{t('publicReport.where')}</legend>
          <p id={`${id}-where-hint`} className="field-hint">
            {t('publicReport.whereHint')}
          </p>
          <PostcodeFinder idPrefix={`${id}-postcode`} value={form.place} onChoose={(place) => change({ place })} />
          <PlaceSelects
            idPrefix={`${id}-place`}
            value={form.place}
            onChange={(place) => change({ place })}
            emptyLabels={{
              province: t('publicReport.chooseProvince'),
              district: t('publicReport.chooseDistrict'),
              subdistrict: t('publicReport.chooseSubdistrict'),
            }}
            errors={{ province: errors.place }}
            showPostcodes
          />
          <Field id={`${id}-address`} label={t('publicReport.address')} error={errors.address}>
            {({ describedBy, isInvalid }) => (
              <input
                id={`${id}-address`}
                type="text"
                maxLength={500}
                autoComplete="off"
                value={form.address}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => change({ address: event.target.value })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="report-section stack">
          <legend>{t('publicReport.photos')}</legend>
          <PhotoPicker
            idPrefix={`${id}-photos`}
            photos={photos}
            onChange={(next) => {
              setPhotos(next);
              // A problem the server had with the photos is gone once they change.
              if (isApiError(submit.error) && (submit.error.status === 413 || errors.photos)) submit.reset();
            }}
            error={errors.photos}
          />
        </fieldset>

        <fieldset className="report-section stack">
          <legend>{t('publicReport.aboutYou')}</legend>
          <Field id={`${id}-relation`} label={t('publicReport.relation')}>
            {() => (
              <select
                id={`${id}-relation`}
                value={form.relation}
                onChange={(event) => change({ relation: event.target.value as ReportFormValues['relation'] })}
              >
                {RELATIONS.map((relation) => (
                  <option key={relation} value={relation}>
                    {t(`publicReport.relationOption.${relation}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="report-group">
            <legend className="field-label">{t('publicReport.contactChoice')}</legend>
            <div className="choice-list">
              <label className="choice choice-box">
                <input
                  type="radio"
                  name={`${id}-anonymous`}
                  checked={form.anonymous}
                  onChange={() => change({ anonymous: true })}
                />
                <span>{t('publicReport.anonymousYes')}</span>
              </label>
              <label className="choice choice-box">
                <input
                  type="radio"
                  name={`${id}-anonymous`}
                  checked={!form.anonymous}
                  onChange={() => change({ anonymous: false })}
                />
                <span>{t('publicReport.anonymousNo')}</span>
              </label>
            </div>
          </fieldset>
          {form.anonymous ? null : (
            <div className="stack">
              <Field id={`${id}-name`} label={t('publicReport.name')} error={errors.name}>
                {({ describedBy, isInvalid }) => (
                  <input
                    id={`${id}-name`}
                    type="text"
                    maxLength={200}
                    autoComplete="name"
                    value={form.name}
                    aria-invalid={isInvalid || undefined}
                    aria-describedby={describedBy}
                    onChange={(event) => change({ name: event.target.value })}
                  />
                )}
              </Field>
              <Field id={`${id}-phone`} label={t('publicReport.phone')} error={errors.phone}>
                {({ describedBy, isInvalid }) => (
                  <input
                    id={`${id}-phone`}
                    type="tel"
                    inputMode="tel"
                    maxLength={30}
                    autoComplete="tel"
                    value={form.phone}
                    aria-invalid={isInvalid || undefined}
                    aria-describedby={describedBy}
                    onChange={(event) => change({ phone: event.target.value })}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>

        <section className="privacy-notice" aria-labelledby={`${id}-privacy`}>
          <h2 id={`${id}-privacy`}>{t('publicReport.privacyTitle')}</h2>
          <ul id={`${id}-privacy-list`}>
            <li>{t('publicReport.privacyWhat')}</li>
            <li>{t('publicReport.privacyWhy')}</li>
            <li>{t('publicReport.privacyWho')}</li>
            <li>{t('publicReport.privacyPhotos')}</li>
            <li>{t('publicReport.privacyRetention')}</li>
            <li>{t('publicReport.privacyRights')}</li>
          </ul>
          <label className="choice choice-box choice-consent">
            <input
              type="checkbox"
              checked={form.consent}
              aria-required="true"
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={[`${id}-privacy-list`, errorId('consent')].filter(Boolean).join(' ')}
              onChange={(event) => change({ consent: event.target.checked })}
            />
            <span>{t('publicReport.consent')}</span>
          </label>
          {errors.consent ? (
            <p id={errorId('consent')} className="field-error">
              {errors.consent}
            </p>
          ) : null}
        </section>

        {/* The honeypot: off-screen and out of the tab order, so people never fill it; robots that fill every
            field mark themselves (the server then writes nothing). */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={`${id}-website`}>{t('publicReport.website')}</label>
          <input
            id={`${id}-website`}
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={form.website}
            onChange={(event) => change({ website: event.target.value })}
          />
        </div>

        <button type="submit" className="button button-primary button-block button-large" disabled={submit.isPending}>
          {submit.isPending ? t('publicReport.submitting') : t('publicReport.submit')}
        </button>
      </form>
    </div>
  );
}

/** The server's problem with one photo, named by the file it is about ('photos.0' → the first photo chosen). */
function photoProblemMessage(
  problem: { path: string; code: string },
  photos: readonly AttachedPhoto[],
  t: ReturnType<typeof useLanguage>['t'],
): string {
  const index = photoIndexOf(problem.path.replace(/^body\./, ''));
  const name = index !== null && index >= 0 ? (photos[index]?.file.name ?? '') : '';
  if (problem.code === 'unsupported_file_type') return t('publicReport.photoWrongType', { name });
  if (problem.code === 'too_big' || problem.code === 'file_too_large')
    return t('publicReport.photoTooLarge', { name, size: PHOTO_MAX_MEGABYTES });
  if (problem.code === 'too_many' || problem.code === 'too_many_files')
    return t('publicReport.photoTooMany', { name, count: PUBLIC_REPORT_MAX_PHOTOS });
  return t('publicReport.photoInvalid');
}
