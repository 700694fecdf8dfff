import { useLanguage } from '../../../i18n/index.ts';

/** Before anything else: a form is not the way to get help in an emergency, a phone call is. */
export function EmergencyNote() {
  const { t } = useLanguage();
  return (
    <aside className="emergency-note" aria-labelledby="emergency-note-title">
      <h2 id="emergency-note-title">{t('publicReport.emergencyTitle')}</h2>
      <p>{t('publicReport.emergencyText')}</p>
      <ul className="emergency-calls">
        <li>
          <a className="button button-emergency" href="tel:1300">
            {t('publicReport.call1300')}
          </a>
        </li>
        <li>
          <a className="button" href="tel:191">
            {t('publicReport.call191')}
          </a>
        </li>
        <li>
          <a className="button" href="tel:1669">
            {t('publicReport.call1669')}
          </a>
        </li>
      </ul>
    </aside>
  );
}
