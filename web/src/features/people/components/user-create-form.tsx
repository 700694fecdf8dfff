import type { UserDetail } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { useCreateUser } from '../api/people.ts';
import {
  EMPTY_ROLE_FORM,
  EMPTY_USER_FORM,
  missingFields,
  toRoleInput,
  toUserFields,
  type RoleFormValues,
  type UserFormValues,
} from '../utils/user-form.ts';
import { PersonFields } from './person-fields.tsx';
import { RoleFields } from './role-fields.tsx';
import { focusFirstProblem, useMissingMessages } from './form-problems.ts';

/** A new person: the server e-mails them a link to set their own password (nobody else ever knows it). */
export function UserCreateForm({ onCreated }: { onCreated: (user: UserDetail) => void }) {
  const { language, t } = useLanguage();
  const create = useCreateUser();
  const ids = useId();
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER_FORM);
  const [roleValues, setRoleValues] = useState<RoleFormValues>(EMPTY_ROLE_FORM);
  const [unitName, setUnitName] = useState<string | null>(null);
  const [supervisorName, setSupervisorName] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const missingMessages = useMissingMessages(missing);

  const serverErrors = fieldErrors(create.error, language);
  if (isApiError(create.error) && create.error.code === 'EMAIL_IN_USE') {
    serverErrors['email'] = create.error.messages[language];
  }
  const errors = { ...serverErrors, ...missingMessages };
  const hasFieldErrors = Object.keys(serverErrors).length > 0;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nowMissing = missingFields(values, roleValues);
    setMissing(nowMissing);
    if (nowMissing.length > 0) {
      focusFirstProblem(event.currentTarget);
      return;
    }
    const role = toRoleInput(roleValues, values.unitId);
    const form = event.currentTarget;
    create.mutate(
      { ...toUserFields(values), roles: role ? [role] : [] },
      { onSuccess: onCreated, onError: () => focusFirstProblem(form) },
    );
  }

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        {t('people.createHeading')}
      </h2>
      <p className="muted">{t('people.createIntro')}</p>
      {create.error && !hasFieldErrors ? <ErrorMessage error={create.error} /> : null}
      {hasFieldErrors ? (
        <div className="alert alert-error" role="alert">
          <p>{t('people.fixFields')}</p>
        </div>
      ) : null}
      <PersonFields
        idPrefix={`${ids}-person`}
        values={values}
        onChange={setValues}
        unitName={unitName}
        onUnitNameChange={setUnitName}
        supervisorName={supervisorName}
        onSupervisorNameChange={setSupervisorName}
        errors={errors}
      />
      <RoleFields idPrefix={`${ids}-role`} values={roleValues} onChange={setRoleValues} errors={errors} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('people.creating') : t('people.create')}
        </button>
      </div>
    </form>
  );
}
