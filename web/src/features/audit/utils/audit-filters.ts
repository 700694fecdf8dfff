import { toQueryString } from '../../../lib/api.ts';

export const AUDIT_PAGE_SIZE = 25;

/** The audit viewer's filters, as the address bar holds them (so other pages can link to a record's history). */
export interface AuditFilters {
  entityType: string;
  entityId: string;
  action: string;
  /** YYYY-MM-DD, a day in Asia/Bangkok. */
  from: string;
  to: string;
  /** An e-mail address or a user id. */
  actor: string;
  offset: number;
}

const FIELDS = ['entityType', 'entityId', 'action', 'from', 'to', 'actor'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const offset = Number(search.get('offset') ?? 0);
  return {
    entityType: search.get('entityType')?.trim() ?? '',
    entityId: search.get('entityId')?.trim() ?? '',
    action: search.get('action')?.trim() ?? '',
    from: search.get('from')?.trim() ?? '',
    to: search.get('to')?.trim() ?? '',
    actor: search.get('actor')?.trim() ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The address-bar form of the filters: only those set, the offset only past the first page. */
export function searchFromFilters(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of FIELDS) {
    const value = filters[field].trim();
    if (value) search.set(field, value);
  }
  if (filters.offset > 0) search.set('offset', String(filters.offset));
  return search;
}

/** The API's query: the actor is sent as an id when it is one, as an e-mail otherwise. */
export function auditQueryString(filters: AuditFilters, limit = AUDIT_PAGE_SIZE): string {
  const actor = filters.actor.trim();
  const isId = UUID.test(actor);
  return toQueryString({
    entityType: filters.entityType.trim(),
    entityId: filters.entityId.trim(),
    action: filters.action.trim(),
    from: filters.from,
    to: filters.to,
    actorUserId: isId ? actor : null,
    actorEmail: isId ? null : actor,
    limit,
    offset: filters.offset,
  });
}

/** Whether the date range reads forwards (or is open at either end). */
export function isDateRangeValid(from: string, to: string): boolean {
  return !from || !to || from <= to;
}
