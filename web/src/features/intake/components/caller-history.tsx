import { formatBuddhistDate } from '@oscc/contract';
import { useId } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useCallerHistory } from '../api/intake.ts';
import { useStatusLabel } from './intake-labels.ts';

/**
 * What the centre already knows about the number being typed: earlier contacts and open cases. Announced politely,
 * so a screen reader user hears it without losing the place where they type.
 */
export function CallerHistory({ phone }: { phone: string | null }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const history = useCallerHistory(phone);
  const statusLabel = useStatusLabel();
  if (phone === null) return null;
  const data = history.data;
  const isEmpty = data && data.contacts.length === 0 && data.openCases.length === 0;
  return (
    <section className="caller-history" aria-labelledby={`${ids}-heading`} aria-live="polite">
      <h2 id={`${ids}-heading`} className="caller-history-title">
        {t('intake.history.heading')}
      </h2>
      {history.isFetching && !data ? <p className="muted">{t('intake.history.loading')}</p> : null}
      {history.error ? <ErrorMessage error={history.error} /> : null}
      {isEmpty ? <p className="muted">{t('intake.history.none')}</p> : null}
      {data && data.openCases.length > 0 ? (
        <>
          <h3 className="caller-history-subtitle">{t('intake.history.openCases', { count: data.openCases.length })}</h3>
          <ul className="plain-list caller-history-list">
            {data.openCases.map((item) => (
              <li key={item.id}>
                {t('intake.history.caseLine', {
                  caseNumber: item.caseNumber,
                  status: statusLabel(item.status),
                  date: formatBuddhistDate(item.createdAt, language, 'dateTime'),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data && data.contacts.length > 0 ? (
        <>
          <h3 className="caller-history-subtitle">{t('intake.history.contacts', { count: data.contacts.length })}</h3>
          <ul className="plain-list caller-history-list">
            {data.contacts.map((contact) => (
              <li key={contact.id}>
                <time dateTime={contact.receivedAt}>
                  {formatBuddhistDate(contact.receivedAt, language, 'dateTime')}
                </time>
                {' · '}
                <strong>{t(`intake.outcome.${contact.outcome}`)}</strong>
                {' · '}
                {t(`intake.channel.${contact.channel}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
