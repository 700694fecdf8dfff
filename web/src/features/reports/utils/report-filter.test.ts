import { describe, expect, it } from 'vitest';
import { classOf, indicatorValue, mapClasses } from './map-classes.ts';
import {
  bangkokToday,
  drillQueryFromSearch,
  drillSearch,
  filterFromSearch,
  fiscalYearOf,
  periodLabel,
  presetOf,
  presetPeriod,
  shortMonthLabel,
} from './report-filter.ts';

describe('the report filter in the address bar', () => {
  it('keeps the well-formed fields and drops the rest', () => {
    const filter = filterFromSearch(
      new URLSearchParams('from=2025-10-01&to=bad&problem=poverty&channel=fax&provinceCode=70&agencyId=x&q=1'),
    );
    expect(filter).toEqual({ from: '2025-10-01', problem: 'poverty', provinceCode: '70' });
  });

  it('puts a figure’s row over the filter, but keeps a narrower agency filter', () => {
    const agency = '11111111-1111-4111-8111-111111111111';
    const ministry = '22222222-2222-4222-8222-222222222222';
    expect(
      drillSearch({ problem: 'poverty', from: '2025-10-01' }, { problem: 'elderly' }, 'reached_breached').toString(),
    ).toBe('from=2025-10-01&problem=elderly&measure=reached_breached');
    expect(drillSearch({ agencyId: agency }, { agencyId: ministry }, 'cases').get('agencyId')).toBe(agency);
    const back = drillQueryFromSearch(
      drillSearch({ provinceCode: '70' }, { month: '2025-11', status: 'closed' }, 'closed', 25),
    );
    expect(back).toEqual({
      filter: { provinceCode: '70' },
      drill: { status: 'closed', month: '2025-11' },
      measure: 'closed',
      offset: 25,
    });
    expect(drillQueryFromSearch(new URLSearchParams('measure=everything')).measure).toBe('cases');
  });
});

describe('the period presets', () => {
  it('count the last twelve months from the first of the month eleven months ago, as the server does', () => {
    expect(presetPeriod('last_12_months', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('last_12_months', '2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
  });

  it('take last month whole, also across the new year', () => {
    expect(presetPeriod('last_month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('start the Thai fiscal year on 1 October', () => {
    expect(presetPeriod('fiscal_year', '2026-12-02')).toEqual({ from: '2026-10-01', to: '2026-12-02' });
    expect(presetPeriod('fiscal_year', '2026-09-30')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(fiscalYearOf('2026-12-02')).toBe(2570);
    expect(fiscalYearOf('2026-09-30')).toBe(2569);
  });

  it('recognise the preset a filter is, and treat no period as the last twelve months', () => {
    expect(presetOf({}, '2026-12-02')).toBe('last_12_months');
    expect(presetOf({ from: '2026-12-01', to: '2026-12-02' }, '2026-12-02')).toBe('this_month');
    expect(presetOf({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-02')).toBeNull();
  });

  it('tell today in Bangkok, seven hours ahead of UTC', () => {
    expect(bangkokToday(new Date('2026-12-01T17:30:00Z'))).toBe('2026-12-02');
  });
});

describe('dates in the Buddhist era', () => {
  it('label the trend’s months in short form', () => {
    expect(shortMonthLabel('2025-10', 'th')).toBe('ต.ค. 68');
    expect(shortMonthLabel('2026-01', 'en')).toBe('Jan 69');
  });

  it('say a period of whole months by its months, other periods by their days', () => {
    expect(periodLabel({ from: '2025-10-01', to: '2026-09-30' }, 'th')).toBe('ต.ค. 2568 – ก.ย. 2569');
    expect(periodLabel({ from: '2025-10-01', to: '2025-10-31' }, 'th')).toBe('ต.ค. 2568');
    expect(periodLabel({ from: '2025-10-05', to: '2025-10-20' }, 'th')).toMatch(/^5 ต\.ค\. 2568 – 20 ต\.ค\. 2568$/);
  });
});

describe('the map’s classes', () => {
  it('cut shares at fixed fifths and counts in round steps up to the largest', () => {
    expect(mapClasses('reached', []).map((item) => item.from)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    const counts = mapClasses('cases', [3, 47]);
    expect(counts.map((item) => item.to)).toEqual([10, 20, 30, 40, 50]);
    expect(classOf(47, counts)?.from).toBe(40);
    expect(classOf(0, counts)?.from).toBe(0);
    expect(classOf(1, mapClasses('reached', []))?.from).toBe(0.8);
  });

  it('has no share for a province where nothing is decided yet', () => {
    const item = {
      key: '70',
      nameTh: 'ราชบุรี',
      nameEn: 'Ratchaburi',
      cases: 4,
      crisis: 0,
      closed: 0,
      reachedMet: 0,
      reachedBreached: 0,
      stepsMet: 3,
      stepsBreached: 1,
      overdueNow: 0,
    };
    expect(indicatorValue(item, 'reached')).toBeNull();
    expect(indicatorValue(item, 'steps')).toBe(0.75);
    expect(indicatorValue(undefined, 'cases')).toBeNull();
  });
});
