import type { SessionResponse } from '@oscc/contract';
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/ui/language-switch.tsx';
import { AlarmBell, AlarmLiveNotice, useAlarmNotice } from '../features/alarms/components/alarm-bell.tsx';
import { useLanguage } from '../i18n/index.ts';
import { personName, roleWithScope } from '../lib/format.ts';
import { navigationFor } from './navigation.ts';
import { SignOutButton } from './sign-out-button.tsx';

export interface ShellContext {
  session: SessionResponse;
}

export function AppShell({ session }: { session: SessionResponse }) {
  const { language, t } = useLanguage();
  const { user } = session;
  const location = useLocation();
  const previousPath = useRef(location.pathname);
  // One live alarm feed per tab, for as long as someone is signed in here.
  const notice = useAlarmNotice(user.id);

  // After an in-app navigation, focus goes to the new page's heading, as it would after a full page load.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    document.getElementById('page-title')?.focus();
  }, [location.pathname]);

  const separator = t('roleScope.separator');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              1300
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <div className="header-tools">
            <div className="person">
              <span className="visually-hidden">{t('auth.signedInAs')} </span>
              <span className="person-name">{personName(user, language)}</span>
              {user.roles.map((assignment) => (
                <span className="person-role" key={`${assignment.role}:${assignment.scope.ref ?? ''}`}>
                  {roleWithScope(assignment, language, separator)}
                </span>
              ))}
            </div>
            <div className="header-actions">
              <AlarmBell onOpen={notice.dismiss} />
              <LanguageSwitch className="button-on-dark" />
              <SignOutButton />
            </div>
          </div>
        </div>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul>
            {navigationFor(user.permissions).map((item) => (
              <li key={item.to}>
                {item.external ? (
                  <a href={item.to}>{t(item.label)}</a>
                ) : (
                  <NavLink to={item.to} end={item.to === '/' || item.end}>
                    {t(item.label)}
                  </NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <AlarmLiveNotice alarmId={notice.alarmId} isShown={notice.isShown} onDismiss={notice.dismiss} />
      <main id="main" className="site-main" tabIndex={-1}>
        <Outlet context={{ session } satisfies ShellContext} />
      </main>
      <footer className="site-footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
