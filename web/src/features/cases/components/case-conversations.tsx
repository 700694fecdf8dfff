import type { CaseDetail, SocialConversation } from '@oscc/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SocialThread } from '../../../components/social-thread.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { apiRequest } from '../../../lib/api.ts';

const conversationKey = (id: string) => ['cases', 'conversation', id] as const;

/**
 * The LINE and Messenger conversations a case came from: staff read what the person wrote and reply to them from
 * the case, through the provider, as on the messages screen.
 */
export function CaseConversations({ conversations }: { conversations: CaseDetail['conversations'] }) {
  if (conversations.length === 0) return null;
  return (
    <>
      {conversations.map((conversation) => (
        <CaseConversation key={conversation.id} id={conversation.id} />
      ))}
    </>
  );
}

function CaseConversation({ id }: { id: string }) {
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const conversation = useQuery({
    queryKey: conversationKey(id),
    queryFn: ({ signal }) =>
      apiRequest<SocialConversation>(`/api/social/conversations/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: 15_000,
  });
  const send = useMutation({
    mutationFn: (text: string) =>
      apiRequest<SocialConversation>(`/api/social/conversations/${encodeURIComponent(id)}/replies`, {
        method: 'POST',
        body: { text },
      }),
    // Also after a failure: the server keeps a reply the provider refused (502), and the thread must show it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: conversationKey(id) }),
  });
  if (conversation.isPending) return <p className="muted">{t('intake.messages.loading')}</p>;
  if (conversation.isError) return <ErrorMessage error={conversation.error} />;
  return (
    <SocialThread
      conversation={conversation.data}
      reply={{
        send: (text, callbacks) =>
          send.mutate(text, {
            onSuccess: () => {
              callbacks.onSuccess();
              send.reset();
            },
          }),
        isPending: send.isPending,
        error: send.error,
      }}
    />
  );
}
