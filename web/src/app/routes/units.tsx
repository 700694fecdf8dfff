import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useAgencies } from '../../features/organisations/api/organisations.ts';
import { AgencyList } from '../../features/organisations/components/agency-list.tsx';
import { UnitDirectory } from '../../features/organisations/components/unit-directory.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import { useProvinces } from '../../lib/reference-data.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

export function UnitsRoute() {
  const { session } = useOutletContext<ShellContext>();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return <UnitsPage />;
}

function UnitsPage() {
  const { t } = useLanguage();
  const agencies = useAgencies();
  const provinces = useProvinces();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  return (
    <>
      <PageHeading title={t('units.title')} intro={t('units.intro')} />
      <div className="stack-lg">
        <AgencyList
          agencies={agencies.data}
          error={agencies.error}
          selectedAgencyId={agencyId}
          onSelect={setAgencyId}
        />
        <UnitDirectory
          agencies={agencies.data}
          provinces={provinces.data}
          agencyId={agencyId}
          onAgencyChange={setAgencyId}
        />
      </div>
    </>
  );
}
