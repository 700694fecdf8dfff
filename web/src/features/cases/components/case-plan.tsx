import type { CaseWork } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useSavePlan } from '../api/casework.ts';
import { NOTE_MAX_LENGTH } from '../utils/casework.ts';
import { SavedNote, WhenText, WorkError } from './casework-parts.tsx';

/**
 * The case plan: the latest revision, and a new one written on top of it. Two people editing at once do not
 * overwrite each other: the second is told, sees the newer plan here, and keeps what they typed.
 */
export function CasePlan({ work }: { work: CaseWork }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [isEditing, setIsEditing] = useState(false);
  const { plan } = work;
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.plan.heading')}
      </h2>
      <SavedNote message={message} />
      {plan ? (
        <div className="stack" data-testid="case-plan">
          <p className="work-item-title">
            <span className="badge badge-info">{t('casework.plan.revision', { revision: plan.revision })}</span>
          </p>
          <dl className="details details-compact">
            <div>
              <dt>{t('casework.plan.assessment')}</dt>
              <dd className="case-narrative">{plan.assessment}</dd>
            </div>
            <div>
              <dt>{t('casework.plan.goals')}</dt>
              <dd className="case-narrative">{plan.goals}</dd>
            </div>
          </dl>
          <p className="muted work-item-meta">
            <WhenText at={plan.recordedAt} />
            {plan.recordedBy ? ` · ${t('casework.by', { name: plan.recordedBy.displayName })}` : ''}
            {plan.unit ? ` · ${localizedRowName(plan.unit, language)}` : ''}
          </p>
        </div>
      ) : (
        <p className="muted">{t('casework.plan.none')}</p>
      )}
      {work.can.work ? (
        isEditing ? (
          <PlanForm
            work={work}
            onClose={() => setIsEditing(false)}
            onSaved={(revision) => {
              setMessage(t('casework.plan.saved', { revision }));
              setIsEditing(false);
            }}
          />
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setMessage(null);
                setIsEditing(true);
              }}
            >
              {plan ? t('casework.plan.edit') : t('casework.plan.create')}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}

function PlanForm({
  work,
  onClose,
  onSaved,
}: {
  work: CaseWork;
  onClose: () => void;
  onSaved: (revision: number) => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const save = useSavePlan(work.caseId);
  // The revision this edit started from: kept through a conflict, so saving again needs the writer to look first.
  const [baseRevision, setBaseRevision] = useState(work.plan?.revision ?? 0);
  const [assessment, setAssessment] = useState(work.plan?.assessment ?? '');
  const [goals, setGoals] = useState(work.plan?.goals ?? '');
  const [problems, setProblems] = useState<{ assessment?: boolean; goals?: boolean }>({});
  const latest = work.plan?.revision ?? 0;
  const isConflict = isApiError(save.error) && save.error.code === 'CONFLICT';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = { assessment: !assessment.trim(), goals: !goals.trim() };
    setProblems(missing);
    if (missing.assessment || missing.goals) {
      document.getElementById(`${ids}-${missing.assessment ? 'assessment' : 'goals'}`)?.focus();
      return;
    }
    // After a conflict the writer has seen the newer plan above; saving now builds on it.
    const base = isConflict ? latest : baseRevision;
    save.mutate(
      { baseRevision: base, assessment: assessment.trim(), goals: goals.trim() },
      { onSuccess: (saved) => onSaved(saved.plan?.revision ?? base + 1) },
    );
    setBaseRevision(base);
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>
        {(isConflict ? latest : baseRevision) > 0
          ? t('casework.plan.formHeading', { revision: isConflict ? latest : baseRevision })
          : t('casework.plan.formHeadingNew')}
      </h3>
      <Field
        id={`${ids}-assessment`}
        label={t('casework.plan.assessment')}
        error={problems.assessment ? t('casework.required') : null}
      >
        {({ describedBy, isInvalid }) => (
          <textarea
            id={`${ids}-assessment`}
            rows={4}
            maxLength={NOTE_MAX_LENGTH}
            value={assessment}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setAssessment(event.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${ids}-goals`}
        label={t('casework.plan.goals')}
        error={problems.goals ? t('casework.required') : null}
      >
        {({ describedBy, isInvalid }) => (
          <textarea
            id={`${ids}-goals`}
            rows={4}
            maxLength={NOTE_MAX_LENGTH}
            value={goals}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setGoals(event.target.value)}
          />
        )}
      </Field>
      {save.error ? <WorkError error={save.error} conflict={t('casework.plan.conflict')} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('casework.saving') : t('casework.plan.submit')}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={save.isPending}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
