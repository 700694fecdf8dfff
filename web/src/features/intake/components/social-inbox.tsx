import type { SocialConversation } from '@oscc/contract';
import { formatBuddhistDate } from '@oscc/contract';
import { useId, useState } from 'react';
import { MessageText, SocialThread } from '../../../components/social-thread.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useSendSocialReply, useSocialConversations } from '../api/social.ts';
import { ConversationTriage, type TriageNotice } from './conversation-triage.tsx';
import { TriageNoticeBox } from './triage-notice.tsx';
import { lastMessage } from '../../../lib/social-thread.ts';

/**
 * Messages from LINE and Facebook awaiting triage: the conversations on one side (above on a phone), the chosen
 * thread and a reply box on the other. The list asks the server again every 15 s; the thread is announced politely,
 * so a new message is heard without losing the place where the reply is typed.
 */
export function SocialInbox() {
  const { t } = useLanguage();
  const ids = useId();
  const conversations = useSocialConversations();
  const sendReply = useSendSocialReply();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<TriageNotice | null>(null);
  // Triaged here: out of the list at once, before the server's list has caught up.
  const [triagedIds, setTriagedIds] = useState<ReadonlySet<string>>(new Set());
  const items = (conversations.data?.items ?? []).filter((item) => !triagedIds.has(item.id));
  // A conversation triaged elsewhere leaves the list; the newest one is shown instead of nothing.
  const chosen = items.find((item) => item.id === chosenId) ?? items[0] ?? null;
  const reply = {
    send: (text: string, callbacks: { onSuccess: () => void }) =>
      chosen &&
      sendReply.mutate(
        { conversationId: chosen.id, text },
        {
          onSuccess: () => {
            callbacks.onSuccess();
            sendReply.reset();
          },
        },
      ),
    isPending: sendReply.isPending,
    error: sendReply.error,
  };

  return (
    <div className="stack-lg">
      {notice ? <TriageNoticeBox notice={notice} onDismiss={() => setNotice(null)} /> : null}
      <div className="social-inbox">
        <section className="card social-list" aria-labelledby={`${ids}-list-heading`}>
          <h2 id={`${ids}-list-heading`} className="card-title">
            {t('intake.messages.listHeading', { count: items.length })}
          </h2>
          {conversations.isPending ? <p className="muted">{t('intake.messages.loading')}</p> : null}
          {conversations.error ? <ErrorMessage error={conversations.error} /> : null}
          {conversations.isSuccess && items.length === 0 ? <p className="muted">{t('intake.messages.none')}</p> : null}
          {items.length > 0 ? (
            <ul className="plain-list social-list-items" aria-label={t('intake.messages.listLabel')}>
              {items.map((conversation) => (
                <li key={conversation.id}>
                  <ConversationButton
                    conversation={conversation}
                    isChosen={conversation.id === chosen?.id}
                    onChoose={() => {
                      setChosenId(conversation.id);
                      setNotice(null);
                    }}
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        {chosen ? (
          // Keyed by the conversation: another one chosen starts with its own thread, reply box and triage form.
          <div key={chosen.id} className="stack-lg social-thread-column">
            <SocialThread conversation={chosen} reply={reply} />
            <ConversationTriage
              conversation={chosen}
              onTriaged={(next) => {
                setNotice(next);
                setTriagedIds((current) => new Set(current).add(chosen.id));
                // The next conversation waiting is shown in its place.
                setChosenId(null);
              }}
            />
          </div>
        ) : (
          <section className="card social-thread" aria-label={t('intake.messages.threadLabel')}>
            <p className="muted">{t('intake.messages.choose')}</p>
          </section>
        )}
      </div>
    </div>
  );
}

function ConversationButton({
  conversation,
  isChosen,
  onChoose,
}: {
  conversation: SocialConversation;
  isChosen: boolean;
  onChoose: () => void;
}) {
  const { language, t } = useLanguage();
  const last = lastMessage(conversation);
  return (
    <button type="button" className="social-conversation" aria-pressed={isChosen} onClick={onChoose}>
      <span className="social-conversation-top">
        <span className={`badge social-provider social-provider-${conversation.provider}`}>
          {t(`intake.messages.provider.${conversation.provider}`)}
        </span>
        <time dateTime={conversation.lastMessageAt} className="social-conversation-time">
          {formatBuddhistDate(conversation.lastMessageAt, language, 'dateTime')}
        </time>
      </span>
      <span className="social-conversation-preview">
        {last ? <MessageText message={last} asLine /> : t('intake.messages.empty')}
      </span>
    </button>
  );
}
