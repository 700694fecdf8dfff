import { SERVICE_TYPE_NAMES, SERVICE_TYPES, type CaseWork, type ServiceType } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { localizedName, localizedRowName } from '../../../lib/format.ts';
import { useAddService } from '../api/casework.ts';
import { bangkokToday, dayText, SHORT_TEXT_MAX_LENGTH, TITLE_MAX_LENGTH } from '../utils/casework.ts';
import { SavedNote, WhenText, WorkError, FormOpener } from './casework-parts.tsx';

/** The services the person was given — what, by whom, when — and recording one. */
export function CaseServices({ work }: { work: CaseWork }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const services = [...work.services].reverse();
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.services.heading')} ({work.services.length})
      </h2>
      <SavedNote message={message} />
      {services.length === 0 ? (
        <p className="muted">{t('casework.services.none')}</p>
      ) : (
        <ol className="plain-list work-list">
          {services.map((service) => (
            <li key={service.id} className="work-item" data-testid="case-service">
              <p className="work-item-title">
                <strong>{localizedName(SERVICE_TYPE_NAMES[service.serviceType], language)}</strong>
              </p>
              <p>
                {service.provider ? localizedRowName(service.provider, language) : service.providerName} ·{' '}
                {t('casework.services.providedOnValue', { date: dayText(service.providedOn, language) })}
              </p>
              {service.note ? <p className="case-narrative">{service.note}</p> : null}
              <p className="muted work-item-meta">
                <WhenText at={service.recordedAt} />
                {service.recordedBy ? ` · ${t('casework.by', { name: service.recordedBy.displayName })}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
      {work.can.work ? (
        <FormOpener
          openLabel={t('casework.services.open')}
          onOpen={() => setMessage(null)}
          renderForm={(close) => (
            <ServiceForm
              work={work}
              onClose={close}
              onSaved={(text) => {
                setMessage(text);
                close();
              }}
            />
          )}
        />
      ) : null}
    </section>
  );
}

function ServiceForm({
  work,
  onClose,
  onSaved,
}: {
  work: CaseWork;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const add = useAddService(work.caseId);
  const [serviceType, setServiceType] = useState<ServiceType | ''>('');
  const [providerKind, setProviderKind] = useState<'team' | 'other'>('team');
  const [unitId, setUnitId] = useState(work.teamUnits.find((unit) => unit.lead)?.id ?? '');
  const [providerName, setProviderName] = useState('');
  const [providedOn, setProvidedOn] = useState(() => bangkokToday(new Date()));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ type?: boolean; provider?: boolean; date?: boolean }>({});
  const server = fieldErrors(add.error, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = {
      type: !serviceType,
      provider: providerKind === 'team' ? !unitId : !providerName.trim(),
      date: !/^\d{4}-\d{2}-\d{2}$/.test(providedOn),
    };
    setProblems(missing);
    const first = missing.type ? 'type' : missing.provider ? 'provider' : missing.date ? 'date' : null;
    if (first) {
      document.getElementById(`${ids}-${first}`)?.focus();
      return;
    }
    if (!serviceType) return;
    add.mutate(
      {
        serviceType,
        ...(providerKind === 'team' ? { providerUnitId: unitId } : { providerName: providerName.trim() }),
        providedOn,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () =>
          onSaved(t('casework.services.saved', { service: localizedName(SERVICE_TYPE_NAMES[serviceType], language) })),
      },
    );
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>{t('casework.services.formHeading')}</h3>
      <Field
        id={`${ids}-type`}
        label={t('casework.services.type')}
        error={problems.type ? t('casework.services.typeMissing') : (server.serviceType ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <select
            id={`${ids}-type`}
            value={serviceType}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setServiceType(event.target.value as ServiceType | '');
              setProblems((current) => ({ ...current, type: false }));
            }}
          >
            <option value="">{t('casework.services.chooseType')}</option>
            {SERVICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {localizedName(SERVICE_TYPE_NAMES[type], language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('casework.services.provider')}</legend>
        <div className="choice-list">
          {(['team', 'other'] as const).map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`${ids}-provider-kind`}
                value={option}
                checked={providerKind === option}
                onChange={() => {
                  setProviderKind(option);
                  setProblems((current) => ({ ...current, provider: false }));
                }}
              />
              <span>{t(option === 'team' ? 'casework.services.providerTeam' : 'casework.services.providerOther')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {providerKind === 'team' ? (
        <Field
          id={`${ids}-provider`}
          label={t('casework.services.providerUnit')}
          error={problems.provider ? t('casework.services.providerMissing') : (server.providerUnitId ?? null)}
        >
          {({ describedBy, isInvalid }) => (
            <select
              id={`${ids}-provider`}
              value={unitId}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setUnitId(event.target.value)}
            >
              <option value="">{t('casework.services.chooseUnit')}</option>
              {work.teamUnits.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {localizedRowName(unit, language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field
          id={`${ids}-provider`}
          label={t('casework.services.providerName')}
          error={problems.provider ? t('casework.services.providerMissing') : (server.providerName ?? null)}
        >
          {({ describedBy, isInvalid }) => (
            <input
              id={`${ids}-provider`}
              type="text"
              maxLength={TITLE_MAX_LENGTH}
              value={providerName}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setProviderName(event.target.value)}
            />
          )}
        </Field>
      )}
      <Field
        id={`${ids}-date`}
        label={t('casework.services.providedOn')}
        error={problems.date ? t('casework.required') : (server.providedOn ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-date`}
            type="date"
            value={providedOn}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setProvidedOn(event.target.value)}
          />
        )}
      </Field>
      <Field id={`${ids}-note`} label={t('casework.services.note')} hint={t('casework.services.noteHint')}>
        {({ describedBy }) => (
          <textarea
            id={`${ids}-note`}
            rows={2}
            maxLength={SHORT_TEXT_MAX_LENGTH}
            value={note}
            aria-describedby={describedBy}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      {add.error ? <WorkError error={add.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('casework.saving') : t('casework.services.submit')}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={add.isPending}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
