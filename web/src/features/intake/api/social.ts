import type {
  RecordedContact,
  SocialConversation,
  SocialReplyRequest,
  TriageConversationRequest,
} from '@oscc/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';

const CONVERSATIONS_KEY = ['intake', 'social', 'conversations'] as const;
/** New LINE and Facebook messages arrive by webhook; the list asks again this often while the page is open. */
export const CONVERSATIONS_REFRESH_MS = 15_000;

/** Conversations awaiting triage, newest message first. */
export function useSocialConversations() {
  return useQuery({
    queryKey: CONVERSATIONS_KEY,
    queryFn: ({ signal }) =>
      apiRequest<{ items: SocialConversation[] }>('/api/social/conversations?status=pending', { signal }),
    refetchInterval: CONVERSATIONS_REFRESH_MS,
  });
}

export function useSendSocialReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conversationId, text }: { conversationId: string } & SocialReplyRequest) =>
      apiRequest<SocialConversation>(`/api/social/conversations/${encodeURIComponent(conversationId)}/replies`, {
        method: 'POST',
        body: { text },
      }),
    // Also after a failure: the server keeps a reply the provider refused (502), and the thread must show it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}

/**
 * Decides what a conversation was: a case (made and routed at once) or one of the quick outcomes. Either way it
 * leaves the list of those awaiting triage — also when someone else triaged it first (409), so the list catches up.
 */
export function useTriageConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conversationId, request }: { conversationId: string; request: TriageConversationRequest }) =>
      apiRequest<RecordedContact>(`/api/social/conversations/${encodeURIComponent(conversationId)}/triage`, {
        method: 'POST',
        body: request,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}
