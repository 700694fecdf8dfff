import { AUDIT_ENTITY_TYPES } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isDateRangeValid, type AuditFilters } from '../utils/audit-filters.ts';
import { actionLabel, entityTypeLabel, KNOWN_AUDIT_ACTIONS } from '../utils/audit-labels.ts';

interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

/** The viewer's filters; applied together on "show", so a half-typed e-mail does not start a search. */
export function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [draft, setDraft] = useState(filters);
  const [showDateProblem, setShowDateProblem] = useState(false);
  const dateProblem = showDateProblem && !isDateRangeValid(draft.from, draft.to) ? t('audit.dateOrder') : null;
  const set = (field: keyof Omit<AuditFilters, 'offset'>) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  // An action the dictionary does not name (from a link, say) stays choosable under its code.
  const actions =
    draft.action && !KNOWN_AUDIT_ACTIONS.includes(draft.action)
      ? [...KNOWN_AUDIT_ACTIONS, draft.action]
      : KNOWN_AUDIT_ACTIONS;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isDateRangeValid(draft.from, draft.to)) {
      setShowDateProblem(true);
      return;
    }
    onApply({ ...draft, offset: 0 });
  }

  function clear() {
    const empty = { entityType: '', entityId: '', action: '', from: '', to: '', actor: '', offset: 0 };
    setDraft(empty);
    setShowDateProblem(false);
    onApply(empty);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-type`}>{t('audit.entityTypeFilter')}</label>
          <select
            id={`${ids}-type`}
            value={draft.entityType}
            onChange={(event) => setDraft((current) => ({ ...current, entityType: event.target.value, entityId: '' }))}
          >
            <option value="">{t('audit.all')}</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {entityTypeLabel(type, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-action`}>{t('audit.actionFilter')}</label>
          <select id={`${ids}-action`} value={draft.action} onChange={(event) => set('action')(event.target.value)}>
            <option value="">{t('audit.all')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action, language) ?? action}
              </option>
            ))}
          </select>
        </div>
        <Field id={`${ids}-from`} label={t('audit.from')} hint={t('audit.dateHint')}>
          {({ describedBy }) => (
            <input
              id={`${ids}-from`}
              type="date"
              value={draft.from}
              aria-describedby={describedBy}
              onChange={(event) => set('from')(event.target.value)}
            />
          )}
        </Field>
        <Field id={`${ids}-to`} label={t('audit.to')} hint={t('audit.dateHint')} error={dateProblem}>
          {({ describedBy, isInvalid }) => (
            <input
              id={`${ids}-to`}
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              aria-describedby={describedBy}
              aria-invalid={isInvalid || undefined}
              onChange={(event) => set('to')(event.target.value)}
            />
          )}
        </Field>
        <Field id={`${ids}-actor`} label={t('audit.actorFilter')} hint={t('audit.actorHint')} className="field-grow">
          {({ describedBy }) => (
            <input
              id={`${ids}-actor`}
              type="text"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              maxLength={254}
              value={draft.actor}
              aria-describedby={describedBy}
              onChange={(event) => set('actor')(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('audit.apply')}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
