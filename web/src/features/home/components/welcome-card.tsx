import { formatBuddhistDate, type SessionResponse } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedName, personName, roleWithScope } from '../../../lib/format.ts';

interface WelcomeCardProps {
  session: SessionResponse;
  now: Date;
}

export function WelcomeCard({ session, now }: WelcomeCardProps) {
  const { language, t } = useLanguage();
  const { user, expiresAt } = session;
  return (
    <section className="card" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading" className="card-title">
        {t('home.welcome', { name: personName(user, language) })}
      </h2>
      <p className="muted">{t('home.today', { date: formatBuddhistDate(now, language, 'longDate') })}</p>
      <dl className="details">
        <div>
          <dt>{t('home.position')}</dt>
          <dd>{user.position ?? t('home.none')}</dd>
        </div>
        <div>
          <dt>{t('home.unit')}</dt>
          <dd>{user.unit ? localizedName(user.unit.name, language) : t('home.none')}</dd>
        </div>
        <div>
          <dt>{t('home.roles')}</dt>
          <dd>
            {user.roles.length === 0 ? (
              t('home.none')
            ) : (
              <ul className="plain-list">
                {user.roles.map((assignment) => (
                  <li key={`${assignment.role}:${assignment.scope.level}:${assignment.scope.ref ?? ''}`}>
                    {roleWithScope(assignment, language, t('roleScope.separator'))}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('home.session')}</dt>
          <dd>
            <time dateTime={expiresAt}>
              {t('home.expires', { dateTime: formatBuddhistDate(expiresAt, language, 'dateTime') })}
            </time>
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function HotlineCard() {
  const { t } = useLanguage();
  return (
    <section className="card card-accent" aria-labelledby="hotline-heading">
      <h2 id="hotline-heading" className="card-title">
        {t('home.hotlineTitle')}
      </h2>
      <p>{t('home.hotlineBody')}</p>
    </section>
  );
}
