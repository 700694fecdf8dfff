import { formatBuddhistDate, type ProcedureVersion } from '@oscc/contract';
import { useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { ProcedureStepList } from '../../../components/procedure-steps.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes } from '../../../lib/reference-data.ts';
import { useActivateProcedureVersion, useProcedures } from '../api/procedures.ts';
import { groupProcedures, type ProcedureGroup } from '../utils/procedure-form.ts';
import { ProcedureEditor } from './procedure-editor.tsx';

const STATUS_BADGE: Record<ProcedureVersion['status'], string> = {
  active: 'badge badge-ok',
  draft: 'badge badge-warning',
  retired: 'badge badge-muted',
};

/**
 * Every procedure by problem type: the steps of the version in use, then the drafts and retired versions with the
 * cases that keep each. People who manage procedures start a new version from the one in use, and put a draft in
 * use.
 */
export function ProceduresOverview({ canManage }: { canManage: boolean }) {
  const { language, t } = useLanguage();
  const procedures = useProcedures();
  const problemTypes = useProblemTypes();
  const [editing, setEditing] = useState<string | null>(null);
  /** What was just done, shown in the card it was done in. */
  const [message, setMessage] = useState<{ key: string; text: string } | null>(null);
  const typeOrder = (problemTypes.data ?? []).map((type) => type.code);
  const groups = procedures.data ? groupProcedures(procedures.data, typeOrder) : [];
  const typeName = (code: string | null) => {
    if (code === null) return t('procedures.generic');
    const type = problemTypes.data?.find((candidate) => candidate.code === code);
    return type ? localizedRowName(type, language) : code;
  };

  return (
    <div className="stack-lg">
      {procedures.error ? <ErrorMessage error={procedures.error} /> : null}
      {procedures.isPending ? <Loading /> : null}
      {procedures.data && groups.length === 0 ? <p>{t('procedures.empty')}</p> : null}
      {groups.map((group) => {
        const key = group.problemTypeCode ?? '*';
        return (
          <ProcedureGroupCard
            key={key}
            group={group}
            title={typeName(group.problemTypeCode)}
            canManage={canManage}
            isEditing={editing === key}
            message={message?.key === key ? message.text : ''}
            onEdit={(open) => {
              setMessage(null);
              setEditing(open ? key : null);
            }}
            onMessage={(text) => setMessage({ key, text })}
          />
        );
      })}
    </div>
  );
}

function ProcedureGroupCard({
  group,
  title,
  canManage,
  isEditing,
  message,
  onEdit,
  onMessage,
}: {
  group: ProcedureGroup;
  title: string;
  canManage: boolean;
  isEditing: boolean;
  message: string;
  onEdit: (open: boolean) => void;
  onMessage: (text: string) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const newButton = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { active } = group;
  const base = active ?? group.others[0] ?? null;

  function closeEditor(text?: string) {
    onEdit(false);
    if (text) onMessage(text);
    window.requestAnimationFrame(() => newButton.current?.focus());
  }

  return (
    <section className="card stack procedure-group" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <div>
          <h2 id={`${ids}-heading`} ref={headingRef} tabIndex={-1} className="card-title">
            {title}
          </h2>
          {group.problemTypeCode === null ? <p className="muted">{t('procedures.genericHint')}</p> : null}
        </div>
        {canManage && base ? (
          <button
            ref={newButton}
            type="button"
            className="button"
            aria-expanded={isEditing}
            onClick={() => onEdit(!isEditing)}
          >
            {t('procedures.newVersion')}
            <span className="visually-hidden"> {title}</span>
          </button>
        ) : null}
      </div>

      <div role="status" aria-live="polite">
        {message ? (
          <p className="alert alert-success" data-testid="procedure-message">
            {message}
          </p>
        ) : null}
      </div>

      {isEditing && base ? (
        <ProcedureEditor
          problemTypeCode={group.problemTypeCode}
          title={title}
          base={base}
          onCancel={() => closeEditor()}
          onSaved={(saved) =>
            closeEditor(
              t(saved.status === 'active' ? 'procedures.editor.savedActive' : 'procedures.editor.savedDraft', {
                name: title,
                version: saved.version,
              }),
            )
          }
        />
      ) : null}

      {active ? (
        <div className="stack">
          <p className="procedure-version-line">
            <strong>{localizedRowName(active, language)}</strong>{' '}
            <span className="badge-row">
              <span className="badge badge-info">{t('procedures.version', { version: active.version })}</span>
              <span className={STATUS_BADGE.active}>{t('procedures.status.active')}</span>
            </span>
          </p>
          <p className="muted">
            {active.activatedAt
              ? `${t('procedures.activeSince', { date: formatBuddhistDate(active.activatedAt, language) })} · `
              : ''}
            {t('procedures.caseCount', { count: active.cases })}
          </p>
          <ProcedureStepList steps={active.steps} crisis="both" />
        </div>
      ) : (
        <p className="muted">{t('procedures.noActive')}</p>
      )}

      {group.others.length > 0 ? (
        <div className="stack">
          <h3 className="procedure-others-heading">{t('procedures.otherVersions')}</h3>
          <ul className="plain-list procedure-versions">
            {group.others.map((version) => (
              <OtherVersion
                key={version.id}
                version={version}
                title={title}
                canActivate={canManage && version.status === 'draft'}
                onActivated={(text) => {
                  onMessage(text);
                  // The draft's row is gone (it is the version in use now): focus goes to the card's heading.
                  window.requestAnimationFrame(() => headingRef.current?.focus());
                }}
              />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function OtherVersion({
  version,
  title,
  canActivate,
  onActivated,
}: {
  version: ProcedureVersion;
  title: string;
  canActivate: boolean;
  onActivated: (text: string) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const activate = useActivateProcedureVersion();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);

  return (
    <li className="procedure-version" data-testid={`procedure-version-${version.version}`}>
      <p className="procedure-version-line">
        <strong>{t('procedures.version', { version: version.version })}</strong>{' '}
        <span className={STATUS_BADGE[version.status]}>{t(`procedures.status.${version.status}`)}</span>{' '}
        <span className="muted">
          {localizedRowName(version, language)} ·{' '}
          {t('procedures.createdAt', { date: formatBuddhistDate(version.createdAt, language) })} ·{' '}
          {t('procedures.caseCount', { count: version.cases })}
        </span>
      </p>
      <details className="procedure-version-steps">
        <summary>{t('procedures.showSteps', { version: version.version })}</summary>
        <ProcedureStepList steps={version.steps} crisis="both" headingLevel={4} />
      </details>
      {canActivate && !confirming ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              activate.reset();
              setConfirming(true);
              window.requestAnimationFrame(() => confirmRef.current?.focus());
            }}
          >
            {t('procedures.activateVersion', { version: version.version })}
          </button>
        </div>
      ) : null}
      {canActivate && confirming ? (
        <div className="panel stack" role="group" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`} ref={confirmRef} tabIndex={-1}>
            {t('procedures.confirmActivate', { name: title, version: version.version })}
          </p>
          {activate.error ? <ErrorMessage error={activate.error} /> : null}
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={activate.isPending}
              onClick={() =>
                activate.mutate(version.id, {
                  onSuccess: (saved) => {
                    setConfirming(false);
                    onActivated(t('procedures.activated', { name: title, version: saved.version }));
                  },
                })
              }
            >
              {activate.isPending ? t('procedures.activating') : t('procedures.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('procedures.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
