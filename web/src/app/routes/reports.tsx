import { useMemo } from 'react';
import { Link, useOutletContext, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { ReportCases, dashboardHref, useDrillTitle } from '../../features/reports/components/report-cases.tsx';
import { ReportDashboard } from '../../features/reports/components/report-dashboard.tsx';
import { ReportFilterBar } from '../../features/reports/components/report-filter-bar.tsx';
import { ReportsNav } from '../../features/reports/components/report-parts.tsx';
import { ReportSubscriptions } from '../../features/reports/components/report-subscriptions.tsx';
import {
  parseStandardKind,
  StandardReport,
  StandardReportPicker,
} from '../../features/reports/components/standard-report.tsx';
import {
  bangkokToday,
  drillQueryFromSearch,
  filterFromSearch,
  searchFromFilter,
} from '../../features/reports/utils/report-filter.ts';
import { useReportCases, useReportDocument } from '../../features/reports/api/reports.ts';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission, localizedRowName } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** Today in Bangkok, read once per page: the presets and the default period are counted from it. */
function useToday(): string {
  return useMemo(() => bangkokToday(new Date()), []);
}

/**
 * `/reports?from=&to=&problem=&channel=&provinceCode=&agencyId=`: the dashboard of the viewer's scope, for
 * `reports.read`; the filter lives in the address.
 */
export function ReportsDashboardRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const today = useToday();
  if (!hasPermission(session.user, 'reports.read')) return <ForbiddenRoute />;
  const canExport = hasPermission(session.user, 'reports.export');
  const filter = filterFromSearch(search);
  const setFilter = (next: typeof filter) => setSearch(searchFromFilter(next));
  return (
    <>
      <PageHeading title={t('reports.dashboard.title')} intro={t('reports.dashboard.intro')} />
      <ReportsNav canExport={canExport} />
      <div className="stack-lg">
        <ReportFilterBar filter={filter} today={today} onChange={setFilter} />
        <ReportDashboard filter={filter} canExport={canExport} onFilterChange={setFilter} />
      </div>
    </>
  );
}

/** `/reports/cases?<filter>&<drill>&measure=&offset=`: the cases behind a figure. */
export function ReportCasesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { language, t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const today = useToday();
  const query = drillQueryFromSearch(search);
  // A unit is named by its cases (the list's own query, shared with the list below).
  const cases = useReportCases(query.filter, query.drill, query.measure, query.offset);
  const unit = query.drill.unitId
    ? cases.data?.items.find((item) => item.unit?.id === query.drill.unitId)?.unit
    : undefined;
  const title = useDrillTitle(query, today, unit ? localizedRowName(unit, language) : null);
  if (!hasPermission(session.user, 'reports.read')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={title} intro={t('reports.cases.intro')} />
      <p className="back-link-row">
        <Link to={dashboardHref(query)}>{t('reports.cases.back')}</Link>
      </p>
      <ReportCases
        query={query}
        onOffsetChange={(offset) => {
          const next = new URLSearchParams(search);
          if (offset > 0) next.set('offset', String(offset));
          else next.delete('offset');
          setSearch(next);
        }}
      />
    </>
  );
}

/** `/reports/standard?kind=monthly|service|compliance&<filter>`: the standard reports, with their files. */
export function StandardReportsRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const today = useToday();
  const kind = parseStandardKind(search.get('kind'));
  const filter = filterFromSearch(search);
  // Without dates each report takes its own period (the monthly one: last month); the filter shows the server's.
  const report = useReportDocument(kind, filter);
  const defaultPeriod = !filter.from && !filter.to && report.data?.kind === kind ? report.data.period : undefined;
  if (!hasPermission(session.user, 'reports.read')) return <ForbiddenRoute />;
  const canExport = hasPermission(session.user, 'reports.export');
  const go = (nextKind: string, nextFilter: typeof filter) => {
    const next = searchFromFilter(nextFilter);
    if (nextKind !== 'monthly') next.set('kind', nextKind);
    setSearch(next);
  };
  return (
    <>
      <PageHeading title={t('reports.standard.title')} intro={t('reports.standard.intro')} />
      <ReportsNav canExport={canExport} />
      <div className="stack-lg">
        <StandardReportPicker kind={kind} onKindChange={(next) => go(next, filter)} />
        <ReportFilterBar
          filter={filter}
          today={today}
          defaultPeriod={defaultPeriod}
          onChange={(next) => go(kind, next)}
        />
        <StandardReport kind={kind} filter={filter} canExport={canExport} />
      </div>
    </>
  );
}

/** `/reports/subscriptions`: my reports by e-mail, for `reports.export`. */
export function ReportSubscriptionsRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'reports.export')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('reports.subscriptions.title')} intro={t('reports.subscriptions.intro')} />
      <ReportsNav canExport />
      <ReportSubscriptions />
    </>
  );
}
