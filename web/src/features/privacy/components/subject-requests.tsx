import {
  formatBuddhistDate,
  SUBJECT_REQUEST_DAYS,
  SUBJECT_REQUEST_KINDS,
  type NewSubjectRequest,
  type SubjectRequest,
  type SubjectRequestKind,
} from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import {
  PRIVACY_PAGE_SIZE,
  REQUEST_FILTERS,
  useAddSubjectRequest,
  useCloseSubjectRequest,
  useSubjectRequests,
  type RequestFilter,
} from '../api/privacy.ts';
import { bangkokInputValue, fromBangkokInput, isInFuture } from '../utils/privacy-dates.ts';
import { Deadline, FilterButtons, MomentPreview, SavedMessage, When, type Said } from './privacy-parts.tsx';

/** The register of data subjects' requests (PDPA s.30–36): the list with its filters, answering, recording one. */
export function SubjectRequests() {
  const { t } = useLanguage();
  const ids = useId();
  const [filter, setFilter] = useState<RequestFilter>('open');
  const [offset, setOffset] = useState(0);
  const [closing, setClosing] = useState<SubjectRequest | null>(null);
  const [message, setMessage] = useState<Said | null>(null);
  const tell = (said: Said) => setMessage(() => said);
  const requests = useSubjectRequests(filter, offset);
  const now = new Date();

  const statusBadge = (request: SubjectRequest) =>
    request.overdue ? (
      <strong className="badge badge-danger privacy-badge">{t('privacy.requests.status.overdue')}</strong>
    ) : (
      <span
        className={request.status === 'open' ? 'badge badge-warning privacy-badge' : 'badge badge-ok privacy-badge'}
      >
        {t(`privacy.requests.status.${request.status}`)}
      </span>
    );

  return (
    <div className="stack-lg">
      <SavedMessage said={message} />
      <section className="card stack" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`} className="card-title">
          {t('privacy.requests.listHeading')}
        </h2>
        <FilterButtons
          label={t('privacy.requests.filterLabel')}
          filters={REQUEST_FILTERS}
          current={filter}
          text={(item) => t(`privacy.requests.filter.${item}`)}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
          }}
        />
        <PagedResults
          query={requests}
          emptyText={t('privacy.requests.empty')}
          offset={offset}
          pageSize={PRIVACY_PAGE_SIZE}
          pagerLabel={t('privacy.requests.pager')}
          onOffsetChange={setOffset}
        >
          {(items) => (
            <DataTable
              labelledBy={`${ids}-list`}
              rows={items}
              rowKey={(request) => request.id}
              rowClassName={(request) => (request.overdue ? 'privacy-row-overdue' : undefined)}
              isBusy={requests.isFetching}
              columns={[
                {
                  key: 'reference',
                  header: t('privacy.requests.column.reference'),
                  isRowHeader: true,
                  cell: (request) => <span className="code-value privacy-ref">{request.reference}</span>,
                },
                {
                  key: 'kind',
                  header: t('privacy.requests.column.kind'),
                  cell: (request) => t(`privacy.requests.kind.${request.kind}`),
                },
                {
                  key: 'requester',
                  header: t('privacy.requests.column.requester'),
                  cell: (request) => (
                    <>
                      {request.requesterName}
                      <span className="muted privacy-sub">{request.contact}</span>
                      {request.case ? (
                        <Link className="privacy-sub" to={`/cases/${request.case.id}`}>
                          {t('privacy.requests.case', { caseNumber: request.case.caseNumber })}
                        </Link>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'received',
                  header: t('privacy.requests.column.received'),
                  cell: (request) => <When at={request.receivedAt} />,
                },
                {
                  key: 'due',
                  header: t('privacy.requests.column.due'),
                  cell: (request) => <Deadline at={request.dueAt} isRunning={request.status === 'open'} now={now} />,
                },
                { key: 'status', header: t('privacy.requests.column.status'), cell: statusBadge },
                {
                  key: 'outcome',
                  header: t('privacy.requests.column.outcome'),
                  cell: (request) =>
                    request.status === 'open' ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => {
                          setMessage(null);
                          setClosing(request);
                        }}
                      >
                        {t('privacy.requests.closeButton')}
                        <span className="visually-hidden"> {request.reference}</span>
                      </button>
                    ) : (
                      <>
                        <When at={request.closedAt} />
                        <span className="privacy-sub">{request.outcome}</span>
                      </>
                    ),
                },
              ]}
            />
          )}
        </PagedResults>
      </section>

      {closing ? (
        <CloseRequestForm
          key={closing.id}
          request={closing}
          onDone={(closed) => {
            setClosing(null);
            tell((say) =>
              say(`privacy.requests.closed.${closed.status === 'refused' ? 'refused' : 'completed'}`, {
                reference: closed.reference,
              }),
            );
          }}
          onCancel={() => setClosing(null)}
        />
      ) : null}

      <NewRequestForm
        onAdded={(added) => {
          tell((say, inLanguage) =>
            say('privacy.requests.added', {
              reference: added.reference,
              date: formatBuddhistDate(added.dueAt, inLanguage, 'longDate'),
              days: SUBJECT_REQUEST_DAYS,
            }),
          );
          setFilter('open');
          setOffset(0);
        }}
      />
    </div>
  );
}

type RequestField = 'kind' | 'requesterName' | 'contact' | 'details' | 'caseNumber' | 'receivedAt';

function NewRequestForm({ onAdded }: { onAdded: (request: SubjectRequest) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const form = useRef<HTMLFormElement>(null);
  const add = useAddSubjectRequest();
  const [kind, setKind] = useState<SubjectRequestKind | ''>('');
  const [requesterName, setRequesterName] = useState('');
  const [contact, setContact] = useState('');
  const [details, setDetails] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [receivedAt, setReceivedAt] = useState(() => bangkokInputValue(new Date()));
  const [problems, setProblems] = useState<Partial<Record<RequestField, string>>>({});
  const serverProblems = fieldErrors(add.error, language) as Partial<Record<RequestField, string>>;
  const problem = (field: RequestField) => problems[field] ?? serverProblems[field] ?? null;
  const receivedIso = fromBangkokInput(receivedAt);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<RequestField, string>> = {};
    if (!kind) found.kind = t('privacy.requests.invalid.kind');
    if (!requesterName.trim()) found.requesterName = t('privacy.requests.invalid.requesterName');
    if (contact.trim().length < 3) found.contact = t('privacy.requests.invalid.contact');
    if (!receivedIso) found.receivedAt = t('privacy.form.invalidMoment');
    else if (isInFuture(receivedIso, new Date())) found.receivedAt = t('privacy.form.futureMoment');
    setProblems(found);
    if (Object.keys(found).length > 0 || !kind || !receivedIso) {
      if (form.current) focusFirstProblem(form.current);
      return;
    }
    const request: NewSubjectRequest = {
      kind,
      requesterName: requesterName.trim(),
      contact: contact.trim(),
      details: details.trim(),
      receivedAt: receivedIso,
      ...(caseNumber.trim() ? { caseNumber: caseNumber.trim() } : {}),
    };
    add.mutate(request, {
      onSuccess: (added) => {
        setKind('');
        setRequesterName('');
        setContact('');
        setDetails('');
        setCaseNumber('');
        setReceivedAt(bangkokInputValue(new Date()));
        onAdded(added);
      },
      onError: () => {
        if (form.current) focusFirstProblem(form.current);
      },
    });
  }

  const hasServerFieldProblems = Object.keys(serverProblems).length > 0;
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('privacy.requests.addHeading')}
      </h2>
      <p className="muted">{t('privacy.requests.addIntro', { days: SUBJECT_REQUEST_DAYS })}</p>
      <form ref={form} className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
        <div className="form-grid">
          <Field id={`${ids}-kind`} label={t('privacy.requests.field.kind')} error={problem('kind')}>
            {({ describedBy, isInvalid }) => (
              <select
                id={`${ids}-kind`}
                value={kind}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setKind(event.target.value as SubjectRequestKind | '')}
              >
                <option value="">{t('privacy.form.choose')}</option>
                {SUBJECT_REQUEST_KINDS.map((item) => (
                  <option key={item} value={item}>
                    {t(`privacy.requests.kind.${item}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${ids}-received`}
            label={t('privacy.requests.field.receivedAt')}
            hint={t('privacy.form.bangkokTime')}
            error={problem('receivedAt')}
          >
            {({ describedBy, isInvalid }) => (
              <>
                <input
                  id={`${ids}-received`}
                  type="datetime-local"
                  value={receivedAt}
                  aria-invalid={isInvalid || undefined}
                  aria-describedby={[describedBy, `${ids}-received-preview`].filter(Boolean).join(' ')}
                  onChange={(event) => setReceivedAt(event.target.value)}
                />
                <MomentPreview id={`${ids}-received-preview`} iso={receivedIso} />
              </>
            )}
          </Field>
          <Field id={`${ids}-name`} label={t('privacy.requests.field.requesterName')} error={problem('requesterName')}>
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-name`}
                value={requesterName}
                maxLength={200}
                autoComplete="off"
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setRequesterName(event.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${ids}-contact`}
            label={t('privacy.requests.field.contact')}
            hint={t('privacy.requests.field.contactHint')}
            error={problem('contact')}
          >
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-contact`}
                value={contact}
                maxLength={300}
                autoComplete="off"
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setContact(event.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${ids}-case`}
            label={t('privacy.requests.field.caseNumber')}
            hint={t('privacy.form.optional')}
            error={problem('caseNumber')}
          >
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-case`}
                value={caseNumber}
                maxLength={40}
                autoComplete="off"
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => setCaseNumber(event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field id={`${ids}-details`} label={t('privacy.requests.field.details')} error={problem('details')}>
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-details`}
              rows={3}
              maxLength={4000}
              value={details}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setDetails(event.target.value)}
            />
          )}
        </Field>
        {add.error && !hasServerFieldProblems ? <ErrorMessage error={add.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? t('privacy.form.saving') : t('privacy.requests.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CloseRequestForm({
  request,
  onDone,
  onCancel,
}: {
  request: SubjectRequest;
  onDone: (request: SubjectRequest) => void;
  onCancel: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const form = useRef<HTMLFormElement>(null);
  const close = useCloseSubjectRequest();
  const [status, setStatus] = useState<'completed' | 'refused' | ''>('');
  const [outcome, setOutcome] = useState('');
  const [problems, setProblems] = useState<{ status?: string; outcome?: string }>({});
  const serverProblems = fieldErrors(close.error, language);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: { status?: string; outcome?: string } = {};
    if (!status) found.status = t('privacy.requests.invalid.status');
    if (outcome.trim().length < 5) found.outcome = t('privacy.requests.invalid.outcome');
    setProblems(found);
    if (!status || found.outcome) {
      if (form.current) focusFirstProblem(form.current);
      return;
    }
    close.mutate({ id: request.id, status, outcome: outcome.trim() }, { onSuccess: onDone });
  }

  const statusError = problems.status ?? serverProblems.status ?? null;
  const outcomeError = problems.outcome ?? serverProblems.outcome ?? null;
  return (
    <section className="card stack panel-focus" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title" tabIndex={-1} ref={heading}>
        {t('privacy.requests.closeHeading', { reference: request.reference })}
      </h2>
      <p className="muted">
        {t(`privacy.requests.kind.${request.kind}`)} · {request.requesterName} ·{' '}
        {t('privacy.requests.dueOn', { date: formatBuddhistDate(request.dueAt, language, 'longDate') })}
      </p>
      {request.details ? <p className="privacy-details">{request.details}</p> : null}
      <form ref={form} className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
        <fieldset className="fieldset-plain" aria-describedby={statusError ? `${ids}-status-error` : undefined}>
          <legend className="field-label">{t('privacy.requests.field.status')}</legend>
          <div className="choice-row" data-problem={statusError ? true : undefined}>
            {(['completed', 'refused'] as const).map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name={`${ids}-status`}
                  value={value}
                  checked={status === value}
                  onChange={() => setStatus(value)}
                />{' '}
                {t(`privacy.requests.status.${value}`)}
              </label>
            ))}
          </div>
          {statusError ? (
            <p id={`${ids}-status-error`} className="field-error">
              {statusError}
            </p>
          ) : null}
        </fieldset>
        <Field
          id={`${ids}-outcome`}
          label={t('privacy.requests.field.outcome')}
          hint={
            status === 'refused' ? t('privacy.requests.field.refusedHint') : t('privacy.requests.field.outcomeHint')
          }
          error={outcomeError}
        >
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-outcome`}
              rows={3}
              maxLength={4000}
              value={outcome}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setOutcome(event.target.value)}
            />
          )}
        </Field>
        {close.error && Object.keys(serverProblems).length === 0 ? <ErrorMessage error={close.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={close.isPending}>
            {close.isPending ? t('privacy.form.saving') : t('privacy.requests.close')}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={close.isPending}>
            {t('privacy.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
