import type {
  CaseAccessPage,
  CaseDetail,
  CasePage,
  LinkCaseRequest,
  MergeCaseRequest,
  RelatedCase,
  RevealCaseRequest,
  ScreenCaseRequest,
  Unit,
  UnitPage,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  ApiError,
  apiRequest,
  csrfHeader,
  NETWORK_ERROR_MESSAGE,
  parseErrorBody,
  toQueryString,
} from '../../../lib/api.ts';

export const CASE_PAGE_SIZE = 25;
const CASES_KEY = ['cases'] as const;

export const CASE_QUEUES = ['screening', 'triage', 'mine'] as const;
/** `mine`: the cases handed to the signed-in social worker. */
export type CaseQueue = (typeof CASE_QUEUES)[number];

/** The queue named in the address bar; anything else is the screening queue. */
export function parseCaseQueue(text: string | null): CaseQueue {
  return (CASE_QUEUES as readonly string[]).includes(text ?? '') ? (text as CaseQueue) : 'screening';
}

export function useCaseQueue({
  queue,
  provinceCode,
  offset,
}: {
  queue: CaseQueue;
  provinceCode: string | null;
  offset: number;
}) {
  return useQuery({
    queryKey: [...CASES_KEY, 'queue', queue, provinceCode, offset],
    queryFn: ({ signal }) =>
      apiRequest<CasePage>(`/api/cases${toQueryString({ queue, provinceCode, limit: CASE_PAGE_SIZE, offset })}`, {
        signal,
      }),
    // The page shown stays while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

function caseKey(id: string) {
  return [...CASES_KEY, 'case', id] as const;
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => apiRequest<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal }),
    // Every read is recorded in the audit trail: no refetching behind the reader's back.
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  });
}

export function useRelatedCases(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'related', id],
    queryFn: ({ signal }) =>
      apiRequest<{ items: RelatedCase[] }>(`/api/cases/${encodeURIComponent(id)}/related`, { signal }),
    select: (data) => data.items,
    enabled: isEnabled,
    refetchOnWindowFocus: false,
  });
}

/**
 * Sends a request the JSON helper does not: DELETE without a body, or a multipart form whose content type
 * (with its boundary) the browser writes itself. Errors come back as the same ApiError.
 */
async function sendRequest<T>(path: string, init: { method: 'DELETE' | 'POST'; form?: FormData }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...csrfHeader() },
      body: init.form,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', messages: NETWORK_ERROR_MESSAGE });
  }
  const requestId = response.headers.get('x-request-id');
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok || payload === undefined) throw parseErrorBody(response.status, payload, requestId);
  return payload as T;
}

/** Every change answers with the case as it now is: the page shows it at once, and the queues are out of date. */
function useCaseChange<Variables>(
  id: string,
  send: (variables: Variables) => Promise<CaseDetail>,
  otherChangedCase?: (variables: Variables) => string,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail, variables) => {
      if (otherChangedCase) void queryClient.invalidateQueries({ queryKey: caseKey(otherChangedCase(variables)) });
      queryClient.setQueryData(caseKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'queue'] });
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'related'] });
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'timeline', detail.id] });
      if (detail.id !== id) void queryClient.invalidateQueries({ queryKey: caseKey(id) });
    },
    onError: (error) => {
      // Someone else changed the case: show them what it is now (the form keeps the reader's message).
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: caseKey(id) });
    },
  });
}

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export function useScreenCase(id: string) {
  return useCaseChange(id, (request: ScreenCaseRequest) =>
    apiRequest<CaseDetail>(`${casePath(id)}/screening`, { method: 'POST', body: request }),
  );
}

export function useLinkCase(id: string) {
  return useCaseChange(id, (request: LinkCaseRequest) =>
    apiRequest<CaseDetail>(`${casePath(id)}/links`, { method: 'POST', body: request }),
  );
}

export function useUnlinkCase(id: string) {
  return useCaseChange(id, (relatedCaseId: string) =>
    sendRequest<CaseDetail>(`${casePath(id)}/links/${encodeURIComponent(relatedCaseId)}`, { method: 'DELETE' }),
  );
}

export function useMergeCase(id: string) {
  return useCaseChange(
    id,
    (request: MergeCaseRequest) => apiRequest<CaseDetail>(`${casePath(id)}/merge`, { method: 'POST', body: request }),
    // The case that carries on has gained contacts, attachments and a link.
    (request) => request.intoCaseId,
  );
}

export function useUploadAttachments(id: string) {
  return useCaseChange(id, (files: readonly File[]) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return sendRequest<CaseDetail>(`${casePath(id)}/attachments`, { method: 'POST', form });
  });
}

/** Units matching what was typed, for the "choose a unit" picker. */
export function useUnitOptions(q: string) {
  return useQuery({
    queryKey: [...CASES_KEY, 'unit-options', q],
    queryFn: ({ signal }) => apiRequest<UnitPage>(`/api/units${toQueryString({ q, limit: 20 })}`, { signal }),
    select: (data): Unit[] => data.items,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/**
 * Breaks the glass: a reader who sees a case masked states why they need the identities; the answer is the case
 * unmasked (for a while). The reason goes to the audit trail and the reader's supervisor.
 */
export function useRevealCase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest<CaseDetail>(`${casePath(id)}/reveal`, {
        method: 'POST',
        body: { reason } satisfies RevealCaseRequest,
      }),
    onSuccess: (detail) => {
      queryClient.setQueryData(caseKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'access-log', detail.id] });
    },
    onError: (error) => {
      // The case was anonymised meanwhile (409): show what it is now.
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: caseKey(id) });
    },
  });
}

/** Re-reads the case (its identities masked again) once a break-the-glass opening has run out. */
export function useRefreshCase(id: string) {
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: caseKey(id) }), [queryClient, id]);
}

export const ACCESS_LOG_PAGE_SIZE = 20;

/** Who has seen the case (for `audit.read` on it): every view, attachment opened and glass broken, newest first. */
export function useCaseAccessLog(id: string, offset: number, isEnabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'access-log', id, offset],
    queryFn: ({ signal }) =>
      apiRequest<CaseAccessPage>(
        `${casePath(id)}/access-log${toQueryString({ limit: ACCESS_LOG_PAGE_SIZE, offset })}`,
        { signal },
      ),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
