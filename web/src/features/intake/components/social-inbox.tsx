import type { SocialConversation } from '@oscc/contract';
import { formatBuddhistDate } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { useSendSocialReply, useSocialConversations } from '../api/social.ts';
import { ConversationTriage, type TriageNotice } from './conversation-triage.tsx';
import { TriageNoticeBox } from './triage-notice.tsx';
import {
  deliveryLabel,
  firstLine,
  isSendKey,
  lastMessage,
  messageKindLabel,
  orderMessages,
} from '../utils/social-thread.ts';

type SocialMessage = SocialConversation['messages'][number];

/**
 * Messages from LINE and Facebook awaiting triage: the conversations on one side (above on a phone), the chosen
 * thread and a reply box on the other. The list asks the server again every 15 s; the thread is announced politely,
 * so a new message is heard without losing the place where the reply is typed.
 */
export function SocialInbox() {
  const { t } = useLanguage();
  const ids = useId();
  const conversations = useSocialConversations();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<TriageNotice | null>(null);
  // Triaged here: out of the list at once, before the server's list has caught up.
  const [triagedIds, setTriagedIds] = useState<ReadonlySet<string>>(new Set());
  const items = (conversations.data?.items ?? []).filter((item) => !triagedIds.has(item.id));
  // A conversation triaged elsewhere leaves the list; the newest one is shown instead of nothing.
  const chosen = items.find((item) => item.id === chosenId) ?? items[0] ?? null;

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
            <SocialThread conversation={chosen} />
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

/** A message's text, or what it is when it has none (a photo, a sticker). */
function MessageText({ message, asLine = false }: { message: SocialMessage; asLine?: boolean }) {
  const { t } = useLanguage();
  const text = asLine ? firstLine(message.text) : message.text;
  if (text) return <>{text}</>;
  return (
    <em className="muted">
      {t('intake.messages.kindNote', { kind: t(`intake.messages.kind.${messageKindLabel(message.kind)}`) })}
    </em>
  );
}

function SocialThread({ conversation }: { conversation: SocialConversation }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const send = useSendSocialReply();
  const [text, setText] = useState('');
  const [hasTried, setHasTried] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const messages = orderMessages(conversation.messages);
  const provider = t(`intake.messages.provider.${conversation.provider}`);
  const isEmpty = text.trim() === '';
  const problem = hasTried && isEmpty ? t('intake.messages.replyRequired') : null;

  // The newest message is at the bottom; keep it in view as the thread grows.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (send.isPending) return;
    setHasTried(true);
    if (isEmpty) return;
    send.mutate(
      { conversationId: conversation.id, text: text.trim() },
      {
        onSuccess: () => {
          setText('');
          setHasTried(false);
          send.reset();
        },
        // Whatever went wrong, the text stays in the box to be sent again.
      },
    );
  };

  const refused = isApiError(send.error) && send.error.status === 502;

  return (
    <section className="card social-thread" aria-labelledby={`${ids}-heading`}>
      <div className="social-thread-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('intake.messages.threadHeading', { provider })}
        </h2>
        <p className="muted">
          {t('intake.messages.startedAt', { date: formatBuddhistDate(conversation.startedAt, language, 'dateTime') })}
        </p>
      </div>
      <div
        ref={logRef}
        className="social-messages"
        role="log"
        aria-live="polite"
        aria-label={t('intake.messages.threadLabel')}
        // Scrollable: it must be reachable by keyboard to be read.
        tabIndex={0}
      >
        <ol className="plain-list social-message-list">
          {messages.map((message) => {
            const delivery = deliveryLabel(message);
            return (
              <li
                key={message.id}
                className={`social-message social-message-${message.direction}${delivery === 'failed' ? ' social-message-failed' : ''}`}
              >
                <span className="visually-hidden">
                  {t(message.direction === 'in' ? 'intake.messages.incoming' : 'intake.messages.outgoing')}:{' '}
                </span>
                <p className="social-message-text">
                  <MessageText message={message} />
                </p>
                <p className="social-message-meta">
                  <time dateTime={message.createdAt}>
                    {formatBuddhistDate(message.createdAt, language, 'dateTime')}
                  </time>
                  {delivery ? (
                    <>
                      {' · '}
                      <span className={delivery === 'failed' ? 'social-delivery-failed' : undefined}>
                        {t(`intake.messages.delivery.${delivery}`)}
                      </span>
                    </>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
      <form className="social-reply" noValidate onSubmit={submit} aria-label={t('intake.messages.replyForm')}>
        <Field
          id={`${ids}-reply`}
          label={t('intake.messages.reply', { provider })}
          hint={t('intake.messages.replyHint')}
          error={problem}
        >
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-reply`}
              rows={3}
              maxLength={2_000}
              value={text}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                const { key, shiftKey } = event;
                if (!isSendKey({ key, shiftKey, isComposing: event.nativeEvent.isComposing })) return;
                event.preventDefault();
                submit();
              }}
            />
          )}
        </Field>
        {refused ? (
          <div className="alert alert-error" role="alert">
            <p>{t('intake.messages.sendFailed')}</p>
          </div>
        ) : send.error ? (
          <ErrorMessage error={send.error} />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={send.isPending}>
            {send.isPending ? t('intake.messages.sending') : t('intake.messages.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
