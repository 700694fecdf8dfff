import { ACTIONS, type Action, type RoleInfo } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useUpdateRoleRules } from '../api/roles.ts';
import {
  choicesFromRules,
  conditionsFor,
  conditionsOfChoice,
  RULE_CHOICES,
  ruleChanges,
  rulesFromChoices,
  type RuleChoice,
  type RuleChoices,
} from '../utils/rule-choices.ts';
import { useRuleTexts } from './condition-words.ts';

interface RuleEditorProps {
  role: RoleInfo;
  onSaved: (role: RoleInfo) => void;
  onCancel: () => void;
}

/**
 * One role's rules, an action at a time, from the usual condition sets; then a confirmation that lists what changes
 * and says when it takes effect (at everyone's next request — rules are read per request).
 */
export function RuleEditor({ role, onSaved, onCancel }: RuleEditorProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const texts = useRuleTexts();
  const update = useUpdateRoleRules();
  const initialChoices = choicesFromRules(role.rules);
  const [choices, setChoices] = useState<RuleChoices>(initialChoices);
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [isUnchanged, setIsUnchanged] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const roleName = localizedRowName(role, language);
  const next = rulesFromChoices(role.rules, choices);
  const changes = ruleChanges(role.rules, next);
  const isLockout = isApiError(update.error) && update.error.fields.some((field) => field.code === 'lockout');

  // Each step starts at its heading, so keyboard and screen-reader users land on what changed.
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  function choose(action: Action, choice: RuleChoice) {
    setChoices((current) => ({ ...current, [action]: choice }));
    setIsUnchanged(false);
  }

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changes.length === 0) {
      setIsUnchanged(true);
      return;
    }
    update.reset();
    setStep('confirm');
  }

  function save() {
    update.mutate({ code: role.code, rules: next }, { onSuccess: onSaved });
  }

  function optionLabel(action: Action, choice: RuleChoice): string {
    if (choice === 'none') return t('roles.notAllowed');
    if (choice === 'custom')
      return t('roles.keepCustom', { conditions: texts.describe(conditionsFor(role.rules, action)) });
    return texts.describe(conditionsOfChoice(choice));
  }

  if (step === 'confirm') {
    return (
      <section className="card stack" aria-labelledby={`${ids}-confirm`}>
        <h2 id={`${ids}-confirm`} ref={headingRef} tabIndex={-1} className="card-title">
          {t('roles.confirmHeading', { role: roleName })}
        </h2>
        <div className="table-scroll">
          <table className="table rule-changes">
            <caption className="rule-changes-caption">{t('roles.confirmChanges')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roles.columnAction')}</th>
                <th scope="col">{t('roles.changeFrom')}</th>
                <th scope="col">{t('roles.changeTo')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.action}>
                  <th scope="row">{texts.actionLabel(change.action)}</th>
                  <td data-label={t('roles.changeFrom')}>{texts.describe(change.before)}</td>
                  <td data-label={t('roles.changeTo')}>
                    <strong>{texts.describe(change.after)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="alert alert-warning">
          <p>{t('roles.confirmEffect')}</p>
        </div>
        {isLockout ? (
          <div className="alert alert-error" role="alert">
            <p>{t('roles.lockout')}</p>
          </div>
        ) : update.error ? (
          <ErrorMessage error={update.error} />
        ) : null}
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={save} disabled={update.isPending}>
            {update.isPending ? t('roles.saving') : t('roles.confirm')}
          </button>
          <button type="button" className="button" onClick={() => setStep('edit')} disabled={update.isPending}>
            {t('roles.back')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form className="card stack" onSubmit={review} noValidate aria-labelledby={`${ids}-edit`}>
      <h2 id={`${ids}-edit`} ref={headingRef} tabIndex={-1} className="card-title">
        {t('roles.editHeading', { role: roleName })}
      </h2>
      <p className="muted">{t('roles.editIntro')}</p>
      <div className="form-grid">
        {ACTIONS.map((action) => {
          const id = `${ids}-${action}`;
          const offered: readonly RuleChoice[] =
            initialChoices[action] === 'custom' ? [...RULE_CHOICES, 'custom'] : RULE_CHOICES;
          const change = changes.find((candidate) => candidate.action === action);
          return (
            <div className={change ? 'field field-changed' : 'field'} key={action}>
              <label htmlFor={id}>{texts.actionLabel(action)}</label>
              <select
                id={id}
                value={choices[action]}
                onChange={(event) => choose(action, event.target.value as RuleChoice)}
                aria-describedby={change ? `${id}-was` : undefined}
              >
                {offered.map((choice) => (
                  <option key={choice} value={choice}>
                    {optionLabel(action, choice)}
                  </option>
                ))}
              </select>
              {change ? (
                <p id={`${id}-was`} className="field-hint">
                  {t('roles.was', { conditions: texts.describe(change.before) })}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <p role="status" className="muted">
        {isUnchanged ? t('roles.noChanges') : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('roles.review')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('roles.cancel')}
        </button>
      </div>
    </form>
  );
}
