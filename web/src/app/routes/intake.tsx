import { Link, useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { HotlineConsole } from '../../features/intake/components/hotline-console.tsx';
import { SocialInbox } from '../../features/intake/components/social-inbox.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** `/intake`: the hotline console — every call recorded, the ones that need help as routed cases. */
export function IntakeRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'cases.intake')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('intake.title')} intro={t('intake.intro')} />
      <div className="button-row intake-links">
        <Link to="/intake/messages" className="button">
          {t('intake.messages.title')}
        </Link>
      </div>
      <HotlineConsole />
    </>
  );
}

/** `/intake/messages`: LINE and Facebook conversations awaiting triage, with replies to the person. */
export function IntakeMessagesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'cases.intake')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('intake.messages.title')} intro={t('intake.messages.intro')} />
      <SocialInbox />
    </>
  );
}
