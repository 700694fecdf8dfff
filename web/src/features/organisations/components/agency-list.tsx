import type { Agency } from '@oscc/contract';
import { useId } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { agenciesWithUnits } from '../utils/agency-order.ts';

interface AgencyListProps {
  agencies: readonly Agency[] | undefined;
  error: unknown;
  selectedAgencyId: string | null;
  onSelect: (agencyId: string | null) => void;
}

export function AgencyList({ agencies, error, selectedAgencyId, onSelect }: AgencyListProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('units.agenciesHeading')}
        </h2>
        {selectedAgencyId ? (
          <button type="button" className="button button-link" onClick={() => onSelect(null)}>
            {t('units.showAllAgencies')}
          </button>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {!agencies && !error ? <Loading /> : null}
      {agencies ? (
        <ul className="agency-grid">
          {agenciesWithUnits(agencies).map(({ agency, parent }) => (
            <li key={agency.id}>
              <button
                type="button"
                className="agency"
                aria-pressed={agency.id === selectedAgencyId}
                onClick={() => onSelect(agency.id === selectedAgencyId ? null : agency.id)}
              >
                <span className="agency-name">
                  {localizedRowName(agency, language)}
                  {agency.abbrTh && language === 'th' ? ` (${agency.abbrTh})` : ''}
                </span>
                {parent ? <span className="agency-parent">{localizedRowName(parent, language)}</span> : null}
                <span className="agency-count">{t('units.agencyUnits', { count: agency.unitCount })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
