import type { SocialConversation } from '@oscc/contract';
import { formatBuddhistDate } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLanguage } from '../i18n/index.ts';
import { isApiError } from '../lib/api.ts';
import { deliveryLabel, firstLine, isSendKey, messageKindLabel, orderMessages } from '../lib/social-thread.ts';
import { ErrorMessage } from './ui/error-message.tsx';
import { Field } from './ui/field.tsx';

type SocialMessage = SocialConversation['messages'][number];

/** Sends a reply; rejects with the API error (a 502 when the provider did not take it — the reply is kept). */
export interface ReplySender {
  send: (text: string, callbacks: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
}

/** A message's text, or what it is when it has none (a photo, a sticker). */
export function MessageText({ message, asLine = false }: { message: SocialMessage; asLine?: boolean }) {
  const { t } = useLanguage();
  const text = asLine ? firstLine(message.text) : message.text;
  if (text) return <>{text}</>;
  return (
    <em className="muted">
      {t('intake.messages.kindNote', { kind: t(`intake.messages.kind.${messageKindLabel(message.kind)}`) })}
    </em>
  );
}

/**
 * One LINE or Messenger conversation: the messages (announced politely as they arrive) and a reply box that sends
 * through the provider. Used on the messages screen and on the case the conversation became.
 */
export function SocialThread({ conversation, reply }: { conversation: SocialConversation; reply: ReplySender }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const send = reply;
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
    // Whatever goes wrong, the text stays in the box to be sent again.
    send.send(text.trim(), {
      onSuccess: () => {
        setText('');
        setHasTried(false);
      },
    });
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
