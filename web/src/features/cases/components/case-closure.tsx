import {
  CLOSURE_OUTCOME_NAMES,
  CLOSURE_OUTCOMES,
  CLOSURE_REASON_NAMES,
  CLOSURE_REASONS,
  CONTACT_METHODS,
  FOLLOW_UP_OUTCOME_NAMES,
  FOLLOW_UP_OUTCOMES,
  type CaseClosure,
  type CaseTask,
  type CaseWork,
  type ClosureOutcome,
  type ClosureReason,
  type FollowUpOutcome,
} from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { localizedName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { useDecideClosure, useRecordFollowUp, useReopenCase, useRequestClosure } from '../api/casework.ts';
import { DECISION_NOTE_MAX_LENGTH, openFollowUp, SHORT_TEXT_MAX_LENGTH } from '../utils/casework.ts';
import { SavedNote, TimeLeft, WhenText, WorkError, FormOpener } from './casework-parts.tsx';
import { ReasonForm } from './reason-form.tsx';

type ContactMethod = (typeof CONTACT_METHODS)[number];
const SATISFACTIONS = [5, 4, 3, 2, 1] as const;

const CLOSURE_BADGE: Record<CaseClosure['status'], string> = {
  pending: 'badge badge-warning',
  approved: 'badge badge-ok',
  rejected: 'badge badge-danger',
};

/**
 * Closing the case and after: asking to close (with the supervisor's approval where the procedure says so), the
 * supervisor's decision, the follow-up the closure schedules, and reopening a closed case.
 */
export function CaseClosureCard({ work, userId }: { work: CaseWork; userId: string }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [isReopening, setIsReopening] = useState(false);
  const reopen = useReopenCase(work.caseId);
  const closures = [...work.closures].reverse();
  const pending = work.closures.find((closure) => closure.status === 'pending') ?? null;
  const followUp = openFollowUp(work);
  const isWaiting = work.status === 'pending_closure' && pending !== null;

  return (
    <section
      className={isWaiting ? 'card stack closure-card closure-card-waiting' : 'card stack closure-card'}
      aria-labelledby={`${ids}-heading`}
    >
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.closure.heading')}
      </h2>
      <SavedNote message={message} />
      {isWaiting ? (
        <div className="alert alert-warning" data-testid="closure-waiting">
          <p>
            <strong>{t('casework.closure.pending')}</strong>
          </p>
          <p>
            {t('casework.closure.pendingBy', {
              name: pending.requestedBy?.displayName ?? t('casework.timeline.system'),
            })}{' '}
            · <WhenText at={pending.requestedAt} />
          </p>
          {pending.requestedBy?.id === userId ? <p>{t('casework.closure.pendingOwn')}</p> : null}
        </div>
      ) : null}
      {isWaiting && work.can.decideClosure ? <DecisionForm work={work} onDone={setMessage} /> : null}
      {followUp && work.can.work ? <FollowUpForm work={work} task={followUp} onDone={setMessage} /> : null}
      {closures.length === 0 && work.followUps.length === 0 ? (
        <p className="muted">{t('casework.closure.none')}</p>
      ) : null}
      {closures.length > 0 ? (
        <ol className="plain-list work-list">
          {closures.map((closure) => (
            <li key={closure.id} className="work-item" data-testid="case-closure">
              <p className="work-item-title">
                <strong>{localizedName(CLOSURE_REASON_NAMES[closure.reason], language)}</strong>{' '}
                <span className={CLOSURE_BADGE[closure.status]}>{t(`casework.closure.status.${closure.status}`)}</span>
              </p>
              <p>{localizedName(CLOSURE_OUTCOME_NAMES[closure.outcome], language)}</p>
              <p className="case-narrative">{closure.summary}</p>
              <p className="muted work-item-meta">
                <WhenText at={closure.requestedAt} />
                {closure.requestedBy ? ` · ${t('casework.by', { name: closure.requestedBy.displayName })}` : ''} ·{' '}
                {t('casework.closure.followUpIn', { count: closure.followUpDays })}
              </p>
              {closure.decidedAt && closure.requiresApproval ? (
                <p className="muted work-item-meta">
                  {t('casework.closure.decidedBy', {
                    name: closure.decidedBy?.displayName ?? t('casework.timeline.system'),
                  })}{' '}
                  · <WhenText at={closure.decidedAt} />
                </p>
              ) : null}
              {closure.decisionNote ? (
                <p>
                  {t('casework.closure.decisionNote')}: {closure.decisionNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {work.followUps.length > 0 ? (
        <ol className="plain-list work-list">
          {[...work.followUps].reverse().map((record) => (
            <li key={record.id} className="work-item" data-testid="case-follow-up">
              <p className="work-item-title">
                <span className="badge badge-info">{t('casework.followUp.recorded')}</span>{' '}
                <strong>{localizedName(FOLLOW_UP_OUTCOME_NAMES[record.outcome], language)}</strong>
              </p>
              <p>
                {t(`casework.contactMethod.${record.contactMethod}`)} ·{' '}
                {t('casework.followUp.satisfactionShown', {
                  value:
                    record.satisfaction === null
                      ? t('casework.followUp.notSaid')
                      : t(`casework.followUp.satisfactionValue.${record.satisfaction as 1 | 2 | 3 | 4 | 5}`),
                })}
              </p>
              {record.note ? <p className="case-narrative">{record.note}</p> : null}
              <p className="muted work-item-meta">
                <WhenText at={record.recordedAt} />
                {record.recordedBy ? ` · ${t('casework.by', { name: record.recordedBy.displayName })}` : ''}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {work.can.close && !isWaiting ? (
        <FormOpener
          openLabel={t('casework.closure.open')}
          onOpen={() => setMessage(null)}
          renderForm={(close) => (
            <ClosureForm
              work={work}
              onClose={close}
              onDone={(text) => {
                setMessage(text);
                close();
              }}
            />
          )}
        />
      ) : null}
      {work.can.reopen ? (
        isReopening ? (
          <ReasonForm
            heading={t('casework.reopen.heading')}
            reasonLabel={t('casework.reopen.reason')}
            confirmLabel={t('casework.reopen.confirm')}
            isWarning
            isPending={reopen.isPending}
            error={reopen.error}
            renderError={(error) => <WorkError error={error} />}
            onConfirm={(reason) =>
              reopen.mutate(
                { version: work.version, reason },
                {
                  onSuccess: () => {
                    setIsReopening(false);
                    setMessage(t('casework.reopen.done'));
                  },
                },
              )
            }
            onCancel={() => setIsReopening(false)}
          />
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setMessage(null);
                setIsReopening(true);
              }}
            >
              {t('casework.reopen.open')}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}

function ClosureForm({
  work,
  onClose,
  onDone,
}: {
  work: CaseWork;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const request = useRequestClosure(work.caseId);
  const needsApproval = work.steps.some((step) => step.completion === 'closure_approved' && step.requiresApproval);
  const [reason, setReason] = useState<ClosureReason | ''>('');
  const [outcome, setOutcome] = useState<ClosureOutcome>('resolved');
  const [summary, setSummary] = useState('');
  const [days, setDays] = useState('30');
  const [problems, setProblems] = useState<{ reason?: boolean; summary?: boolean; days?: boolean }>({});
  const server = fieldErrors(request.error, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const followUpDays = Number(days);
    const missing = {
      reason: !reason,
      summary: !summary.trim(),
      days: !/^\d+$/.test(days.trim()) || followUpDays < 1 || followUpDays > 365,
    };
    setProblems(missing);
    const first = missing.reason ? 'reason' : missing.summary ? 'summary' : missing.days ? 'days' : null;
    if (first || !reason) {
      document.getElementById(`${ids}-${first ?? 'reason'}`)?.focus();
      return;
    }
    request.mutate(
      { version: work.version, reason, outcome, summary: summary.trim(), followUpDays },
      {
        onSuccess: (result) =>
          onDone(result.status === 'pending_closure' ? t('casework.closure.requested') : t('casework.closure.closed')),
      },
    );
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>{t('casework.closure.formHeading')}</h3>
      {needsApproval ? <p className="field-hint">{t('casework.closure.approvalHint')}</p> : null}
      <Field
        id={`${ids}-reason`}
        label={t('casework.closure.reason')}
        error={problems.reason ? t('casework.required') : (server.reason ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <select
            id={`${ids}-reason`}
            value={reason}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setReason(event.target.value as ClosureReason | '')}
          >
            <option value="">{t('casework.closure.chooseReason')}</option>
            {CLOSURE_REASONS.map((option) => (
              <option key={option} value={option}>
                {localizedName(CLOSURE_REASON_NAMES[option], language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('casework.closure.outcome')}</legend>
        <div className="choice-list">
          {CLOSURE_OUTCOMES.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`${ids}-outcome`}
                value={option}
                checked={outcome === option}
                onChange={() => setOutcome(option)}
              />
              <span>{localizedName(CLOSURE_OUTCOME_NAMES[option], language)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${ids}-summary`}
        label={t('casework.closure.summary')}
        error={problems.summary ? t('casework.required') : (server.summary ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <textarea
            id={`${ids}-summary`}
            rows={3}
            maxLength={SHORT_TEXT_MAX_LENGTH}
            value={summary}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setSummary(event.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${ids}-days`}
        label={t('casework.closure.followUpDays')}
        hint={t('casework.closure.followUpDaysHint')}
        error={problems.days ? t('casework.closure.followUpDaysInvalid') : (server.followUpDays ?? null)}
        className="field-short"
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={days}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setDays(event.target.value)}
          />
        )}
      </Field>
      {request.error ? <WorkError error={request.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={request.isPending}>
          {request.isPending
            ? t('casework.saving')
            : needsApproval
              ? t('casework.closure.submit')
              : t('casework.closure.submitNow')}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={request.isPending}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The supervisor's decision: approve (a note if they like) or send back (a note required). */
function DecisionForm({ work, onDone }: { work: CaseWork; onDone: (message: string) => void }) {
  const { t } = useLanguage();
  const ids = useId();
  const decide = useDecideClosure(work.caseId);
  const [note, setNote] = useState('');
  const [isNoteMissing, setIsNoteMissing] = useState(false);

  function send(approve: boolean) {
    if (!approve && !note.trim()) {
      setIsNoteMissing(true);
      document.getElementById(`${ids}-note`)?.focus();
      return;
    }
    setIsNoteMissing(false);
    decide.mutate(
      { version: work.version, approve, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => onDone(approve ? t('casework.closure.approved') : t('casework.closure.sentBack')) },
    );
  }

  return (
    <form
      className="panel stack work-form"
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        send(true);
      }}
      noValidate
    >
      <h3 id={`${ids}-heading`}>{t('casework.closure.decideHeading')}</h3>
      <Field
        id={`${ids}-note`}
        label={t('casework.closure.note')}
        hint={t('casework.closure.noteHint')}
        error={isNoteMissing ? t('casework.closure.noteMissing') : null}
      >
        {({ describedBy, isInvalid }) => (
          <textarea
            id={`${ids}-note`}
            rows={2}
            maxLength={DECISION_NOTE_MAX_LENGTH}
            value={note}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setNote(event.target.value);
              if (event.target.value.trim()) setIsNoteMissing(false);
            }}
          />
        )}
      </Field>
      {decide.error ? <WorkError error={decide.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={decide.isPending}>
          {decide.isPending ? t('casework.saving') : t('casework.closure.approve')}
        </button>
        <button type="button" className="button" disabled={decide.isPending} onClick={() => send(false)}>
          {t('casework.closure.sendBack')}
        </button>
      </div>
    </form>
  );
}

/** The follow-up after closure: how the person is, how they were reached, and how satisfied they are (if they said). */
function FollowUpForm({ work, task, onDone }: { work: CaseWork; task: CaseTask; onDone: (message: string) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const record = useRecordFollowUp(work.caseId);
  const [outcome, setOutcome] = useState<FollowUpOutcome | ''>('');
  const [method, setMethod] = useState<ContactMethod | ''>('');
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ outcome?: boolean; method?: boolean }>({});
  const server = fieldErrors(record.error, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = { outcome: !outcome, method: !method };
    setProblems(missing);
    if (!outcome || !method) {
      document.getElementById(missing.outcome ? `${ids}-outcome-${FOLLOW_UP_OUTCOMES[0]}` : `${ids}-method`)?.focus();
      return;
    }
    record.mutate(
      {
        taskId: task.id,
        version: task.version,
        outcome,
        contactMethod: method,
        satisfaction,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => onDone(t('casework.followUp.saved')) },
    );
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>{t('casework.followUp.heading')}</h3>
      <p>
        {t('casework.followUp.due')}: <WhenText at={task.dueAt} />{' '}
        <TimeLeft minutesLeft={minutesUntil(task.dueAt, new Date())} />
      </p>
      <fieldset className="fieldset-plain" data-problem={problems.outcome || undefined}>
        <legend className="field-label">{t('casework.followUp.outcome')}</legend>
        {problems.outcome ? <p className="field-error">{t('casework.followUp.outcomeMissing')}</p> : null}
        <div className="choice-list">
          {FOLLOW_UP_OUTCOMES.map((option) => (
            <label key={option} className="choice">
              <input
                id={`${ids}-outcome-${option}`}
                type="radio"
                name={`${ids}-outcome`}
                value={option}
                checked={outcome === option}
                onChange={() => {
                  setOutcome(option);
                  setProblems((current) => ({ ...current, outcome: false }));
                }}
              />
              <span>{localizedName(FOLLOW_UP_OUTCOME_NAMES[option], language)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${ids}-method`}
        label={t('casework.followUp.contactMethod')}
        error={problems.method ? t('casework.followUp.contactMethodMissing') : (server.contactMethod ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <select
            id={`${ids}-method`}
            value={method}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setMethod(event.target.value as ContactMethod | '');
              setProblems((current) => ({ ...current, method: false }));
            }}
          >
            <option value="">{t('casework.followUp.contactMethod')}</option>
            {CONTACT_METHODS.map((option) => (
              <option key={option} value={option}>
                {t(`casework.contactMethod.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('casework.followUp.satisfaction')}</legend>
        <div className="choice-list satisfaction-list">
          {SATISFACTIONS.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${ids}-satisfaction`}
                value={value}
                checked={satisfaction === value}
                onChange={() => setSatisfaction(value)}
              />
              <span>{t(`casework.followUp.satisfactionValue.${value}`)}</span>
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-satisfaction`}
              value=""
              checked={satisfaction === null}
              onChange={() => setSatisfaction(null)}
            />
            <span>{t('casework.followUp.notSaid')}</span>
          </label>
        </div>
      </fieldset>
      <Field id={`${ids}-note`} label={t('casework.followUp.note')} hint={t('casework.services.noteHint')}>
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
      {record.error ? <WorkError error={record.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? t('casework.saving') : t('casework.followUp.submit')}
        </button>
      </div>
    </form>
  );
}
