import type {
  CaseAlarmHistory,
  CaseTask,
  CaseWork,
  CloseCaseRequest,
  CompleteStepRequest,
  ClosureDecisionRequest,
  FinishTaskRequest,
  MyWork,
  NewCaseNoteRequest,
  NewCaseServiceRequest,
  NewCaseTaskRequest,
  RecordFollowUpRequest,
  ReopenCaseRequest,
  SaveCasePlanRequest,
  TimelineEntry,
} from '@oscc/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api.ts';

const CASES_KEY = ['cases'] as const;
const workKey = (id: string) => [...CASES_KEY, 'work', id] as const;
const timelineKey = (id: string) => [...CASES_KEY, 'timeline', id] as const;
const MY_WORK_KEY = [...CASES_KEY, 'my-work'] as const;
/** Also refreshed by the alarms feature after an acknowledgement (the same key, spelled there). */
const alarmsKey = (id: string) => [...CASES_KEY, 'alarms', id] as const;
const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** The case's running steps, notes, services, plan, tasks, closure and follow-up, with what the reader may do. */
export function useCaseWork(id: string, isEnabled = true) {
  return useQuery({
    queryKey: workKey(id),
    queryFn: ({ signal }) => apiRequest<CaseWork>(`${casePath(id)}/work`, { signal }),
    enabled: isEnabled,
    // Every read of a case is recorded in the audit trail: no refetching behind the reader's back.
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  });
}

/** Everything that happened to the case, oldest first as the server sends it. */
export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: ({ signal }) => apiRequest<TimelineEntry[]>(`${casePath(id)}/timeline`, { signal }),
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  });
}

/** The case's clocks — met in time or breached — with their alarms, acknowledgements and messages. */
export function useCaseAlarms(id: string) {
  return useQuery({
    queryKey: alarmsKey(id),
    queryFn: ({ signal }) => apiRequest<CaseAlarmHistory>(`${casePath(id)}/alarms`, { signal }),
    // Every read of a case is recorded in the audit trail: no refetching behind the reader's back.
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  });
}

/** What the signed-in person must do next, the soonest due first. */
export function useMyWork() {
  return useQuery({
    queryKey: MY_WORK_KEY,
    queryFn: ({ signal }) => apiRequest<MyWork>('/api/my-work', { signal }),
    staleTime: 0,
  });
}

/**
 * A change to the case's work: the answer (when it is the work itself) is shown at once, and the case, its
 * timeline, the queues, the referral inbox and everyone's "my work" are out of date. A conflict reloads what the
 * case is now; the form keeps what was typed.
 */
function useWorkChange<Variables, Result>(caseId: string, send: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: workKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: timelineKey(caseId) });
    // Work done meets deadlines: the alarm history changes with it.
    void queryClient.invalidateQueries({ queryKey: alarmsKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'case', caseId] });
    void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'queue'] });
    void queryClient.invalidateQueries({ queryKey: MY_WORK_KEY });
    void queryClient.invalidateQueries({ queryKey: ['referrals'] });
  };
  return useMutation({
    mutationFn: send,
    onSuccess: (result) => {
      if (isCaseWork(result)) queryClient.setQueryData(workKey(caseId), result);
      refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
}

function isCaseWork(value: unknown): value is CaseWork {
  return typeof value === 'object' && value !== null && 'steps' in value && 'can' in value;
}

export function useAddNote(caseId: string) {
  return useWorkChange(caseId, (request: NewCaseNoteRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/notes`, { method: 'POST', body: request }),
  );
}

export function useAddService(caseId: string) {
  return useWorkChange(caseId, (request: NewCaseServiceRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/services`, { method: 'POST', body: request }),
  );
}

export function useSavePlan(caseId: string) {
  return useWorkChange(caseId, (request: SaveCasePlanRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/plan`, { method: 'PUT', body: request }),
  );
}

export function useAddTask(caseId: string) {
  return useWorkChange(caseId, (request: NewCaseTaskRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/tasks`, { method: 'POST', body: request }),
  );
}

export function useFinishTask(caseId: string) {
  return useWorkChange(caseId, ({ taskId, ...request }: FinishTaskRequest & { taskId: string }) =>
    apiRequest<CaseTask>(`${taskPath(taskId)}/finish`, { method: 'POST', body: request }),
  );
}

export function useRecordFollowUp(caseId: string) {
  return useWorkChange(caseId, ({ taskId, ...request }: RecordFollowUpRequest & { taskId: string }) =>
    apiRequest<CaseWork>(`${taskPath(taskId)}/follow-up`, { method: 'POST', body: request }),
  );
}

export function useRequestClosure(caseId: string) {
  return useWorkChange(caseId, (request: CloseCaseRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/closure`, { method: 'POST', body: request }),
  );
}

export function useDecideClosure(caseId: string) {
  return useWorkChange(caseId, (request: ClosureDecisionRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/closure/decision`, { method: 'POST', body: request }),
  );
}

export function useReopenCase(caseId: string) {
  return useWorkChange(caseId, (request: ReopenCaseRequest) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/reopen`, { method: 'POST', body: request }),
  );
}

export function useCompleteStep(caseId: string) {
  return useWorkChange(caseId, ({ position, ...request }: CompleteStepRequest & { position: number }) =>
    apiRequest<CaseWork>(`${casePath(caseId)}/steps/${position}/complete`, { method: 'POST', body: request }),
  );
}
