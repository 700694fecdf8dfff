import { formatBuddhistDate, type AuditEvent } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { changedFields, formatAuditValue, type ValueTexts } from '../utils/audit-diff.ts';
import { fieldLabel } from '../utils/audit-labels.ts';

/** The fields an event changed, before → after, behind a disclosure so the list stays one line per event. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const { language, t } = useLanguage();
  const changes = changedFields(event.before, event.after);
  const texts: ValueTexts = {
    none: t('home.none'),
    yes: t('audit.yes'),
    no: t('audit.no'),
    date: (day) => formatBuddhistDate(`${day}T12:00:00+07:00`, language),
    dateTime: (instant) => formatBuddhistDate(instant, language, 'dateTime'),
  };
  const reference = event.requestId ? (
    <p className="muted code">{t('audit.requestId', { requestId: event.requestId })}</p>
  ) : null;
  if (changes.length === 0)
    return (
      <>
        <span className="muted">{t('audit.noChanges')}</span>
        {reference}
      </>
    );
  return (
    <details>
      <summary>{t('audit.showChanges', { count: changes.length })}</summary>
      <dl className="details details-compact" aria-label={t('audit.changesLabel')}>
        {changes.map((change) => {
          const label = fieldLabel(change.field, language) ?? (change.field || t('audit.changesLabel'));
          return (
            <div key={change.field}>
              <dt>{label}</dt>
              <dd>
                <span className="visually-hidden">{t('audit.before')}: </span>
                <del>{formatAuditValue(change.before, texts)}</del>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">, {t('audit.after')}: </span>
                <ins>{formatAuditValue(change.after, texts)}</ins>
              </dd>
            </div>
          );
        })}
      </dl>
      {reference}
    </details>
  );
}
