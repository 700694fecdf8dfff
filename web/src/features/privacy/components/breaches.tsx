import {
  BREACH_NOTICE_HOURS,
  BREACH_RISKS,
  formatBuddhistDate,
  type Breach,
  type BreachRisk,
  type NewBreach,
  type UpdateBreach,
} from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import {
  BREACH_FILTERS,
  PRIVACY_PAGE_SIZE,
  useAddBreach,
  useBreaches,
  useUpdateBreach,
  type BreachFilter,
} from '../api/privacy.ts';
import { bangkokInputValue, fromBangkokInput, isInFuture } from '../utils/privacy-dates.ts';
import { Deadline, FilterButtons, MomentPreview, SavedMessage, When, type Said } from './privacy-parts.tsx';

const RISK_BADGE: Record<BreachRisk, string> = {
  unlikely: 'privacy-badge badge badge-muted',
  risk: 'privacy-badge badge badge-warning',
  high: 'privacy-badge badge badge-danger',
};

/** The breach register (PDPA s.37(4)): the office told within 72 hours of our learning of a breach. */
export function Breaches() {
  const { language, t } = useLanguage();
  const ids = useId();
  const [filter, setFilter] = useState<BreachFilter>('open');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Breach | null>(null);
  const [message, setMessage] = useState<Said | null>(null);
  const tell = (said: Said) => setMessage(() => said);
  const breaches = useBreaches(filter, offset);
  const now = new Date();

  return (
    <div className="stack-lg">
      <SavedMessage said={message} />
      <section className="card stack" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`} className="card-title">
          {t('privacy.breaches.listHeading')}
        </h2>
        <FilterButtons
          label={t('privacy.breaches.filterLabel')}
          filters={BREACH_FILTERS}
          current={filter}
          text={(item) => t(`privacy.breaches.filter.${item}`)}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
          }}
        />
        <PagedResults
          query={breaches}
          emptyText={t('privacy.breaches.empty')}
          offset={offset}
          pageSize={PRIVACY_PAGE_SIZE}
          pagerLabel={t('privacy.breaches.pager')}
          onOffsetChange={setOffset}
        >
          {(items) => (
            <DataTable
              labelledBy={`${ids}-list`}
              rows={items}
              rowKey={(breach) => breach.id}
              rowClassName={(breach) => (breach.overdue ? 'privacy-row-overdue' : undefined)}
              isBusy={breaches.isFetching}
              columns={[
                {
                  key: 'title',
                  header: t('privacy.breaches.column.title'),
                  isRowHeader: true,
                  cell: (breach) => (
                    <>
                      <span className="code-value privacy-ref">{breach.reference}</span>
                      <span className="privacy-sub">{breach.title}</span>
                    </>
                  ),
                },
                {
                  key: 'discovered',
                  header: t('privacy.breaches.column.discovered'),
                  cell: (breach) => <When at={breach.discoveredAt} />,
                },
                {
                  key: 'notifyBy',
                  header: t('privacy.breaches.column.notifyBy', { hours: BREACH_NOTICE_HOURS }),
                  cell: (breach) =>
                    breach.officeNotifiedAt ? (
                      <>
                        <span className="privacy-badge badge badge-ok">{t('privacy.breaches.officeTold')}</span>
                        <When at={breach.officeNotifiedAt} />
                      </>
                    ) : breach.risk === 'unlikely' ? (
                      <>
                        <When at={breach.notifyBy} />
                        <span className="muted privacy-sub">{t('privacy.breaches.noNoticeNeeded')}</span>
                      </>
                    ) : (
                      <Deadline at={breach.notifyBy} isRunning={!breach.closedAt} now={now} />
                    ),
                },
                {
                  key: 'risk',
                  header: t('privacy.breaches.column.risk'),
                  cell: (breach) => (
                    <span className={RISK_BADGE[breach.risk]}>{t(`privacy.breaches.risk.${breach.risk}`)}</span>
                  ),
                },
                {
                  key: 'affected',
                  header: t('privacy.breaches.column.affected'),
                  cell: (breach) =>
                    breach.affectedCount === null
                      ? t('privacy.breaches.unknown')
                      : breach.affectedCount.toLocaleString(language === 'th' ? 'th-TH' : 'en-GB'),
                },
                {
                  key: 'subjects',
                  header: t('privacy.breaches.column.subjectsTold'),
                  cell: (breach) => <When at={breach.subjectsNotifiedAt} />,
                },
                {
                  key: 'status',
                  header: t('privacy.breaches.column.status'),
                  cell: (breach) =>
                    breach.closedAt ? (
                      <>
                        <span className="privacy-badge badge badge-ok">{t('privacy.breaches.status.closed')}</span>
                        <When at={breach.closedAt} />
                      </>
                    ) : (
                      <>
                        {breach.overdue ? (
                          <strong className="privacy-badge badge badge-danger">
                            {t('privacy.breaches.status.overdue')}
                          </strong>
                        ) : (
                          <span className="privacy-badge badge badge-warning">{t('privacy.breaches.status.open')}</span>
                        )}
                        <button
                          type="button"
                          className="button button-small privacy-row-action"
                          onClick={() => {
                            setMessage(null);
                            setEditing(breach);
                          }}
                        >
                          {t('privacy.breaches.update')}
                          <span className="visually-hidden"> {breach.reference}</span>
                        </button>
                      </>
                    ),
                },
              ]}
            />
          )}
        </PagedResults>
      </section>

      {editing ? (
        <UpdateBreachForm
          key={editing.id}
          breach={editing}
          onDone={(updated) => {
            setEditing(null);
            tell((say) => say('privacy.breaches.updated', { reference: updated.reference }));
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}

      <NewBreachForm
        onAdded={(added) => {
          tell((say, inLanguage) =>
            say('privacy.breaches.added', {
              reference: added.reference,
              date: formatBuddhistDate(added.notifyBy, inLanguage, 'dateTime'),
              hours: BREACH_NOTICE_HOURS,
            }),
          );
          setFilter('open');
          setOffset(0);
        }}
      />
    </div>
  );
}

type BreachField = 'title' | 'description' | 'discoveredAt' | 'affectedCount' | 'risk' | 'measures';

/** "", or a whole number of people not below zero: what the affected-count field may hold. */
function parseCount(text: string): number | null | 'invalid' {
  if (!text.trim()) return null;
  if (!/^\d{1,9}$/.test(text.trim())) return 'invalid';
  return Number(text.trim());
}

function NewBreachForm({ onAdded }: { onAdded: (breach: Breach) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const form = useRef<HTMLFormElement>(null);
  const add = useAddBreach();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(() => bangkokInputValue(new Date()));
  const [affected, setAffected] = useState('');
  const [risk, setRisk] = useState<BreachRisk | ''>('');
  const [measures, setMeasures] = useState('');
  const [problems, setProblems] = useState<Partial<Record<BreachField, string>>>({});
  const serverProblems = fieldErrors(add.error, language) as Partial<Record<BreachField, string>>;
  const problem = (field: BreachField) => problems[field] ?? serverProblems[field] ?? null;
  const discoveredIso = fromBangkokInput(discoveredAt);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<BreachField, string>> = {};
    const count = parseCount(affected);
    if (title.trim().length < 3) found.title = t('privacy.breaches.invalid.title');
    if (!description.trim()) found.description = t('privacy.breaches.invalid.description');
    if (!discoveredIso) found.discoveredAt = t('privacy.form.invalidMoment');
    else if (isInFuture(discoveredIso, new Date())) found.discoveredAt = t('privacy.form.futureMoment');
    if (count === 'invalid') found.affectedCount = t('privacy.breaches.invalid.affectedCount');
    if (!risk) found.risk = t('privacy.breaches.invalid.risk');
    setProblems(found);
    if (Object.keys(found).length > 0 || !risk || !discoveredIso || count === 'invalid') {
      if (form.current) focusFirstProblem(form.current);
      return;
    }
    const breach: NewBreach = {
      title: title.trim(),
      description: description.trim(),
      discoveredAt: discoveredIso,
      affectedCount: count,
      risk,
      measures: measures.trim(),
    };
    add.mutate(breach, {
      onSuccess: (added) => {
        setTitle('');
        setDescription('');
        setDiscoveredAt(bangkokInputValue(new Date()));
        setAffected('');
        setRisk('');
        setMeasures('');
        onAdded(added);
      },
      onError: () => {
        if (form.current) focusFirstProblem(form.current);
      },
    });
  }

  const riskError = problem('risk');
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('privacy.breaches.addHeading')}
      </h2>
      <p className="muted">{t('privacy.breaches.addIntro', { hours: BREACH_NOTICE_HOURS })}</p>
      <form ref={form} className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
        <div className="form-grid">
          <Field id={`${ids}-title`} label={t('privacy.breaches.field.title')} error={problem('title')}>
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-title`}
                value={title}
                maxLength={200}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setTitle(event.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${ids}-discovered`}
            label={t('privacy.breaches.field.discoveredAt')}
            hint={t('privacy.form.bangkokTime')}
            error={problem('discoveredAt')}
          >
            {({ describedBy, isInvalid }) => (
              <>
                <input
                  id={`${ids}-discovered`}
                  type="datetime-local"
                  value={discoveredAt}
                  aria-invalid={isInvalid || undefined}
                  aria-describedby={[describedBy, `${ids}-discovered-preview`].filter(Boolean).join(' ')}
                  onChange={(event) => setDiscoveredAt(event.target.value)}
                />
                <MomentPreview id={`${ids}-discovered-preview`} iso={discoveredIso} />
              </>
            )}
          </Field>
          <Field
            id={`${ids}-affected`}
            label={t('privacy.breaches.field.affectedCount')}
            hint={t('privacy.breaches.field.affectedHint')}
            error={problem('affectedCount')}
          >
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-affected`}
                inputMode="numeric"
                value={affected}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setAffected(event.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="fieldset-plain" aria-describedby={riskError ? `${ids}-risk-error` : undefined}>
          <legend className="field-label">{t('privacy.breaches.field.risk')}</legend>
          <div className="privacy-choices" data-problem={riskError ? true : undefined}>
            {BREACH_RISKS.map((value) => (
              <div key={value} className="privacy-choice">
                <label className="choice">
                  <input
                    type="radio"
                    name={`${ids}-risk`}
                    value={value}
                    checked={risk === value}
                    aria-describedby={`${ids}-risk-${value}`}
                    onChange={() => setRisk(value)}
                  />{' '}
                  {t(`privacy.breaches.risk.${value}`)}
                </label>
                <p id={`${ids}-risk-${value}`} className="field-hint privacy-choice-hint">
                  {t(`privacy.breaches.riskHint.${value}`)}
                </p>
              </div>
            ))}
          </div>
          {riskError ? (
            <p id={`${ids}-risk-error`} className="field-error">
              {riskError}
            </p>
          ) : null}
        </fieldset>
        <Field id={`${ids}-description`} label={t('privacy.breaches.field.description')} error={problem('description')}>
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-description`}
              rows={3}
              maxLength={8000}
              value={description}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${ids}-measures`}
          label={t('privacy.breaches.field.measures')}
          hint={t('privacy.form.optional')}
          error={problem('measures')}
        >
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-measures`}
              rows={2}
              maxLength={8000}
              value={measures}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setMeasures(event.target.value)}
            />
          )}
        </Field>
        {add.error && Object.keys(serverProblems).length === 0 ? <ErrorMessage error={add.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? t('privacy.form.saving') : t('privacy.breaches.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

type UpdateField = 'officeNotifiedAt' | 'subjectsNotifiedAt' | 'measures';

/** Records the notices given (office, people), the measures taken, and closes the breach when it is dealt with. */
function UpdateBreachForm({
  breach,
  onDone,
  onCancel,
}: {
  breach: Breach;
  onDone: (breach: Breach) => void;
  onCancel: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const update = useUpdateBreach();
  const [office, setOffice] = useState(breach.officeNotifiedAt ? bangkokInputValue(breach.officeNotifiedAt) : '');
  const [subjects, setSubjects] = useState(
    breach.subjectsNotifiedAt ? bangkokInputValue(breach.subjectsNotifiedAt) : '',
  );
  const [measures, setMeasures] = useState(breach.measures);
  const [close, setClose] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<UpdateField, string>>>({});
  const serverProblems = fieldErrors(update.error, language) as Partial<Record<UpdateField, string>>;
  const problem = (field: UpdateField) => problems[field] ?? serverProblems[field] ?? null;
  useEffect(() => heading.current?.focus(), []);

  const officeIso = office ? fromBangkokInput(office) : null;
  const subjectsIso = subjects ? fromBangkokInput(subjects) : null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<UpdateField, string>> = {};
    const now = new Date();
    if (office && !officeIso) found.officeNotifiedAt = t('privacy.form.invalidMoment');
    else if (officeIso && isInFuture(officeIso, now)) found.officeNotifiedAt = t('privacy.form.futureMoment');
    if (subjects && !subjectsIso) found.subjectsNotifiedAt = t('privacy.form.invalidMoment');
    else if (subjectsIso && isInFuture(subjectsIso, now)) found.subjectsNotifiedAt = t('privacy.form.futureMoment');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      if (form.current) focusFirstProblem(form.current);
      return;
    }
    const change: UpdateBreach = {
      ...(officeIso ? { officeNotifiedAt: officeIso } : {}),
      ...(subjectsIso ? { subjectsNotifiedAt: subjectsIso } : {}),
      ...(measures.trim() !== breach.measures ? { measures: measures.trim() } : {}),
      ...(close ? { close: true } : {}),
    };
    update.mutate({ id: breach.id, ...change }, { onSuccess: onDone });
  }

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title" tabIndex={-1} ref={heading}>
        {t('privacy.breaches.updateHeading', { reference: breach.reference })}
      </h2>
      <p className="muted">
        {breach.title} ·{' '}
        {t('privacy.breaches.notifyByText', {
          date: formatBuddhistDate(breach.notifyBy, language, 'dateTime'),
          hours: BREACH_NOTICE_HOURS,
        })}
      </p>
      <form ref={form} className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
        <div className="form-grid">
          <NoticeTimeField
            id={`${ids}-office`}
            label={t('privacy.breaches.field.officeNotifiedAt')}
            nowLabel={t('privacy.breaches.officeNow')}
            value={office}
            iso={officeIso}
            error={problem('officeNotifiedAt')}
            onChange={setOffice}
          />
          <NoticeTimeField
            id={`${ids}-subjects`}
            label={t('privacy.breaches.field.subjectsNotifiedAt')}
            nowLabel={t('privacy.breaches.subjectsNow')}
            value={subjects}
            iso={subjectsIso}
            error={problem('subjectsNotifiedAt')}
            onChange={setSubjects}
          />
        </div>
        <Field id={`${ids}-measures`} label={t('privacy.breaches.field.measures')} error={problem('measures')}>
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-measures`}
              rows={3}
              maxLength={8000}
              value={measures}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setMeasures(event.target.value)}
            />
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" checked={close} onChange={(event) => setClose(event.target.checked)} />{' '}
          {t('privacy.breaches.field.close')}
        </label>
        {update.error && Object.keys(serverProblems).length === 0 ? <ErrorMessage error={update.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? t('privacy.form.saving') : t('privacy.breaches.save')}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={update.isPending}>
            {t('privacy.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** When a notice was given (Bangkok time), with its Buddhist-era reading and a button for "just now". */
function NoticeTimeField({
  id,
  label,
  nowLabel,
  value,
  iso,
  error,
  onChange,
}: {
  id: string;
  label: string;
  nowLabel: string;
  value: string;
  iso: string | null;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const { t } = useLanguage();
  return (
    <Field id={id} label={label} hint={t('privacy.form.bangkokTime')} error={error}>
      {({ describedBy, isInvalid }) => (
        <>
          <input
            id={id}
            type="datetime-local"
            value={value}
            aria-invalid={isInvalid || undefined}
            aria-describedby={[describedBy, `${id}-preview`].filter(Boolean).join(' ')}
            onChange={(event) => onChange(event.target.value)}
          />
          <MomentPreview id={`${id}-preview`} iso={iso} />
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange(bangkokInputValue(new Date()))}
            >
              {nowLabel}
            </button>
          </div>
        </>
      )}
    </Field>
  );
}
