import { useId } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useSocialWorkers } from '../api/intake.ts';
import { socialWorkerLabel } from '../utils/intake-form.ts';

interface HandOverFieldProps {
  /** The most specific place chosen in the form, or null before a province is chosen. */
  areaCode: string | null;
  value: string;
  onChange: (handTo: string) => void;
  error?: string;
}

/**
 * The case handed to a social worker who covers where it happened, or to nobody (the responsible unit takes it).
 * A plain select: the keyboard picks from it, and a number typed there is not an outcome shortcut.
 */
export function HandOverField({ areaCode, value, onChange, error }: HandOverFieldProps) {
  const { t } = useLanguage();
  const ids = useId();
  const workers = useSocialWorkers(areaCode);
  // The last place's list stays on screen while the next is asked for, but cannot be picked from.
  const isLoading = areaCode !== null && (workers.isPending || workers.isPlaceholderData);
  const items = areaCode === null ? [] : (workers.data ?? []);
  const hasNobody = areaCode !== null && !isLoading && workers.isSuccess && items.length === 0;
  // A choice the list no longer holds (while the list for a new place loads) is still shown, not silently lost.
  const chosen = items.find((worker) => worker.id === value);
  const isChosenListed = value === '' || chosen !== undefined;
  const label = (worker: (typeof items)[number]) =>
    socialWorkerLabel(worker, (count) => t('intake.handOver.openCases', { count }), t('intake.handOver.noUnit'));
  const hint =
    areaCode === null
      ? t('intake.handOver.choosePlace')
      : hasNobody
        ? t('intake.handOver.nobody')
        : t('intake.handOver.hint');

  return (
    <fieldset className="card fieldset-card hand-over" aria-labelledby={`${ids}-legend`}>
      <legend id={`${ids}-legend`} className="card-title">
        {t('intake.handOver.legend')}
      </legend>
      <Field id={`${ids}-select`} label={t('intake.handOver.label')} hint={hint} error={error}>
        {({ describedBy, isInvalid }) => (
          <select
            id={`${ids}-select`}
            value={value}
            disabled={areaCode === null || isLoading || (hasNobody && value === '')}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">{t('intake.handOver.none')}</option>
            {items.map((worker) => (
              <option key={worker.id} value={worker.id}>
                {label(worker)}
              </option>
            ))}
            {isChosenListed ? null : <option value={value}>{t('intake.handOver.chosenElsewhere')}</option>}
          </select>
        )}
      </Field>
      {/* A phone cuts a long option short: the one chosen is also written out in full. */}
      {chosen ? <p className="hand-over-chosen">{t('intake.handOver.chosen', { worker: label(chosen) })}</p> : null}
      {isLoading ? <Loading /> : null}
      {workers.error ? <ErrorMessage error={workers.error} /> : null}
    </fieldset>
  );
}
