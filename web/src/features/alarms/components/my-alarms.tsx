import type { AlarmItem } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { AlarmAcknowledgements } from '../../../components/alarm-acknowledgements.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { TimeLeft, WhenText } from '../../../components/ui/when.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { alarmHeadline } from '../../../lib/alarm-words.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { ALARM_LISTS, useAcknowledgeAlarm, useMarkAlarmsRead, useMyAlarms, type AlarmList } from '../api/alarms.ts';

const NOTE_MAX_LENGTH = 1000;

const HEADLINE_BADGE = {
  warning: 'badge badge-warning',
  breach: 'badge badge-danger',
  no_service: 'badge badge-danger',
} as const;

/**
 * My alarms, the newest first, in two lists: the ones waiting for me to acknowledge, and all of them. Opening the
 * list marks my alarms as seen (the bell clears); the ones I had not seen yet keep a "new" badge while I look.
 */
export function MyAlarms({ list, onListChange }: { list: AlarmList; onListChange: (list: AlarmList) => void }) {
  const { t } = useLanguage();
  const ids = useId();
  const alarms = useMyAlarms(list);
  const { mutate: markRead } = useMarkAlarmsRead();
  const [message, setMessage] = useState<string | null>(null);
  const [seenNew, setSeenNew] = useState<ReadonlySet<string>>(new Set());
  const unread = alarms.data?.unread ?? 0;
  const unreadIds = alarms.data?.items.filter((item) => item.readAt === null).map((item) => item.id) ?? [];
  const unreadKey = unreadIds.join(',');

  // Seen by opening the list: the server is told, and what was new stays marked for as long as the page is open.
  useEffect(() => {
    if (unread === 0 && unreadKey === '') return;
    markRead(undefined, {
      onSuccess: () => setSeenNew((previous) => new Set([...previous, ...unreadKey.split(',').filter(Boolean)])),
    });
  }, [unread, unreadKey, markRead]);

  const now = new Date();
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="case-queue-tabs" role="group" aria-label={t('alarms.tabsLabel')}>
        {ALARM_LISTS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === list ? 'button button-primary' : 'button'}
            aria-pressed={name === list}
            onClick={() => {
              setMessage(null);
              onListChange(name);
            }}
          >
            {t(`alarms.tab.${name}`)}
          </button>
        ))}
      </div>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t(`alarms.heading.${list}`)}
          {alarms.data ? ` (${alarms.data.items.length})` : ''}
        </h2>
        <button type="button" className="button button-small" onClick={() => void alarms.refetch()}>
          {t('alarms.refresh')}
        </button>
      </div>
      {message ? (
        <div className="alert alert-success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      {alarms.error ? <ErrorMessage error={alarms.error} /> : null}
      {alarms.isPending ? <Loading /> : null}
      {alarms.data ? (
        <>
          <p className="muted">{t('alarms.counts', { unread: alarms.data.unread, open: alarms.data.open })}</p>
          {alarms.data.items.length === 0 ? (
            <p className="empty-state">{t(`alarms.empty.${list}`)}</p>
          ) : (
            <ol className="plain-list alarm-list" aria-busy={alarms.isFetching} data-testid="my-alarms">
              {alarms.data.items.map((item) => (
                <AlarmEntry
                  key={item.id}
                  item={item}
                  now={now}
                  isNew={item.readAt === null || seenNew.has(item.id)}
                  onAcknowledged={() => setMessage(t('alarms.acknowledged', { caseNumber: item.caseNumber }))}
                />
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}

function AlarmEntry({
  item,
  now,
  isNew,
  onAcknowledged,
}: {
  item: AlarmItem;
  now: Date;
  isNew: boolean;
  onAcknowledged: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [isAcknowledging, setIsAcknowledging] = useState(false);
  const headline = alarmHeadline(item);
  return (
    <li className={`alarm-item alarm-${headline}`} data-testid="alarm-item">
      <h3 id={`${ids}-title`} className="alarm-item-title">
        <Link to={`/cases/${item.caseId}`} className="case-number-link">
          {t('alarms.caseNumber', { caseNumber: item.caseNumber })}
        </Link>{' '}
        <span className="alarm-item-subject">{language === 'en' ? item.subjectEn : item.subjectTh}</span>
      </h3>
      <p className="badge-row">
        <span className={HEADLINE_BADGE[headline]}>{t(`alarms.headline.${headline}`)}</span>
        <span className="badge badge-info">{t('alarms.level', { level: item.level })}</span>
        <span className="badge badge-muted">{t('alarms.round', { round: item.round })}</span>
        {isNew ? <span className="badge badge-urgent">{t('alarms.unreadBadge')}</span> : null}
        {item.resolvedAt ? <span className="badge badge-ok">{t('alarms.resolvedBadge')}</span> : null}
      </p>
      <dl className="details details-compact">
        <div>
          <dt>{t('alarms.field.unit')}</dt>
          <dd>{item.unit ? localizedRowName(item.unit, language) : t('alarms.noUnit')}</dd>
        </div>
        <div>
          <dt>{t('alarms.field.dueAt')}</dt>
          <dd className="referral-due">
            <WhenText at={item.dueAt} />
            {item.resolvedAt ? null : (
              <>
                {' '}
                <TimeLeft minutesLeft={minutesUntil(item.dueAt, now)} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('alarms.field.raisedAt')}</dt>
          <dd>
            <WhenText at={item.lastRaisedAt} />
          </dd>
        </div>
        {item.resolvedAt ? (
          <div>
            <dt>{t('alarms.field.resolvedAt')}</dt>
            <dd>
              <WhenText at={item.resolvedAt} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('alarms.field.acknowledgements')}</dt>
          <dd>
            {item.acknowledgements.length === 0 ? (
              t('alarms.notAcknowledged')
            ) : (
              <AlarmAcknowledgements acknowledgements={item.acknowledgements} testId="alarm-acknowledgements" />
            )}
          </dd>
        </div>
      </dl>
      {item.acknowledgedByMe ? (
        <p className="alarm-acknowledged-by-me">
          <span className="badge badge-ok">{t('alarms.acknowledgedByMe')}</span>
        </p>
      ) : isAcknowledging ? (
        <AcknowledgeForm
          item={item}
          onCancel={() => setIsAcknowledging(false)}
          onDone={() => {
            setIsAcknowledging(false);
            onAcknowledged();
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button-primary button-small"
            aria-describedby={`${ids}-title`}
            onClick={() => setIsAcknowledging(true)}
          >
            {t('alarms.acknowledge')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Acknowledging, with an optional note; its heading takes focus so a screen reader hears which case it is for. */
function AcknowledgeForm({ item, onCancel, onDone }: { item: AlarmItem; onCancel: () => void; onDone: () => void }) {
  const { t } = useLanguage();
  const ids = useId();
  const acknowledge = useAcknowledgeAlarm();
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    acknowledge.mutate({ id: item.id, note: note.trim() }, { onSuccess: onDone });
  }

  return (
    <form className="panel stack reason-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h4 id={`${ids}-heading`} ref={heading} tabIndex={-1} className="alarm-form-heading">
        {t('alarms.acknowledgeHeading', { caseNumber: item.caseNumber })}
      </h4>
      <Field id={`${ids}-note`} label={t('alarms.acknowledgeNote')} hint={t('alarms.acknowledgeHint')}>
        {({ describedBy }) => (
          <textarea
            id={`${ids}-note`}
            rows={2}
            maxLength={NOTE_MAX_LENGTH}
            value={note}
            aria-describedby={describedBy}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      {acknowledge.error ? <ErrorMessage error={acknowledge.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={acknowledge.isPending}>
          {acknowledge.isPending ? t('alarms.saving') : t('alarms.acknowledgeConfirm')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={acknowledge.isPending}>
          {t('alarms.cancel')}
        </button>
      </div>
    </form>
  );
}
