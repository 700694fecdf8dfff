import type { ReportCase } from '@oscc/contract';
import { useId } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { WhenText } from '../../../components/ui/when.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes, useProvinces } from '../../../lib/reference-data.ts';
import { REPORT_CASES_PAGE_SIZE, useAgencies, useReportCases } from '../api/reports.ts';
import { monthLabel, periodLabel, periodOf, searchFromFilter, type DrillQuery } from '../utils/report-filter.ts';
import { formatCount, formatDuration } from '../utils/report-format.ts';
import { useDurationWords } from './report-parts.tsx';

/**
 * "เรื่องที่ติดต่อกลับภายหลัง 24 ชั่วโมง · ราชบุรี · ต.ค. 2568 – ก.ย. 2569": what a drill-down list holds, in words —
 * the measure, then every filter that narrows it, the period last.
 */
export function useDrillTitle(query: DrillQuery, today: string, unitName: string | null): string {
  const { language, t } = useLanguage();
  const problemTypes = useProblemTypes();
  const provinces = useProvinces();
  const agencies = useAgencies();
  const merged = { ...query.filter, ...query.drill };
  if (query.filter.agencyId) merged.agencyId = query.filter.agencyId;
  const parts: string[] = [t(`reports.measure.${query.measure}`)];
  if (merged.problem) {
    const type = problemTypes.data?.find((item) => item.code === merged.problem);
    parts.push(type ? localizedRowName(type, language) : merged.problem);
  }
  if (merged.channel) parts.push(t(`intake.channel.${merged.channel}`));
  if (merged.provinceCode) {
    const province = provinces.data?.find((item) => item.code === merged.provinceCode);
    parts.push(province ? localizedRowName(province, language) : merged.provinceCode);
  }
  if (merged.agencyId) {
    const agency = agencies.data?.find((item) => item.id === merged.agencyId);
    if (agency) parts.push(localizedRowName(agency, language));
  }
  if (query.drill.unitId && unitName) parts.push(unitName);
  if (query.drill.status) parts.push(t(`cases.status.${query.drill.status}`));
  if (query.drill.stepCode) parts.push(t('reports.cases.step', { step: query.drill.stepCode }));
  parts.push(
    query.drill.month ? monthLabel(query.drill.month, language) : periodLabel(periodOf(query.filter, today), language),
  );
  return parts.join(' · ');
}

/** The cases behind a figure, a page at a time: number, received, problem, channel, province, unit, status, first contact. */
export function ReportCases({
  query,
  onOffsetChange,
}: {
  query: DrillQuery;
  onOffsetChange: (offset: number) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const words = useDurationWords();
  const cases = useReportCases(query.filter, query.drill, query.measure, query.offset);
  const problemTypes = useProblemTypes();
  const provinces = useProvinces();
  const problemName = (code: string | null) => {
    if (!code) return '–';
    const type = problemTypes.data?.find((item) => item.code === code);
    return type ? localizedRowName(type, language) : code;
  };
  const provinceName = (code: string | null) => {
    if (!code) return t('reports.none.byProvince');
    const province = provinces.data?.find((item) => item.code === code);
    return province ? localizedRowName(province, language) : code;
  };
  const firstContact = (row: ReportCase) => {
    const took =
      row.firstContactMinutes === null ? '' : ` · ${formatDuration(row.firstContactMinutes, language, words)}`;
    if (row.firstContact === 'met')
      return <span className="badge badge-ok">{`${t('reports.cases.firstContact.met')}${took}`}</span>;
    if (row.firstContact === 'breached')
      return <span className="badge badge-danger">{`${t('reports.cases.firstContact.breached')}${took}`}</span>;
    return <span className="badge badge-muted">{t('reports.cases.firstContact.pending')}</span>;
  };

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {cases.data
          ? t('reports.cases.count', { count: formatCount(cases.data.total, language) })
          : t('reports.cases.heading')}
      </h2>
      <PagedResults
        query={cases}
        emptyText={t('reports.cases.empty')}
        offset={query.offset}
        pageSize={REPORT_CASES_PAGE_SIZE}
        pagerLabel={t('reports.cases.pager')}
        onOffsetChange={onOffsetChange}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={cases.isFetching}
            rows={items}
            rowKey={(row) => row.id}
            rowClassName={(row) => (row.crisis ? 'case-row-crisis' : undefined)}
            columns={[
              {
                key: 'number',
                header: t('reports.cases.column.number'),
                isRowHeader: true,
                cell: (row) => (
                  <>
                    <Link to={`/cases/${row.id}`} className="case-number-link">
                      {row.caseNumber}
                    </Link>
                    {row.crisis ? (
                      <>
                        {' '}
                        <span className="badge badge-danger">{t('reports.cases.crisis')}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'received',
                header: t('reports.cases.column.received'),
                cell: (row) => <WhenText at={row.receivedAt} />,
              },
              { key: 'problem', header: t('reports.cases.column.problem'), cell: (row) => problemName(row.problem) },
              {
                key: 'channel',
                header: t('reports.cases.column.channel'),
                cell: (row) => t(`intake.channel.${row.channel}`),
              },
              {
                key: 'province',
                header: t('reports.cases.column.province'),
                cell: (row) => provinceName(row.provinceCode),
              },
              {
                key: 'unit',
                header: t('reports.cases.column.unit'),
                cell: (row) => (row.unit ? localizedRowName(row.unit, language) : t('reports.cases.noUnit')),
              },
              {
                key: 'status',
                header: t('reports.cases.column.status'),
                cell: (row) => t(`cases.status.${row.status}`),
              },
              { key: 'firstContact', header: t('reports.cases.column.firstContact'), cell: firstContact },
            ]}
          />
        )}
      </PagedResults>
    </section>
  );
}

/** The dashboard this list came from: the same filter, without the figure's own drill. */
export function dashboardHref(query: DrillQuery): string {
  const search = searchFromFilter(query.filter).toString();
  return search ? `/reports?${search}` : '/reports';
}
