import type { ReactNode } from 'react';
import { Navigate, useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { Breaches } from '../../features/privacy/components/breaches.tsx';
import { PrivacyNav } from '../../features/privacy/components/privacy-parts.tsx';
import { Retention } from '../../features/privacy/components/retention.tsx';
import { Reveals } from '../../features/privacy/components/reveals.tsx';
import { SubjectRequests } from '../../features/privacy/components/subject-requests.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

function usePrivacyPermissions() {
  const { session } = useOutletContext<ShellContext>();
  return {
    canManage: hasPermission(session.user, 'privacy.manage'),
    canAudit: hasPermission(session.user, 'audit.read'),
  };
}

/** `/privacy`: the registers for the data protection officers, the break-the-glass review for the auditors. */
export function PrivacyRoute() {
  const { canManage, canAudit } = usePrivacyPermissions();
  if (canManage) return <Navigate to="/privacy/requests" replace />;
  if (canAudit) return <Navigate to="/privacy/reveals" replace />;
  return <ForbiddenRoute />;
}

function PrivacyPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const permissions = usePrivacyPermissions();
  return (
    <>
      <PageHeading title={title} intro={intro} />
      <PrivacyNav {...permissions} />
      {children}
    </>
  );
}

/** `/privacy/requests`: data subjects' requests (PDPA s.30–36), for `privacy.manage`. */
export function PrivacyRequestsRoute() {
  const { t } = useLanguage();
  const { canManage } = usePrivacyPermissions();
  if (!canManage) return <ForbiddenRoute />;
  return (
    <PrivacyPage title={t('privacy.requests.title')} intro={t('privacy.requests.intro')}>
      <SubjectRequests />
    </PrivacyPage>
  );
}

/** `/privacy/breaches`: the breach register (s.37(4)), for `privacy.manage`. */
export function PrivacyBreachesRoute() {
  const { t } = useLanguage();
  const { canManage } = usePrivacyPermissions();
  if (!canManage) return <ForbiddenRoute />;
  return (
    <PrivacyPage title={t('privacy.breaches.title')} intro={t('privacy.breaches.intro')}>
      <Breaches />
    </PrivacyPage>
  );
}

/** `/privacy/retention`: retention periods per problem type, for `privacy.manage`. */
export function PrivacyRetentionRoute() {
  const { t } = useLanguage();
  const { canManage } = usePrivacyPermissions();
  if (!canManage) return <ForbiddenRoute />;
  return (
    <PrivacyPage title={t('privacy.retention.title')} intro={t('privacy.retention.intro')}>
      <Retention />
    </PrivacyPage>
  );
}

/** `/privacy/reveals`: every break-the-glass in the reader's audit scope, for `audit.read`. */
export function PrivacyRevealsRoute() {
  const { t } = useLanguage();
  const { canAudit } = usePrivacyPermissions();
  if (!canAudit) return <ForbiddenRoute />;
  return (
    <PrivacyPage title={t('privacy.reveals.title')} intro={t('privacy.reveals.intro')}>
      <Reveals />
    </PrivacyPage>
  );
}
