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

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useLanguage();
  const className =
    status === 'merged' ? 'badge badge-muted' : status === 'triage' ? 'badge badge-warning' : 'badge badge-info';
  return <span className={className}>{t(`cases.status.${status}`)}</span>;
}
