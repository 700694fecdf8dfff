import { CHANNELS, type SubscriptionFilter } from '@oscc/contract';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes, useProvinces } from '../../../lib/reference-data.ts';
import { useAgencies } from '../api/reports.ts';

/**
 * The four filters of a report besides its period — problem, channel, province, ministry or agency — as the
 * fields of a grid the caller lays out: the dashboard's filter bar and a subscription's form use the same ones.
 */
export function ReportFilterFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: SubscriptionFilter;
  onChange: (changes: Partial<SubscriptionFilter>) => void;
}) {
  const { language, t } = useLanguage();
  const problemTypes = useProblemTypes();
  const provinces = useProvinces();
  const agencies = useAgencies();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-problem`}>{t('reports.filter.problem')}</label>
        <select
          id={`${idPrefix}-problem`}
          value={value.problem ?? ''}
          onChange={(event) => onChange({ problem: event.target.value || undefined })}
        >
          <option value="">{t('reports.filter.all')}</option>
          {problemTypes.data?.map((type) => (
            <option key={type.code} value={type.code}>
              {localizedRowName(type, language)}
            </option>
          ))}
          {/* A code from an old link that the list no longer offers stays visible, not silently dropped. */}
          {value.problem && problemTypes.data && !problemTypes.data.some((type) => type.code === value.problem) ? (
            <option value={value.problem}>{value.problem}</option>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-channel`}>{t('reports.filter.channel')}</label>
        <select
          id={`${idPrefix}-channel`}
          value={value.channel ?? ''}
          onChange={(event) =>
            onChange({ channel: (event.target.value || undefined) as SubscriptionFilter['channel'] })
          }
        >
          <option value="">{t('reports.filter.all')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`intake.channel.${channel}`)}
            </option>
          ))}
        </select>
      </div>
      <ProvinceSelect
        id={`${idPrefix}-province`}
        label={t('reports.filter.province')}
        provinces={provinces.data}
        value={value.provinceCode ?? null}
        onChange={(provinceCode) => onChange({ provinceCode: provinceCode ?? undefined })}
      />
      <div className="field">
        <label htmlFor={`${idPrefix}-agency`}>{t('reports.filter.agency')}</label>
        <select
          id={`${idPrefix}-agency`}
          value={value.agencyId ?? ''}
          onChange={(event) => onChange({ agencyId: event.target.value || undefined })}
        >
          <option value="">{t('reports.filter.all')}</option>
          {agencies.data
            ?.filter((agency) => agency.active || agency.id === value.agencyId)
            .map((agency) => (
              <option key={agency.id} value={agency.id}>
                {/* The tree shown by indenting: a ministry, then its departments under it. */}
                {`${'\u2003'.repeat(agency.depth)}${localizedRowName(agency, language)}`}
              </option>
            ))}
        </select>
      </div>
    </>
  );
}
