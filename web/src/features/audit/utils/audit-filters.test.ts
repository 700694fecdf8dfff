import { describe, expect, it } from 'vitest';
import { auditQueryString, filtersFromSearch, isDateRangeValid, searchFromFilters } from './audit-filters.ts';

const USER = 'e2f1c0de-0000-4000-8000-000000000001';

describe('audit filters', () => {
  it('read a record-history link from the address', () => {
    const filters = filtersFromSearch(new URLSearchParams(`entityType=user&entityId=${USER}`));
    expect(filters).toEqual({ entityType: 'user', entityId: USER, action: '', from: '', to: '', actor: '', offset: 0 });
  });

  it('put only the filters that are set in the address, and read them back the same', () => {
    const filters = {
      entityType: 'unit',
      entityId: '',
      action: 'unit.move',
      from: '2026-03-01',
      to: '',
      actor: '',
      offset: 25,
    };
    const search = searchFromFilters(filters);
    expect(search.toString()).toBe('entityType=unit&action=unit.move&from=2026-03-01&offset=25');
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('ignore a nonsensical offset in the address', () => {
    expect(filtersFromSearch(new URLSearchParams('offset=-5')).offset).toBe(0);
    expect(filtersFromSearch(new URLSearchParams('offset=abc')).offset).toBe(0);
  });

  it('send the actor as an id when it is one, as an e-mail otherwise', () => {
    const base = filtersFromSearch(new URLSearchParams());
    expect(auditQueryString({ ...base, actor: USER })).toBe(`?actorUserId=${USER}&limit=25&offset=0`);
    expect(auditQueryString({ ...base, actor: ' admin@oscc.example ' })).toBe(
      '?actorEmail=admin%40oscc.example&limit=25&offset=0',
    );
  });

  it('accept a date range only when it reads forwards', () => {
    expect(isDateRangeValid('2026-03-01', '2026-03-31')).toBe(true);
    expect(isDateRangeValid('2026-03-01', '2026-03-01')).toBe(true);
    expect(isDateRangeValid('2026-03-02', '2026-03-01')).toBe(false);
    expect(isDateRangeValid('', '2026-03-01')).toBe(true);
  });
});
