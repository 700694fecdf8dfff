import { useOutletContext, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { parseReferralTab } from '../../features/cases/api/referrals.ts';
import { ReferralInbox } from '../../features/cases/components/referral-inbox.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** `/referrals?tab=all&offset=25`: the referrals sent to the units the signed-in person works for. */
export function ReferralsRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  if (!hasPermission(session.user, 'cases.work')) return <ForbiddenRoute />;
  const tab = parseReferralTab(search.get('tab'));
  const offset = Math.max(0, Math.floor(Number(search.get('offset')) || 0));
  return (
    <>
      <PageHeading title={t('referrals.title')} intro={t('referrals.intro')} />
      <ReferralInbox
        tab={tab}
        offset={offset}
        onChange={(next) => {
          const params = new URLSearchParams();
          if (next.tab !== 'open') params.set('tab', next.tab);
          if (next.offset > 0) params.set('offset', String(next.offset));
          setSearch(params);
        }}
      />
    </>
  );
}
