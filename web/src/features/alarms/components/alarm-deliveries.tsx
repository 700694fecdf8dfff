import type { AlarmDelivery } from '@oscc/contract';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { WhenText } from '../../../components/ui/when.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { DELIVERY_TABS, useAlarmDeliveries, useRetryDelivery, type DeliveryTab } from '../api/alarms.ts';

/**
 * Outgoing alarm messages for the people who keep the alarm system: what failed (with a button to send it again),
 * what is still being tried, what waits for the executives' digest. Addresses come masked from the server.
 */
export function AlarmDeliveries({ tab, onTabChange }: { tab: DeliveryTab; onTabChange: (tab: DeliveryTab) => void }) {
  const { t } = useLanguage();
  const ids = useId();
  const deliveries = useAlarmDeliveries(tab);
  const retry = useRetryDelivery();
  const [message, setMessage] = useState<string | null>(null);
  const counts = deliveries.data?.counts;

  const columns: DataTableColumn<AlarmDelivery>[] = [
    {
      key: 'case',
      header: t('alarms.deliveries.column.caseNumber'),
      isRowHeader: true,
      cell: (row) => (
        <Link to={`/cases/${row.caseId}`} className="case-number-link">
          {row.caseNumber}
        </Link>
      ),
    },
    {
      key: 'level',
      header: t('alarms.deliveries.column.level'),
      cell: (row) => t('alarms.deliveries.levelRound', { level: row.level, round: row.round }),
    },
    {
      key: 'channel',
      header: t('alarms.deliveries.column.channel'),
      cell: (row) => t(`alarms.channel.${row.channel}`),
    },
    { key: 'recipient', header: t('alarms.deliveries.column.recipient'), cell: (row) => row.recipient.displayName },
    {
      key: 'address',
      header: t('alarms.deliveries.column.address'),
      className: 'code break-anywhere',
      cell: (row) => row.address ?? t('alarms.deliveries.none'),
    },
    {
      key: 'attempts',
      header: t('alarms.deliveries.column.attempts'),
      cell: (row) => t('alarms.deliveries.attempts', { count: row.attempts }),
    },
    {
      key: 'next',
      header: t('alarms.deliveries.column.nextAttempt'),
      cell: (row) => (row.nextAttemptAt ? <WhenText at={row.nextAttemptAt} /> : t('alarms.deliveries.none')),
    },
    {
      key: 'error',
      header: t('alarms.deliveries.column.lastError'),
      className: 'break-anywhere',
      cell: (row) => row.lastError ?? t('alarms.deliveries.none'),
    },
  ];
  if (tab === 'failed')
    columns.push({
      key: 'actions',
      header: t('alarms.deliveries.column.actions'),
      cell: (row) => (
        <button
          type="button"
          className="button button-small"
          aria-label={t('alarms.deliveries.retryLabel', {
            caseNumber: row.caseNumber,
            name: row.recipient.displayName,
          })}
          disabled={retry.isPending}
          onClick={() =>
            retry.mutate(row.id, {
              onSuccess: () =>
                setMessage(
                  t('alarms.deliveries.retried', { caseNumber: row.caseNumber, name: row.recipient.displayName }),
                ),
            })
          }
        >
          {retry.isPending && retry.variables === row.id
            ? t('alarms.deliveries.retrying')
            : t('alarms.deliveries.retry')}
        </button>
      ),
    });

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="case-queue-tabs" role="group" aria-label={t('alarms.deliveries.tabsLabel')}>
        {DELIVERY_TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === tab ? 'button button-primary' : 'button'}
            aria-pressed={name === tab}
            onClick={() => {
              setMessage(null);
              onTabChange(name);
            }}
          >
            {t(`alarms.deliveries.tab.${name}`, { count: counts?.[name] ?? 0 })}
          </button>
        ))}
      </div>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t(`alarms.deliveries.heading.${tab}`)}
        </h2>
        <button type="button" className="button button-small" onClick={() => void deliveries.refetch()}>
          {t('alarms.deliveries.refresh')}
        </button>
      </div>
      {message ? (
        <div className="alert alert-success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      {retry.error ? <ErrorMessage error={retry.error} /> : null}
      {deliveries.error ? <ErrorMessage error={deliveries.error} /> : null}
      {deliveries.isPending ? <Loading /> : null}
      {deliveries.data ? (
        deliveries.data.items.length === 0 ? (
          <p className="empty-state">{t(`alarms.deliveries.empty.${tab}`)}</p>
        ) : (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={deliveries.isFetching}
            columns={columns}
            rows={deliveries.data.items}
            rowKey={(row) => row.id}
          />
        )
      ) : null}
    </section>
  );
}
