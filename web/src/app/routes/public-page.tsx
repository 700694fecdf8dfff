import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/ui/language-switch.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

interface PublicPageProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  /** Another width for the card (the public report form is wider than the sign-in form). */
  className?: string;
}

/**
 * The frame of the pages people see before they are signed in: sign-in, forgotten password, setting a password,
 * the public report and its status.
 */
export function PublicPage({ title, intro, children, footer, className = '' }: PublicPageProps) {
  const { t } = useLanguage();
  useDocumentTitle(title);
  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            1300
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch className="button-on-dark" />
      </header>
      <main className="sign-in-main">
        <div className={`card sign-in-card ${className}`.trim()}>
          <h1 id="page-title" tabIndex={-1}>
            {title}
          </h1>
          {intro ? <p className="muted">{intro}</p> : null}
          {children}
          {footer}
        </div>
        <p className="sign-in-tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}

/** An e-mail address handed over in navigation state (from one public page to the next), if there is one. */
export function emailFromState(state: unknown): string {
  const email = typeof state === 'object' && state !== null ? (state as { email?: unknown }).email : undefined;
  return typeof email === 'string' ? email : '';
}
