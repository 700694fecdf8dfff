import type {
  AnswerReferralRequest,
  Referral,
  ReferralPage,
  SendReferralRequest,
  TransferReferralRequest,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, toQueryString } from '../../../lib/api.ts';

export const REFERRAL_PAGE_SIZE = 25;
const REFERRALS_KEY = ['referrals'] as const;

export const REFERRAL_INBOX_TABS = ['open', 'all'] as const;
export type ReferralInboxTab = (typeof REFERRAL_INBOX_TABS)[number];

/** The tab named in the address bar; anything else is the referrals still waiting. */
export function parseReferralTab(text: string | null): ReferralInboxTab {
  return text === 'all' ? 'all' : 'open';
}

/** The referrals sent to the units the signed-in person works for: waiting answers first, soonest due first. */
export function useReferralInbox({ status, offset }: { status: ReferralInboxTab; offset: number }) {
  return useQuery({
    queryKey: [...REFERRALS_KEY, 'inbox', status, offset],
    queryFn: ({ signal }) =>
      apiRequest<ReferralPage>(`/api/referrals${toQueryString({ status, limit: REFERRAL_PAGE_SIZE, offset })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** A referral changed: the inbox, the case it belongs to and the screening queues are all out of date. */
function useReferralChange<Variables>(send: (variables: Variables) => Promise<Referral>, caseId?: string) {
  const queryClient = useQueryClient();
  const refresh = (changedCaseId: string | undefined) => {
    void queryClient.invalidateQueries({ queryKey: REFERRALS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'queue'] });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'my-work'] });
    if (!changedCaseId) return;
    // Accepting a lead referral starts the case's procedure: its steps, work and timeline move on too.
    for (const part of ['case', 'work', 'timeline'])
      void queryClient.invalidateQueries({ queryKey: ['cases', part, changedCaseId] });
  };
  return useMutation({
    mutationFn: send,
    onSuccess: (referral) => refresh(referral.caseId),
    onError: (error) => {
      // Someone else answered first, or the case moved on: show what it is now (the form keeps what was typed).
      if (error instanceof ApiError && error.status === 409) refresh(caseId);
    },
  });
}

const referralPath = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;

export function useSendReferral(caseId: string) {
  return useReferralChange(
    (request: SendReferralRequest) =>
      apiRequest<Referral>(`/api/cases/${encodeURIComponent(caseId)}/referrals`, { method: 'POST', body: request }),
    caseId,
  );
}

/** Accept, decline or withdraw a waiting referral (decline and withdraw need a reason). */
export function useAnswerReferral(referral: Pick<Referral, 'id' | 'caseId'>) {
  return useReferralChange(
    ({ action, ...request }: AnswerReferralRequest & { action: 'accept' | 'decline' | 'revoke' }) =>
      apiRequest<Referral>(`${referralPath(referral.id)}/${action}`, { method: 'POST', body: request }),
    referral.caseId,
  );
}

export function useTransferReferral(referral: Pick<Referral, 'id' | 'caseId'>) {
  return useReferralChange(
    (request: TransferReferralRequest) =>
      apiRequest<Referral>(`${referralPath(referral.id)}/transfer`, { method: 'POST', body: request }),
    referral.caseId,
  );
}
