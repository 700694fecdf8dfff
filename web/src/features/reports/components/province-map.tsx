import type { ReportBreakdownItem } from '@oscc/contract';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProvinces } from '../../../lib/reference-data.ts';
import {
  classOf,
  indicatorValue,
  isShare,
  MAP_INDICATORS,
  mapClasses,
  NO_DATA_COLOUR,
  type MapIndicator,
} from '../utils/map-classes.ts';
import { MAP_WATER_IDS, provinceCodeOfMapId, THAILAND_MAP as thailand } from '../utils/province-map.ts';
import { formatCount, formatShare } from '../utils/report-format.ts';

const SHAPES = thailand.locations.map((location) => ({
  ...location,
  code: provinceCodeOfMapId(location.id),
  isWater: MAP_WATER_IDS.includes(location.id),
}));

/**
 * The 77 provinces coloured by one indicator (five classes and "no data"), each a link: a click (or Enter) narrows
 * the whole dashboard to that province, and the map then shows it close up. Hovering or focusing a province names
 * it with its figure; the table below the map says the same in text.
 */
export function ProvinceMap({
  byProvince,
  selectedCode,
  provinceHref,
  onSelect,
  onClear,
}: {
  byProvince: readonly ReportBreakdownItem[];
  selectedCode: string | null;
  provinceHref: (code: string) => string;
  onSelect: (code: string) => void;
  onClear: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const provinces = useProvinces();
  const [indicator, setIndicator] = useState<MapIndicator>('cases');
  const [pointed, setPointed] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [viewBox, setViewBox] = useState(thailand.viewBox);

  const byCode = useMemo(() => new Map(byProvince.map((item) => [item.key, item])), [byProvince]);
  const values = byProvince.map((item) => indicatorValue(item, indicator)).filter((value) => value !== null);
  const classes = mapClasses(indicator, values);
  const nameOf = (code: string) => {
    const province = provinces.data?.find((item) => item.code === code);
    const item = byCode.get(code);
    return province ? localizedRowName(province, language) : item ? localizedRowName(item, language) : code;
  };
  const valueText = (value: number | null) =>
    value === null
      ? t('reports.map.noData')
      : isShare(indicator)
        ? formatShare(value, language)
        : t('reports.map.countValue', { count: formatCount(value, language) });
  const describe = (code: string) =>
    t('reports.map.provinceValue', {
      province: nameOf(code),
      indicator: t(`reports.map.indicator.${indicator}`),
      value: valueText(indicatorValue(byCode.get(code), indicator)),
    });

  // A chosen province is shown close up: the map zooms to its outline (with a margin), and back out without one.
  useLayoutEffect(() => {
    if (!selectedCode || !svg.current) {
      setViewBox(thailand.viewBox);
      return;
    }
    const shape = svg.current.querySelector<SVGPathElement>(`[data-code="${selectedCode}"]`);
    if (!shape) return;
    const box = shape.getBBox();
    const margin = Math.max(box.width, box.height) * 0.6 + 10;
    setViewBox(`${box.x - margin} ${box.y - margin} ${box.width + 2 * margin} ${box.height + 2 * margin}`);
  }, [selectedCode]);

  const pointedText = pointed ? describe(pointed) : selectedCode ? describe(selectedCode) : t('reports.map.hint');

  return (
    <div className="report-map">
      <div className="report-map-tools">
        <div className="field">
          <label htmlFor={`${ids}-indicator`}>{t('reports.map.indicatorLabel')}</label>
          <select
            id={`${ids}-indicator`}
            value={indicator}
            onChange={(event) => setIndicator(event.target.value as MapIndicator)}
          >
            {MAP_INDICATORS.map((name) => (
              <option key={name} value={name}>
                {t(`reports.map.indicator.${name}`)}
              </option>
            ))}
          </select>
        </div>
        {selectedCode ? (
          <button type="button" className="button button-small" onClick={onClear}>
            {t('reports.map.back')}
          </button>
        ) : null}
      </div>
      <p className="report-map-pointed" data-testid="map-pointed">
        {pointedText}
      </p>
      <div className="report-map-body">
        <svg
          ref={svg}
          viewBox={viewBox}
          className="report-map-svg"
          aria-labelledby={`${ids}-label`}
          onMouseLeave={() => setPointed(null)}
        >
          <title id={`${ids}-label`}>{t('reports.map.label')}</title>
          {SHAPES.map((shape) => {
            if (shape.isWater || !shape.code)
              return <path key={shape.id} d={shape.path} className="report-map-water" aria-hidden="true" />;
            const code = shape.code;
            const value = indicatorValue(byCode.get(code), indicator);
            const fill = value === null ? NO_DATA_COLOUR : (classOf(value, classes)?.colour ?? NO_DATA_COLOUR);
            const label = describe(code);
            return (
              <a
                key={shape.id}
                href={provinceHref(code)}
                aria-label={label}
                className="report-map-province"
                aria-current={code === selectedCode ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(code);
                }}
                onMouseEnter={() => setPointed(code)}
                onFocus={() => setPointed(code)}
                onBlur={() => setPointed(null)}
              >
                <path d={shape.path} data-code={code} fill={fill} />
              </a>
            );
          })}
        </svg>
        <div className="report-map-legend">
          <p className="report-map-legend-title">{t(`reports.map.indicator.${indicator}`)}</p>
          <ul className="plain-list">
            {classes.map((item, index) => (
              <li key={item.colour}>
                <span className="report-legend-swatch" style={{ background: item.colour }} aria-hidden="true" />
                {isShare(indicator)
                  ? t('reports.map.range', {
                      from: formatShare(item.from, language),
                      to: formatShare(item.to, language),
                    })
                  : index === classes.length - 1
                    ? t('reports.map.atLeast', { from: formatCount(item.from, language) })
                    : item.to - item.from === 1
                      ? formatCount(item.from, language)
                      : t('reports.map.range', {
                          from: formatCount(item.from, language),
                          to: formatCount(item.to - 1, language),
                        })}
              </li>
            ))}
            <li>
              <span className="report-legend-swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
              {t('reports.map.noData')}
            </li>
          </ul>
          <p className="report-map-credit">{t('reports.map.credit')}</p>
        </div>
      </div>
      <details className="report-map-table">
        <summary>{t('reports.map.tableSummary')}</summary>
        {byProvince.length === 0 ? (
          <p className="empty-state">{t('reports.map.tableEmpty')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('reports.map.tableSummary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.column.province')}</th>
                <th scope="col">{t(`reports.map.indicator.${indicator}`)}</th>
              </tr>
            </thead>
            <tbody>
              {byProvince.map((item) => (
                <tr key={item.key}>
                  <th scope="row">{item.key === 'none' ? t('reports.none.byProvince') : nameOf(item.key)}</th>
                  <td data-label={t(`reports.map.indicator.${indicator}`)}>
                    {valueText(indicatorValue(item, indicator))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
