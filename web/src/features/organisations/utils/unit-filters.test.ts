import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNIT_FILTERS,
  filtersFromSearch,
  hasActiveFilters,
  searchFromFilters,
  unitListParameters,
  withFilter,
  type UnitFilters,
} from './unit-filters.ts';

const AGENCY = '430ced23-2b18-4566-b239-ca4db935fd82';

describe('the units directory filters in the address bar', () => {
  it('survive a round trip through a link', () => {
    const filters: UnitFilters = {
      q: 'ศูนย์พึ่งได้ราชบุรี',
      agencyId: AGENCY,
      provinceCode: '70',
      type: 'hospital_crisis_centre',
      problemType: 'human_trafficking',
      areaCode: '7005',
      status: 'all',
      offset: 50,
    };
    const link = searchFromFilters(filters).toString();
    expect(filtersFromSearch(new URLSearchParams(link))).toEqual(filters);
  });

  it('leave the defaults out, so the plain directory has a plain address', () => {
    expect(searchFromFilters(DEFAULT_UNIT_FILTERS).toString()).toBe('');
    expect(searchFromFilters({ ...DEFAULT_UNIT_FILTERS, q: '  ', status: 'inactive' }).toString()).toBe(
      'status=inactive',
    );
    expect(hasActiveFilters(DEFAULT_UNIT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_UNIT_FILTERS, offset: 25 })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_UNIT_FILTERS, type: 'school' })).toBe(true);
  });

  it('ignore what a hand-edited link gets wrong instead of failing', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('agency=nope&province=7&type=castle&area=700&status=gone&offset=-5&problem=DROP%20TABLE'),
    );
    expect(filters).toEqual(DEFAULT_UNIT_FILTERS);
  });

  it('start again at the first page when a filter changes', () => {
    const paged = { ...DEFAULT_UNIT_FILTERS, offset: 75 };
    expect(withFilter(paged, { provinceCode: '70' })).toMatchObject({ provinceCode: '70', offset: 0 });
  });

  it('become the API query, empty filters left for the query string to drop', () => {
    expect(unitListParameters({ ...DEFAULT_UNIT_FILTERS, q: ' ราชบุรี ', areaCode: '70' }, 25)).toEqual({
      q: 'ราชบุรี',
      agencyId: null,
      provinceCode: null,
      type: null,
      problemType: null,
      areaCode: '70',
      status: 'active',
      limit: 25,
      offset: 0,
    });
  });
});
