import {
  EXPORT_FORMATS,
  type DrillFilter,
  type DrillMeasure,
  type ReportFilter,
  type ReportKind,
} from '@oscc/contract';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';
import { exportUrl } from '../api/reports.ts';
import { drillSearch } from '../utils/report-filter.ts';
import type { DurationWords } from '../utils/report-format.ts';
import './reports.css';

/** The words of durations ("3.5 ชั่วโมง"), from the dictionary. */
export function useDurationWords(): DurationWords {
  const { t } = useLanguage();
  return {
    minutes: (count) => t('reports.duration.minutes', { count }),
    hours: (count) => t('reports.duration.hours', { count }),
    days: (count) => t('reports.duration.days', { count }),
  };
}

/** The address of the cases behind a figure. */
export function casesHref(filter: ReportFilter, drill: DrillFilter, measure: DrillMeasure): string {
  return `/reports/cases?${drillSearch(filter, drill, measure).toString()}`;
}

/** A figure that counts cases, as a link to the list of those cases (a zero stays plain text: nothing to list). */
export function CasesLink({
  filter,
  drill,
  measure,
  count,
  label,
  children,
}: {
  filter: ReportFilter;
  drill: DrillFilter;
  measure: DrillMeasure;
  count: number;
  /** A fuller name for the link when the visible text alone is ambiguous (a number in a table cell). */
  label?: string;
  children: ReactNode;
}) {
  if (count === 0) return <span className="report-zero">{children}</span>;
  return (
    <Link to={casesHref(filter, drill, measure)} aria-label={label} className="report-drill-link">
      {children}
    </Link>
  );
}

/** The reports' own pages, one row of links under the heading. */
export function ReportsNav({ canExport }: { canExport: boolean }) {
  const { t } = useLanguage();
  return (
    <nav className="section-nav" aria-label={t('reports.nav.label')}>
      <NavLink to="/reports" end>
        {t('reports.nav.dashboard')}
      </NavLink>
      <NavLink to="/reports/standard">{t('reports.nav.standard')}</NavLink>
      {canExport ? <NavLink to="/reports/subscriptions">{t('reports.nav.subscriptions')}</NavLink> : null}
    </nav>
  );
}

/** Download links for a report with the filter on screen, in the language of the screen. */
export function ExportLinks({ kind, filter, title }: { kind: ReportKind; filter: ReportFilter; title: string }) {
  const { language, t } = useLanguage();
  return (
    <div className="report-export" role="group" aria-label={t('reports.export.label', { title })}>
      <span className="report-export-title">{t('reports.export.heading')}</span>
      {EXPORT_FORMATS.map((format) => (
        <a
          key={format}
          className="button button-small"
          href={exportUrl(kind, filter, format, language)}
          download
          data-format={format}
        >
          {t(`reports.export.${format}`)}
        </a>
      ))}
    </div>
  );
}
