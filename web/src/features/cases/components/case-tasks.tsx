import type { CaseTask, CaseWork } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors, localizedProblem } from '../../../lib/field-errors.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { useAddTask, useFinishTask } from '../api/casework.ts';
import { bangkokDateTimeToIso, tasksByUnit, TITLE_MAX_LENGTH } from '../utils/casework.ts';
import { SavedNote, TimeLeft, useRecordedText, WhenText, WorkError, FormOpener } from './casework-parts.tsx';
import { ReasonForm } from './reason-form.tsx';

const TASK_BADGE: Record<CaseTask['status'], string> = {
  open: 'badge badge-warning',
  done: 'badge badge-ok',
  cancelled: 'badge badge-muted',
};

/** The tasks of each unit of the team — the plan's actions and the follow-up — and giving one to a unit. */
export function CaseTasks({ work }: { work: CaseWork }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const now = new Date();
  const groups = tasksByUnit(work);
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.tasks.heading')} ({work.tasks.length})
      </h2>
      <SavedNote message={message} />
      {groups.length === 0 ? <p className="muted">{t('casework.tasks.none')}</p> : null}
      {groups.map((group) => (
        <div key={group.unit.id} className="stack task-group">
          <h3 className="task-group-name">
            {localizedRowName(group.unit, language)}{' '}
            {group.isLead ? <span className="badge badge-info">{t('casework.tasks.lead')}</span> : null}
          </h3>
          {group.tasks.length === 0 ? (
            <p className="muted">{t('casework.tasks.unitNone')}</p>
          ) : (
            <ol className="plain-list work-list">
              {group.tasks.map((task) => (
                <TaskItem key={task.id} work={work} task={task} now={now} onDone={setMessage} />
              ))}
            </ol>
          )}
        </div>
      ))}
      {work.can.work && work.teamUnits.length > 0 ? (
        <FormOpener
          openLabel={t('casework.tasks.open')}
          onOpen={() => setMessage(null)}
          renderForm={(close) => (
            <TaskForm
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

function TaskItem({
  work,
  task,
  now,
  onDone,
}: {
  work: CaseWork;
  task: CaseTask;
  now: Date;
  onDone: (message: string) => void;
}) {
  const { language, t } = useLanguage();
  const finish = useFinishTask(work.caseId);
  const recorded = useRecordedText();
  const [isFinishing, setIsFinishing] = useState(false);
  // The follow-up's title is stored in both languages ("ไทย / English").
  const title = localizedProblem(task.title, language);
  // The follow-up is finished by recording it, in the closure card.
  const canFinish = work.can.work && task.status === 'open' && task.kind === 'task';
  return (
    <li className="work-item stack" data-testid="case-task">
      <p className="work-item-title">
        <strong>{title}</strong>{' '}
        <span className="badge-row">
          {task.kind === 'follow_up' ? <span className="badge badge-info">{t('casework.tasks.followUp')}</span> : null}
          <span className={TASK_BADGE[task.status]}>{t(`casework.tasks.status.${task.status}`)}</span>
        </span>
      </p>
      <dl className="details details-compact">
        <div>
          <dt>{t('casework.tasks.dueAt')}</dt>
          <dd className="referral-due">
            <WhenText at={task.dueAt} />
            {task.status === 'open' ? (
              <>
                {' '}
                <TimeLeft minutesLeft={minutesUntil(task.dueAt, now)} />
              </>
            ) : null}
          </dd>
        </div>
        {task.assignee ? (
          <div>
            <dt>{t('casework.tasks.assignee')}</dt>
            <dd>{task.assignee.displayName}</dd>
          </div>
        ) : null}
        {task.doneAt ? (
          <div>
            <dt>{t('casework.steps.doneAt')}</dt>
            <dd>
              <WhenText at={task.doneAt} />
              {task.doneBy ? ` · ${t('casework.by', { name: task.doneBy.displayName })}` : ''}
            </dd>
          </div>
        ) : null}
        {task.result ? (
          <div>
            <dt>{t('casework.tasks.result')}</dt>
            <dd className="case-narrative">{recorded(task.result)}</dd>
          </div>
        ) : null}
      </dl>
      {canFinish && !isFinishing ? (
        <div className="button-row">
          <button type="button" className="button button-small" onClick={() => setIsFinishing(true)}>
            {t('casework.tasks.finish')}
          </button>
        </div>
      ) : null}
      {isFinishing ? (
        <ReasonForm
          heading={t('casework.tasks.finishHeading', { title })}
          reasonLabel={t('casework.tasks.result')}
          confirmLabel={t('casework.tasks.finishConfirm')}
          isPending={finish.isPending}
          error={finish.error}
          renderError={(error) => <WorkError error={error} />}
          onConfirm={(result) =>
            finish.mutate(
              { taskId: task.id, version: task.version, result },
              {
                onSuccess: () => {
                  setIsFinishing(false);
                  onDone(t('casework.tasks.finished', { title }));
                },
              },
            )
          }
          onCancel={() => setIsFinishing(false)}
        />
      ) : null}
    </li>
  );
}

function TaskForm({
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
  const add = useAddTask(work.caseId);
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState(work.teamUnits.length === 1 ? (work.teamUnits[0]?.id ?? '') : '');
  const [due, setDue] = useState('');
  const [problems, setProblems] = useState<{ title?: boolean; unit?: boolean; due?: boolean }>({});
  const server = fieldErrors(add.error, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const dueAt = bangkokDateTimeToIso(due);
    const missing = { title: !title.trim(), unit: !unitId, due: !dueAt };
    setProblems(missing);
    const first = missing.title ? 'title' : missing.unit ? 'unit' : missing.due ? 'due' : null;
    if (first || !dueAt) {
      document.getElementById(`${ids}-${first ?? 'due'}`)?.focus();
      return;
    }
    const chosen = title.trim();
    add.mutate(
      { title: chosen, unitId, dueAt },
      { onSuccess: () => onSaved(t('casework.tasks.saved', { title: chosen })) },
    );
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>{t('casework.tasks.formHeading')}</h3>
      <Field
        id={`${ids}-title`}
        label={t('casework.tasks.title')}
        error={problems.title ? t('casework.required') : (server.title ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-title`}
            type="text"
            maxLength={TITLE_MAX_LENGTH}
            value={title}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${ids}-unit`}
        label={t('casework.tasks.unit')}
        error={problems.unit ? t('casework.tasks.unitMissing') : (server.unitId ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <select
            id={`${ids}-unit`}
            value={unitId}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setUnitId(event.target.value)}
          >
            <option value="">{t('casework.tasks.chooseUnit')}</option>
            {work.teamUnits.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {`${localizedRowName(unit, language)}${unit.lead ? ` (${t('casework.tasks.lead')})` : ''}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${ids}-due`}
        label={t('casework.tasks.due')}
        hint={t('casework.tasks.dueHint')}
        error={problems.due ? t('casework.tasks.dueMissing') : (server.dueAt ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-due`}
            type="datetime-local"
            value={due}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setDue(event.target.value)}
          />
        )}
      </Field>
      {add.error ? <WorkError error={add.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('casework.saving') : t('casework.tasks.submit')}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={add.isPending}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
