import type {
  AlarmDeliveryList,
  AlarmItem,
  AlarmLadder,
  LineLinkCode,
  MyAlarms,
  SaveAlarmLadderRequest,
} from '@oscc/contract';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent } from 'react';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export const ALARM_LISTS = ['open', 'all'] as const;
export type AlarmList = (typeof ALARM_LISTS)[number];
export const DELIVERY_TABS = ['failed', 'pending', 'digest'] as const;
export type DeliveryTab = (typeof DELIVERY_TABS)[number];

const ALARMS_KEY = ['alarms'] as const;
const MINE_KEY = [...ALARMS_KEY, 'mine'] as const;
const SUMMARY_KEY = [...MINE_KEY, 'summary'] as const;
const listKey = (list: AlarmList) => [...MINE_KEY, 'list', list] as const;
const LADDER_KEY = [...ALARMS_KEY, 'ladder'] as const;
const deliveriesKey = (tab: DeliveryTab) => [...ALARMS_KEY, 'deliveries', tab] as const;
/** The case page's alarm history (the cases feature reads it under this key): out of date after acknowledging. */
const caseAlarmsKey = (caseId: string) => ['cases', 'alarms', caseId] as const;

/** How many of the newest open alarms the bell keeps, to name the one that just arrived. */
const SUMMARY_ITEMS = 5;
/** Between the live events, in case one was missed while the connection was down. */
const SUMMARY_REFRESH_MS = 5 * 60_000;

export function parseAlarmList(value: string | null): AlarmList {
  return value === 'all' ? 'all' : 'open';
}

export function parseDeliveryTab(value: string | null): DeliveryTab {
  return (DELIVERY_TABS as readonly string[]).includes(value ?? '') ? (value as DeliveryTab) : 'failed';
}

/** The bell: how many alarms I have not seen, and the newest open ones. */
export function useAlarmSummary() {
  return useQuery({
    queryKey: SUMMARY_KEY,
    queryFn: ({ signal }) =>
      apiRequest<MyAlarms>(`/api/alarms/mine${toQueryString({ status: 'open', limit: SUMMARY_ITEMS })}`, { signal }),
    staleTime: 30_000,
    refetchInterval: SUMMARY_REFRESH_MS,
  });
}

/** My alarms, the newest first: the ones still waiting for me (open), or all of them. */
export function useMyAlarms(list: AlarmList) {
  return useQuery({
    queryKey: listKey(list),
    queryFn: ({ signal }) => apiRequest<MyAlarms>(`/api/alarms/mine${toQueryString({ status: list })}`, { signal }),
    staleTime: 0,
  });
}

function refreshMine(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: MINE_KEY });
}

/** Everything in my list has been seen: the bell's count clears, and the lists say so without loading again. */
export function useMarkAlarmsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/alarms/read', { method: 'POST', body: {} }),
    onSuccess: () => {
      // Seen now (the server's own time comes with the next load).
      const seenAt = new Date().toISOString();
      for (const list of ALARM_LISTS)
        queryClient.setQueryData<MyAlarms>(listKey(list), (current) =>
          current
            ? { ...current, unread: 0, items: current.items.map((row) => ({ ...row, readAt: row.readAt ?? seenAt })) }
            : current,
        );
      void queryClient.invalidateQueries({ queryKey: SUMMARY_KEY });
    },
  });
}

/**
 * Acknowledging: the answer replaces the alarm where it is shown, so it stays in the open list with its
 * acknowledgement until the list is next loaded; the bell, the other list and the case's history are out of date.
 */
export function useAcknowledgeAlarm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      apiRequest<AlarmItem>(`/api/alarms/${encodeURIComponent(id)}/acknowledge`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
    onSuccess: (item) => {
      for (const list of ALARM_LISTS)
        queryClient.setQueryData<MyAlarms>(listKey(list), (current) => {
          if (!current) return current;
          const wasOpen = current.items.some((row) => row.id === item.id && !row.acknowledgedByMe && !row.resolvedAt);
          return {
            ...current,
            open: wasOpen ? Math.max(0, current.open - 1) : current.open,
            items: current.items.map((row) => (row.id === item.id ? item : row)),
          };
        });
      void queryClient.invalidateQueries({ queryKey: SUMMARY_KEY });
      void queryClient.invalidateQueries({ queryKey: listKey('all'), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: caseAlarmsKey(item.caseId) });
    },
  });
}

/**
 * The live part of the alarms: one EventSource per signed-in tab. Each `alarm` event makes my alarm lists out of
 * date (the bell refetches) and is passed on; after a reconnection the lists are refreshed too, since an alarm may
 * have been raised while the connection was down. Closed when the shell goes (signing out) or the person changes.
 */
export function useAlarmStream(userId: string, onAlarm: (alarmId: string | null) => void) {
  const queryClient = useQueryClient();
  const announce = useEffectEvent(onAlarm);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/alarms/stream');
    let hasOpened = false;
    const handleOpen = () => {
      if (hasOpened) refreshMine(queryClient);
      hasOpened = true;
    };
    const handleAlarm = (event: MessageEvent<string>) => {
      refreshMine(queryClient);
      announce(alarmIdOf(event.data));
    };
    source.addEventListener('open', handleOpen);
    source.addEventListener('alarm', handleAlarm);
    return () => {
      source.removeEventListener('open', handleOpen);
      source.removeEventListener('alarm', handleAlarm);
      source.close();
    };
  }, [userId, queryClient]);
}

/** The event's {"alarmId": "…"}, or null if it says something else. */
export function alarmIdOf(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'alarmId' in parsed) {
      const { alarmId } = parsed as { alarmId: unknown };
      return typeof alarmId === 'string' ? alarmId : null;
    }
  } catch {
    // Not JSON: the alarm still counts, only unnamed.
  }
  return null;
}

export function useAlarmLadder() {
  return useQuery({
    queryKey: LADDER_KEY,
    queryFn: ({ signal }) => apiRequest<AlarmLadder>('/api/alarm-ladder', { signal }),
    staleTime: 60_000,
  });
}

export function useSaveAlarmLadder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveAlarmLadderRequest) =>
      apiRequest<AlarmLadder>('/api/alarm-ladder', { method: 'PUT', body: request }),
    onSuccess: (ladder) => queryClient.setQueryData(LADDER_KEY, ladder),
  });
}

export function useAlarmDeliveries(tab: DeliveryTab) {
  return useQuery({
    queryKey: deliveriesKey(tab),
    queryFn: ({ signal }) =>
      apiRequest<AlarmDeliveryList>(`/api/alarm-deliveries${toQueryString({ status: tab })}`, { signal }),
    staleTime: 0,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/alarm-deliveries/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [...ALARMS_KEY, 'deliveries'] }),
  });
}

/** A one-time code to send to the centre's LINE account (a new one each time: a mutation, not a cached query). */
export function useLineLinkCode() {
  return useMutation({
    mutationFn: () => apiRequest<LineLinkCode>('/api/me/line-link', { method: 'POST', body: {} }),
  });
}

export function useUnlinkLine() {
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/me/line-link', { method: 'DELETE' }),
  });
}
