import { Link, useOutletContext, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useAgencies, useProblemTypes } from '../../features/organisations/api/organisations.ts';
import { ImportUnits } from '../../features/organisations/components/import-units.tsx';
import { UnitDirectory } from '../../features/organisations/components/unit-directory.tsx';
import { filtersFromSearch, searchFromFilters } from '../../features/organisations/utils/unit-filters.ts';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import { useProvinces } from '../../lib/reference-data.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** /units: the directory. Its filters live in the address bar, so a filtered list can be shared and reloaded. */
export function UnitsRoute() {
  const { session } = useOutletContext<ShellContext>();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return <UnitsPage canManage={hasPermission(session.user, 'organisations.manage')} />;
}

function UnitsPage({ canManage }: { canManage: boolean }) {
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const agencies = useAgencies();
  const provinces = useProvinces();
  const problemTypes = useProblemTypes();
  return (
    <>
      <PageHeading title={t('units.title')} intro={t('units.intro')} />
      <div className="stack-lg">
        {canManage ? (
          <div className="button-row">
            <Link to="/units/new" className="button button-primary">
              {t('units.addUnit')}
            </Link>
            <Link to="/units/import" className="button">
              {t('units.importUnits')}
            </Link>
          </div>
        ) : null}
        <UnitDirectory
          filters={filtersFromSearch(search)}
          // Replacing keeps the back button for pages, not for every filter step or typed word.
          onFiltersChange={(next) => setSearch(searchFromFilters(next), { replace: true })}
          agencies={agencies.data}
          provinces={provinces.data}
          problemTypes={problemTypes.data}
        />
      </div>
    </>
  );
}

/** /units/import: a units file (.xlsx or .csv), dry run first, then the import. */
export function ImportUnitsRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'organisations.manage')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('importUnits.title')} intro={t('importUnits.intro')} />
      <div className="stack-lg">
        <p>
          <Link to="/units">{t('units.backToList')}</Link>
        </p>
        <ImportUnits />
      </div>
    </>
  );
}
