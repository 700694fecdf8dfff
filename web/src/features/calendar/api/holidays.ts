import type { PublicHoliday, SaveHolidayRequest } from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

const HOLIDAYS_KEY = ['holidays'] as const;

/** The public holidays of a year (Christian-era year in the address, as the API takes it). */
export function useHolidays(year: number) {
  return useQuery({
    queryKey: [...HOLIDAYS_KEY, year],
    queryFn: ({ signal }) =>
      apiRequest<{ items: PublicHoliday[] }>(`/api/holidays${toQueryString({ year })}`, { signal }),
    select: (body) => body.items,
    placeholderData: keepPreviousData,
  });
}

type HolidayChange = { kind: 'save'; day: string; input: SaveHolidayRequest } | { kind: 'remove'; day: string };

/** Adds, changes, confirms or removes a day; the year's list is read again afterwards. */
export function useChangeHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: HolidayChange): Promise<void> => {
      const path = `/api/holidays/${encodeURIComponent(change.day)}`;
      if (change.kind === 'remove') await apiRequest<null>(path, { method: 'DELETE' });
      else await apiRequest<PublicHoliday>(path, { method: 'PUT', body: change.input });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: HOLIDAYS_KEY }),
  });
}
