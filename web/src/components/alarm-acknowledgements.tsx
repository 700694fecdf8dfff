import { formatBuddhistDate, type AlarmItem } from '@oscc/contract';
import { useLanguage } from '../i18n/index.ts';

/** Who acknowledged an alarm, when, and their note — on my alarm list and in a case's alarm history. */
export function AlarmAcknowledgements({
  acknowledgements,
  testId,
}: {
  acknowledgements: AlarmItem['acknowledgements'];
  testId?: string;
}) {
  const { t, language } = useLanguage();
  return (
    <ul className="plain-list alarm-acknowledgements" data-testid={testId}>
      {acknowledgements.map((acknowledgement) => (
        <li key={`${acknowledgement.user.id}-${acknowledgement.at}`}>
          {t('alarms.acknowledgedBy', {
            name: acknowledgement.user.displayName,
            date: formatBuddhistDate(acknowledgement.at, language, 'dateTime'),
          })}
          {acknowledgement.note ? (
            <span className="alarm-acknowledgement-note case-narrative">{acknowledgement.note}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
