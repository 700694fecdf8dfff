import type {
  Dashboard,
  DrillFilter,
  DrillMeasure,
  ReportBreakdownItem,
  ReportFilter,
  ReportTotals,
} from '@oscc/contract';
import { useId, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDashboard } from '../api/reports.ts';
import { shareOf } from '../utils/map-classes.ts';
import { periodLabel, searchFromFilter } from '../utils/report-filter.ts';
import { formatCount, formatDuration, formatShare } from '../utils/report-format.ts';
import { ProvinceMap } from './province-map.tsx';
import { CasesLink, ExportLinks, useDurationWords } from './report-parts.tsx';
import { TrendChart } from './trend-chart.tsx';

const BREAKDOWNS = ['byProblem', 'byChannel', 'byProvince', 'byAgency', 'byStatus'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

/** Where a breakdown row's cases lie; "none" (no place, not yet routed) cannot be listed by key. */
function drillOf(breakdown: Breakdown, key: string): DrillFilter | null {
  if (key === 'none') return null;
  switch (breakdown) {
    case 'byProblem':
      return { problem: key };
    case 'byChannel':
      return { channel: key as DrillFilter['channel'] };
    case 'byProvince':
      return { provinceCode: key };
    case 'byAgency':
      return { agencyId: key };
    case 'byStatus':
      return { status: key as DrillFilter['status'] };
  }
}

/**
 * The dashboard of the viewer's scope under the filter: the key figures, the map, the months, the breakdowns and
 * the contacts. Every figure that counts cases links to the list of those cases.
 */
export function ReportDashboard({
  filter,
  canExport,
  onFilterChange,
}: {
  filter: ReportFilter;
  canExport: boolean;
  onFilterChange: (filter: ReportFilter) => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const dashboard = useDashboard(filter);
  const data = dashboard.data;
  if (dashboard.error) return <ErrorMessage error={dashboard.error} />;
  if (!data) return <Loading />;
  const withProvince = (provinceCode: string | undefined) => {
    const next: ReportFilter = { ...filter, provinceCode };
    if (!provinceCode) delete next.provinceCode;
    delete next.districtCode;
    return next;
  };

  return (
    <div className="stack-lg" aria-busy={dashboard.isFetching}>
      <div className="report-summary">
        <p className="report-scope" data-testid="report-scope">
          <span className="muted">{t('reports.scope')}</span> <strong>{data.scope[language]}</strong>
        </p>
        <p className="report-scope" data-testid="report-period">
          <span className="muted">{t('reports.period')}</span> <strong>{periodLabel(data.period, language)}</strong>
        </p>
        {canExport ? <ExportLinks kind="dashboard" filter={filter} title={t('reports.dashboard.title')} /> : null}
      </div>

      {data.totals.cases === 0 && data.totals.contacts === 0 ? (
        <p className="empty-state">{t('reports.dashboard.empty')}</p>
      ) : null}

      <KeyFigures totals={data.totals} filter={filter} />

      <section className="card stack" aria-labelledby={`${ids}-map`}>
        <h2 id={`${ids}-map`} className="card-title">
          {t('reports.map.heading')}
        </h2>
        <ProvinceMap
          byProvince={data.byProvince}
          selectedCode={filter.provinceCode ?? null}
          provinceHref={(code) => `/reports?${searchFromFilter(withProvince(code)).toString()}`}
          onSelect={(code) => onFilterChange(withProvince(code))}
          onClear={() => onFilterChange(withProvince(undefined))}
        />
      </section>

      <section className="card stack" aria-labelledby={`${ids}-trend`}>
        <h2 id={`${ids}-trend`} className="card-title">
          {t('reports.trend.heading')}
        </h2>
        <TrendChart trend={data.trend} filter={filter} />
      </section>

      <Breakdowns dashboard={data} filter={filter} />

      <ContactOutcomes dashboard={data} />
    </div>
  );
}

function KeyFigures({ totals, filter }: { totals: ReportTotals; filter: ReportFilter }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const words = useDurationWords();
  const count = (value: number) => formatCount(value, language);
  const reached = shareOf(totals.reachedMet, totals.reachedBreached);
  const steps = shareOf(totals.stepsMet, totals.stepsBreached);
  const duration = (minutes: number | null) =>
    minutes === null ? (
      <span className="report-figure-none">{t('reports.figures.noMedian')}</span>
    ) : (
      formatDuration(minutes, language, words)
    );
  const figureLink = (measure: DrillMeasure, value: number, label: string) => (
    <CasesLink filter={filter} drill={{}} measure={measure} count={value}>
      <span className="report-figure-value">{count(value)}</span>
      <span className="report-figure-label">{label}</span>
    </CasesLink>
  );
  const part = (measure: DrillMeasure, value: number, label: string) => (
    <li>
      <CasesLink filter={filter} drill={{}} measure={measure} count={value}>
        {t('reports.figures.part', { label, count: count(value) })}
      </CasesLink>
    </li>
  );

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="visually-hidden">
        {t('reports.figures.heading')}
      </h2>
      <ul className="plain-list report-figures" data-testid="report-figures">
        <li className="report-figure report-figure-main" data-testid="figure-cases">
          {figureLink('cases', totals.cases, t('reports.figures.cases'))}
        </li>
        <li className="report-figure" data-testid="figure-crisis">
          {figureLink('crisis', totals.crisis, t('reports.figures.crisis'))}
        </li>
        <li className="report-figure" data-testid="figure-reached">
          <span className="report-figure-value">{reached === null ? '–' : formatShare(reached, language)}</span>
          <span className="report-figure-label">{t('reports.figures.reached')}</span>
          <ul className="plain-list report-figure-parts">
            {part('reached_met', totals.reachedMet, t('reports.figures.met'))}
            {part('reached_breached', totals.reachedBreached, t('reports.figures.late'))}
            {part('reached_pending', totals.reachedPending, t('reports.figures.pending'))}
          </ul>
        </li>
        <li className="report-figure" data-testid="figure-steps">
          <span className="report-figure-value">{steps === null ? '–' : formatShare(steps, language)}</span>
          <span className="report-figure-label">{t('reports.figures.steps')}</span>
          <ul className="plain-list report-figure-parts">
            {part('steps_met', totals.stepsMet, t('reports.figures.stepsMet'))}
            {part('steps_breached', totals.stepsBreached, t('reports.figures.stepsLate'))}
          </ul>
        </li>
        <li className="report-figure report-figure-now" data-testid="figure-overdue">
          {figureLink('overdue_now', totals.overdueNow, t('reports.figures.overdueNow'))}
          <span className="report-figure-note">{t('reports.figures.nowNote')}</span>
        </li>
        <li className="report-figure report-figure-now" data-testid="figure-alarms">
          {figureLink('open_alarms', totals.openAlarms, t('reports.figures.openAlarms'))}
          <span className="report-figure-note">{t('reports.figures.nowNote')}</span>
        </li>
        <li className="report-figure" data-testid="figure-closed">
          {figureLink('closed', totals.closed, t('reports.figures.closed'))}
        </li>
        <li className="report-figure" data-testid="figure-medians">
          <span className="report-figure-label">{t('reports.figures.medianFirstContact')}</span>
          <span className="report-figure-value report-figure-value-small">
            {duration(totals.medianFirstContactMinutes)}
          </span>
          <span className="report-figure-label">{t('reports.figures.medianClosure')}</span>
          <span className="report-figure-value report-figure-value-small">{duration(totals.medianClosureMinutes)}</span>
        </li>
        <li className="report-figure" data-testid="figure-contacts">
          <span className="report-figure-value">{count(totals.contacts)}</span>
          <span className="report-figure-label">{t('reports.figures.contacts')}</span>
          <span className="report-figure-note">
            {t('reports.figures.contactsNoCase', { count: count(totals.contactsNoCase) })}
          </span>
          <span className="report-figure-note">{t('reports.figures.contactsNote')}</span>
        </li>
      </ul>
    </section>
  );
}

function Breakdowns({ dashboard, filter }: { dashboard: Dashboard; filter: ReportFilter }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [breakdown, setBreakdown] = useState<Breakdown>('byProblem');
  const rows = dashboard[breakdown];
  const max = Math.max(1, ...rows.map((row) => row.cases));
  const nameOf = (row: ReportBreakdownItem) => {
    if (row.key === 'none') return t(`reports.none.${breakdown}`);
    if (breakdown === 'byChannel') return t(`intake.channel.${row.key as 'hotline'}`, { defaultValue: row.nameTh });
    if (breakdown === 'byStatus') return t(`cases.status.${row.key as 'new'}`, { defaultValue: row.nameTh });
    return localizedRowName(row, language);
  };
  const link = (row: ReportBreakdownItem, measure: DrillMeasure, value: number, column: string) => {
    const drill = drillOf(breakdown, row.key);
    const text = formatCount(value, language);
    if (!drill) return text;
    return (
      <CasesLink
        filter={filter}
        drill={drill}
        measure={measure}
        count={value}
        label={t('reports.breakdown.cellLabel', { name: nameOf(row), column, count: text })}
      >
        {text}
      </CasesLink>
    );
  };
  const figureColumn = (
    key: string,
    header: string,
    measure: DrillMeasure,
    value: (row: ReportBreakdownItem) => number,
  ): DataTableColumn<ReportBreakdownItem> => ({
    key,
    header,
    className: 'report-number',
    cell: (row) => link(row, measure, value(row), header),
  });
  const columns: DataTableColumn<ReportBreakdownItem>[] = [
    { key: 'name', header: t(`reports.breakdown.nameColumn.${breakdown}`), isRowHeader: true, cell: nameOf },
    {
      key: 'cases',
      header: t('reports.column.cases'),
      className: 'report-number report-bar-cell',
      cell: (row) => (
        <>
          {link(row, 'cases', row.cases, t('reports.column.cases'))}
          <span className="report-bar" aria-hidden="true">
            <span style={{ width: `${(row.cases / max) * 100}%` }} />
          </span>
        </>
      ),
    },
  ];
  if (breakdown !== 'byStatus')
    columns.push(
      figureColumn('crisis', t('reports.column.crisis'), 'crisis', (row) => row.crisis),
      figureColumn('reachedMet', t('reports.column.reachedMet'), 'reached_met', (row) => row.reachedMet),
      figureColumn(
        'reachedBreached',
        t('reports.column.reachedBreached'),
        'reached_breached',
        (row) => row.reachedBreached,
      ),
      figureColumn('stepsBreached', t('reports.column.stepsBreached'), 'steps_breached', (row) => row.stepsBreached),
      figureColumn('overdueNow', t('reports.column.overdueNow'), 'overdue_now', (row) => row.overdueNow),
      figureColumn('closed', t('reports.column.closed'), 'closed', (row) => row.closed),
    );

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('reports.breakdown.heading')}
      </h2>
      <div className="report-tabs" role="group" aria-label={t('reports.breakdown.tabsLabel')}>
        {BREAKDOWNS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === breakdown ? 'button button-small button-primary' : 'button button-small'}
            aria-pressed={name === breakdown}
            onClick={() => setBreakdown(name)}
          >
            {t(`reports.breakdown.tab.${name}`)}
          </button>
        ))}
      </div>
      <h3 id={`${ids}-table`} className="report-table-title">
        {t(`reports.breakdown.title.${breakdown}`)}
      </h3>
      {rows.length === 0 ? (
        <p className="empty-state">{t('reports.breakdown.empty')}</p>
      ) : (
        <DataTable columns={columns} rows={rows} rowKey={(row) => row.key} labelledBy={`${ids}-table`} />
      )}
    </section>
  );
}

function ContactOutcomes({ dashboard }: { dashboard: Dashboard }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const rows = dashboard.contactsByOutcome.filter((row) => row.contacts > 0);
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('reports.outcomes.heading')}
      </h2>
      {rows.length === 0 ? (
        <p className="empty-state">{t('reports.outcomes.empty')}</p>
      ) : (
        <DataTable
          columns={[
            {
              key: 'outcome',
              header: t('reports.outcomes.outcome'),
              isRowHeader: true,
              cell: (row) => t(`intake.outcome.${row.outcome}`),
            },
            {
              key: 'contacts',
              header: t('reports.outcomes.contacts'),
              className: 'report-number',
              cell: (row) => formatCount(row.contacts, language),
            },
          ]}
          rows={rows}
          rowKey={(row) => row.outcome}
          labelledBy={`${ids}-heading`}
        />
      )}
    </section>
  );
}
