import type {
  Agency,
  Dashboard,
  DrillFilter,
  DrillMeasure,
  ExportFormat,
  NewReportSubscriptionRequest,
  ReportCasePage,
  ReportDocument,
  ReportFilter,
  ReportKind,
  ReportLanguage,
  ReportSubscription,
  ReportSubscriptionList,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';
import { drillSearch, searchFromFilter } from '../utils/report-filter.ts';

export const REPORT_CASES_PAGE_SIZE = 25;
/** The standard reports offered on their own page (the dashboard has its own). */
export const STANDARD_REPORT_KINDS = ['monthly', 'service', 'compliance'] as const satisfies readonly ReportKind[];

const REPORTS_KEY = ['reports'] as const;
const SUBSCRIPTIONS_KEY = [...REPORTS_KEY, 'subscriptions'] as const;
/** Figures move as cases come in; a minute old is fresh enough for a dashboard. */
const FIGURES_STALE_MS = 60_000;

const withQuery = (path: string, search: URLSearchParams) => {
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export function useDashboard(filter: ReportFilter) {
  const search = searchFromFilter(filter);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'dashboard', search.toString()],
    queryFn: ({ signal }) => apiRequest<Dashboard>(withQuery('/api/reports/dashboard', search), { signal }),
    staleTime: FIGURES_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useReportDocument(kind: ReportKind, filter: ReportFilter) {
  const search = searchFromFilter(filter);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'document', kind, search.toString()],
    queryFn: ({ signal }) =>
      apiRequest<ReportDocument>(withQuery(`/api/reports/${encodeURIComponent(kind)}`, search), { signal }),
    staleTime: FIGURES_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** One page of the cases behind a figure. */
export function useReportCases(filter: ReportFilter, drill: DrillFilter, measure: DrillMeasure, offset: number) {
  const search = drillSearch(filter, drill, measure);
  search.set('measure', measure);
  search.set('limit', String(REPORT_CASES_PAGE_SIZE));
  search.set('offset', String(offset));
  return useQuery({
    queryKey: [...REPORTS_KEY, 'cases', search.toString()],
    queryFn: ({ signal }) => apiRequest<ReportCasePage>(withQuery('/api/reports/cases', search), { signal }),
    staleTime: FIGURES_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

/** The file of a report with the filter on screen (a plain link: the browser downloads it with the session cookie). */
export function exportUrl(kind: ReportKind, filter: ReportFilter, format: ExportFormat, language: ReportLanguage) {
  const search = searchFromFilter(filter);
  search.set('format', format);
  search.set('language', language);
  return withQuery(`/api/reports/${encodeURIComponent(kind)}/export`, search);
}

/** Every agency in tree order, for the ministry / agency filter (the same cache the organisation pages use). */
export function useAgencies() {
  return useQuery({
    queryKey: ['organisations', 'agencies'],
    queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/api/agencies', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useReportSubscriptions() {
  return useQuery({
    queryKey: SUBSCRIPTIONS_KEY,
    queryFn: ({ signal }) => apiRequest<ReportSubscriptionList>('/api/report-subscriptions', { signal }),
    select: (data) => data.items,
  });
}

export function useAddReportSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NewReportSubscriptionRequest) =>
      apiRequest<ReportSubscription>('/api/report-subscriptions', { method: 'POST', body: request }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }),
  });
}

export function useRemoveReportSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/report-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }),
  });
}
