import { UNIT_TYPES, type UnitType } from '@oscc/contract';

export const UNIT_STATUSES = ['active', 'inactive', 'all'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** What the units directory is filtered by; kept in the address bar so a filtered list can be shared. */
export interface UnitFilters {
  q: string;
  agencyId: string | null;
  provinceCode: string | null;
  type: UnitType | null;
  problemType: string | null;
  /** A province, district or subdistrict the unit answers for. */
  areaCode: string | null;
  status: UnitStatus;
  offset: number;
}

export const DEFAULT_UNIT_FILTERS: UnitFilters = {
  q: '',
  agencyId: null,
  provinceCode: null,
  type: null,
  problemType: null,
  areaCode: null,
  status: 'active',
  offset: 0,
};

/** The address bar's names for the filters: short, and stable once people have shared links. */
const PARAMS = {
  q: 'q',
  agencyId: 'agency',
  provinceCode: 'province',
  type: 'type',
  problemType: 'problem',
  areaCode: 'area',
  status: 'status',
  offset: 'offset',
} as const satisfies Record<keyof UnitFilters, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function matching(value: string | null, pattern: RegExp): string | null {
  return value !== null && pattern.test(value) ? value : null;
}

/**
 * The filters in a link, each checked: a hand-edited or outdated link falls back to "all" for what it got wrong
 * instead of showing the server's validation error.
 */
export function filtersFromSearch(search: URLSearchParams): UnitFilters {
  const type = search.get(PARAMS.type);
  const status = search.get(PARAMS.status);
  const offset = Number(search.get(PARAMS.offset) ?? '0');
  return {
    q: (search.get(PARAMS.q) ?? '').slice(0, 100),
    agencyId: matching(search.get(PARAMS.agencyId), UUID),
    provinceCode: matching(search.get(PARAMS.provinceCode), /^\d{2}$/),
    type: type && (UNIT_TYPES as readonly string[]).includes(type) ? (type as UnitType) : null,
    problemType: matching(search.get(PARAMS.problemType), /^[a-z0-9_]{1,40}$/),
    areaCode: matching(search.get(PARAMS.areaCode), /^(\d{2}|\d{4}|\d{6})$/),
    status: status && (UNIT_STATUSES as readonly string[]).includes(status) ? (status as UnitStatus) : 'active',
    offset: Number.isInteger(offset) && offset > 0 && offset <= 1_000_000 ? offset : 0,
  };
}

/** The filters as link parameters, leaving out what is at its default so links stay short. */
export function searchFromFilters(filters: UnitFilters): URLSearchParams {
  const search = new URLSearchParams();
  const q = filters.q.trim();
  if (q) search.set(PARAMS.q, q);
  if (filters.agencyId) search.set(PARAMS.agencyId, filters.agencyId);
  if (filters.provinceCode) search.set(PARAMS.provinceCode, filters.provinceCode);
  if (filters.type) search.set(PARAMS.type, filters.type);
  if (filters.problemType) search.set(PARAMS.problemType, filters.problemType);
  if (filters.areaCode) search.set(PARAMS.areaCode, filters.areaCode);
  if (filters.status !== 'active') search.set(PARAMS.status, filters.status);
  if (filters.offset > 0) search.set(PARAMS.offset, String(filters.offset));
  return search;
}

/** A change of any filter but the page starts again at the first page. */
export function withFilter(filters: UnitFilters, change: Partial<Omit<UnitFilters, 'offset'>>): UnitFilters {
  return { ...filters, ...change, offset: 0 };
}

export function hasActiveFilters(filters: UnitFilters): boolean {
  return searchFromFilters({ ...filters, offset: 0 }).toString() !== '';
}

/** The API query of a page of the directory. */
export function unitListParameters(filters: UnitFilters, limit: number): Record<string, string | number | null> {
  return {
    q: filters.q.trim(),
    agencyId: filters.agencyId,
    provinceCode: filters.provinceCode,
    type: filters.type,
    problemType: filters.problemType,
    areaCode: filters.areaCode,
    status: filters.status,
    limit,
    offset: filters.offset,
  };
}
