import type { Agency } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { buildAgencyTree, flattenAgencyTree, indentForDepth } from '../utils/agency-tree.ts';

interface AgencyOptionsProps {
  agencies: readonly Agency[] | undefined;
  /** Agencies shown but not choosable (the agency itself and its branch, when moving it). */
  disabledIds?: ReadonlySet<string>;
  /** Closed agencies cannot take new units or agencies; a filter still lists them. */
  includeInactive?: boolean;
}

/** The agencies as `<option>`s in tree order, each level indented, so a ministry reads as the head of its branch. */
export function AgencyOptions({ agencies, disabledIds, includeInactive = false }: AgencyOptionsProps) {
  const { language, t } = useLanguage();
  if (!agencies) return null;
  return (
    <>
      {flattenAgencyTree(buildAgencyTree(agencies))
        .filter((node) => includeInactive || node.agency.active)
        .map(({ agency, depth }) => (
          <option key={agency.id} value={agency.id} disabled={disabledIds?.has(agency.id)}>
            {indentForDepth(depth)}
            {localizedRowName(agency, language)}
            {agency.active ? '' : ` (${t('agencies.inactive')})`}
          </option>
        ))}
    </>
  );
}
