import { formatBuddhistDate, type CaseDeadline } from '@oscc/contract';
import { useId } from 'react';
import { AlarmAcknowledgements } from '../../../components/alarm-acknowledgements.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { alarmHeadline } from '../../../lib/alarm-words.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { useCaseAlarms } from '../api/casework.ts';
import { alarmsNewestFirst, deadlinesInOrder } from '../utils/case-alarms.ts';
import { TimeLeft, WhenText } from './casework-parts.tsx';

const STATUS_BADGE: Record<CaseDeadline['status'], string> = {
  open: 'badge badge-info',
  met: 'badge badge-muted',
  cancelled: 'badge badge-muted',
};

const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'digest'] as const;
const isDeliveryStatus = (status: string): status is (typeof DELIVERY_STATUSES)[number] =>
  (DELIVERY_STATUSES as readonly string[]).includes(status);

/**
 * The case's alarm history: every clock it had — first contact, each step, each referral — with its due time,
 * whether it was met in time or breached (recorded once), and the alarms it raised: level, reminder, when, who
 * acknowledged them, and the messages sent by channel.
 */
export function CaseAlarms({ caseId }: { caseId: string }) {
  const { t } = useLanguage();
  const ids = useId();
  const history = useCaseAlarms(caseId);
  const deadlines = history.data ? deadlinesInOrder(history.data.deadlines) : [];
  const now = new Date();
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('alarms.history.heading')}
        </h2>
        <button type="button" className="button button-small" onClick={() => void history.refetch()}>
          {t('alarms.history.refresh')}
        </button>
      </div>
      <p className="muted">{t('alarms.history.hint')}</p>
      {history.error ? <ErrorMessage error={history.error} /> : null}
      {history.isPending ? <Loading /> : null}
      {history.data && deadlines.length === 0 ? <p className="muted">{t('alarms.history.none')}</p> : null}
      {deadlines.length > 0 ? (
        <ol className="plain-list work-list" data-testid="case-alarms" aria-busy={history.isFetching}>
          {deadlines.map((deadline) => (
            <DeadlineItem key={deadline.id} deadline={deadline} now={now} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function DeadlineItem({ deadline, now }: { deadline: CaseDeadline; now: Date }) {
  const { language, t } = useLanguage();
  const alarms = alarmsNewestFirst(deadline.alarms);
  return (
    <li className="work-item stack deadline-item" data-testid="case-deadline">
      <p className="work-item-title">
        <strong>{language === 'en' ? deadline.subjectEn : deadline.subjectTh}</strong>{' '}
        <span className="badge-row">
          <span className={STATUS_BADGE[deadline.status]}>{t(`alarms.history.status.${deadline.status}`)}</span>
          {deadline.result === 'met' ? (
            <span className="badge badge-ok">{t('alarms.history.result.met')}</span>
          ) : deadline.result === 'breached' ? (
            <span className="badge badge-danger">{t('alarms.history.result.breached')}</span>
          ) : null}
        </span>
      </p>
      <dl className="details details-compact">
        {deadline.unit ? (
          <div>
            <dt>{t('alarms.history.field.unit')}</dt>
            <dd>{localizedRowName(deadline.unit, language)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('alarms.history.field.dueAt')}</dt>
          <dd className="referral-due">
            <WhenText at={deadline.dueAt} />
            {deadline.status === 'open' ? (
              <>
                {' '}
                <TimeLeft minutesLeft={minutesUntil(deadline.dueAt, now)} />
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('alarms.history.field.startedAt')}</dt>
          <dd>
            <WhenText at={deadline.startedAt} /> · {t(`alarms.history.clock.${deadline.clock}`)}
          </dd>
        </div>
        {deadline.breachedAt ? (
          <div>
            <dt>{t('alarms.history.field.breachedAt')}</dt>
            <dd>
              <WhenText at={deadline.breachedAt} />
            </dd>
          </div>
        ) : null}
        {deadline.closedAt ? (
          <div>
            <dt>{t('alarms.history.field.closedAt')}</dt>
            <dd>
              <WhenText at={deadline.closedAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      {alarms.length > 0 ? (
        <>
          <h3 className="deadline-alarms-heading">{t('alarms.history.alarmsHeading', { count: alarms.length })}</h3>
          <ul className="plain-list deadline-alarms">
            {alarms.map((alarm) => {
              const headline = alarmHeadline({ alarm: deadline.alarm, kind: alarm.kind });
              return (
                <li key={alarm.id} className="deadline-alarm" data-testid="case-alarm">
                  <p className="badge-row">
                    <span className={headline === 'warning' ? 'badge badge-warning' : 'badge badge-danger'}>
                      {t(`alarms.headline.${headline}`)}
                    </span>
                    <span className="badge badge-info">{t('alarms.level', { level: alarm.level })}</span>
                    {alarm.round > 1 ? (
                      <span className="badge badge-muted">{t('alarms.round', { round: alarm.round })}</span>
                    ) : null}
                  </p>
                  <p className="muted timeline-meta">
                    {t('alarms.history.raisedAt', {
                      date: formatBuddhistDate(alarm.raisedAt, language, 'dateTime'),
                    })}
                    {alarm.lastRaisedAt !== alarm.raisedAt
                      ? ` · ${t('alarms.history.lastRaisedAt', {
                          date: formatBuddhistDate(alarm.lastRaisedAt, language, 'dateTime'),
                        })}`
                      : ''}
                  </p>
                  {alarm.acknowledgements.length === 0 ? (
                    <p className="timeline-meta">{t('alarms.notAcknowledged')}</p>
                  ) : (
                    <AlarmAcknowledgements acknowledgements={alarm.acknowledgements} />
                  )}
                  {alarm.deliveries.length > 0 ? (
                    <p className="timeline-meta">
                      {t('alarms.history.deliveries')}:{' '}
                      {alarm.deliveries
                        .map((delivery) =>
                          t('alarms.history.delivery', {
                            channel: t(`alarms.channel.${delivery.channel}`),
                            status: isDeliveryStatus(delivery.status)
                              ? t(`alarms.deliveryStatus.${delivery.status}`)
                              : delivery.status,
                            count: delivery.count,
                          }),
                        )
                        .join(' · ')}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted timeline-meta">{t('alarms.history.noAlarms')}</p>
      )}
    </li>
  );
}
