import type { ReportBreakdownItem, ReportFilter } from '@oscc/contract';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';
import { shortMonthLabel } from '../utils/report-filter.ts';
import { formatCount } from '../utils/report-format.ts';
import { casesHref } from './report-parts.tsx';

const BAR_WIDTH = 34;
const GAP = 12;
const CHART_HEIGHT = 160;
const TOP = 24;
const BOTTOM = 34;
const LEFT = 8;
const MIN_WIDTH = 320;
/** On a narrow screen the chart shrinks this far at most (its labels stay legible), then scrolls sideways. */
const MIN_SCALE = 0.8;

/**
 * The cases received month by month, as bars drawn in SVG (no chart library): each bar is a link to that month's
 * cases, named in words for a screen reader; the crisis cases are the darker part of each bar.
 */
export function TrendChart({ trend, filter }: { trend: readonly ReportBreakdownItem[]; filter: ReportFilter }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const navigate = useNavigate();
  if (trend.length === 0) return <p className="empty-state">{t('reports.trend.empty')}</p>;
  const max = Math.max(1, ...trend.map((item) => item.cases));
  // Never drawn larger than life: a single month stays one bar wide, not a bar the width of the page.
  const width = Math.max(MIN_WIDTH, LEFT * 2 + trend.length * (BAR_WIDTH + GAP) - GAP);
  const height = TOP + CHART_HEIGHT + BOTTOM;
  const scale = (value: number) => (value / max) * CHART_HEIGHT;
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="report-chart-svg"
        aria-labelledby={`${ids}-caption`}
        style={{ maxWidth: `${width}px`, minWidth: `${Math.round(width * MIN_SCALE)}px` }}
      >
        <line x1={0} x2={width} y1={TOP + CHART_HEIGHT} y2={TOP + CHART_HEIGHT} className="report-chart-axis" />
        {trend.map((item, index) => {
          const x = LEFT + index * (BAR_WIDTH + GAP);
          const barHeight = scale(item.cases);
          const crisisHeight = scale(item.crisis);
          const month = shortMonthLabel(item.key, language);
          const href = casesHref(filter, { month: item.key }, 'cases');
          const label = t('reports.trend.barLabel', {
            month,
            cases: formatCount(item.cases, language),
            crisis: formatCount(item.crisis, language),
          });
          const bar = (
            <>
              <rect
                x={x}
                y={TOP + CHART_HEIGHT - barHeight}
                width={BAR_WIDTH}
                height={barHeight}
                className="report-chart-bar"
              />
              {crisisHeight > 0 ? (
                <rect
                  x={x}
                  y={TOP + CHART_HEIGHT - crisisHeight}
                  width={BAR_WIDTH}
                  height={crisisHeight}
                  className="report-chart-crisis"
                />
              ) : null}
              <text
                x={x + BAR_WIDTH / 2}
                y={TOP + CHART_HEIGHT - barHeight - 6}
                className="report-chart-value"
                aria-hidden="true"
              >
                {formatCount(item.cases, language)}
              </text>
              <text x={x + BAR_WIDTH / 2} y={TOP + CHART_HEIGHT + 22} className="report-chart-month" aria-hidden="true">
                {month}
              </text>
            </>
          );
          return item.cases === 0 ? (
            <g key={item.key} role="img" aria-label={label}>
              {bar}
            </g>
          ) : (
            <a
              key={item.key}
              href={href}
              className="report-chart-link"
              onClick={(event) => {
                event.preventDefault();
                void navigate(href);
              }}
            >
              <title>{label}</title>
              {bar}
            </a>
          );
        })}
      </svg>
      <figcaption id={`${ids}-caption`} className="muted">
        <span className="report-legend-swatch report-chart-bar-swatch" aria-hidden="true" /> {t('reports.trend.cases')}{' '}
        <span className="report-legend-swatch report-chart-crisis-swatch" aria-hidden="true" />{' '}
        {t('reports.trend.crisis')}
      </figcaption>
    </figure>
  );
}
