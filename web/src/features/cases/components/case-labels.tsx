import type { CaseStatus } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes } from '../../../lib/reference-data.ts';
import { isSeverity, SEVERITY_KEYS } from '../utils/case-view.ts';

/** Problem-type codes as their names in the reader's language; a code no longer listed shows as itself. */
export function useProblemTypeName(): (code: string) => string {
  const { language } = useLanguage();
  const problemTypes = useProblemTypes();
  const byCode = new Map((problemTypes.data ?? []).map((type) => [type.code, type]));
  return (code) => {
    const type = byCode.get(code);
    return type ? localizedRowName(type, language) : code;
  };
}

export function CrisisBadge() {
  const { t } = useLanguage();
  return <span className="badge badge-danger">{t('cases.crisis')}</span>;
}

export function SeverityBadge({ severity }: { severity: number }) {
  const { t } = useLanguage();
  if (!isSeverity(severity)) return <span className="badge badge-muted">{severity}</span>;
  const className = severity >= 4 ? 'badge badge-danger' : severity === 3 ? 'badge badge-warning' : 'badge badge-muted';
  return <span className={className}>{t(`intake.severityLevel.${SEVERITY_KEYS[severity]}`)}</span>;
}

/** How each state looks: waiting on someone is a warning, finished or merged is muted, worked is information. */
const STATUS_BADGE_CLASS: Record<CaseStatus, string> = {
  triage: 'badge badge-warning',
  new: 'badge badge-info',
  referred: 'badge badge-warning',
  in_progress: 'badge badge-info',
  pending_closure: 'badge badge-warning',
  closed: 'badge badge-ok',
  reopened: 'badge badge-info',
  merged: 'badge badge-muted',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useLanguage();
  return <span className={STATUS_BADGE_CLASS[status]}>{t(`cases.status.${status}`)}</span>;
}
