import { formatBuddhistDate, type Referral } from '@oscc/contract';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { REFERRAL_INBOX_TABS, REFERRAL_PAGE_SIZE, useReferralInbox, type ReferralInboxTab } from '../api/referrals.ts';
import { CrisisBadge } from './case-labels.tsx';
import {
  ReferralButtons,
  ReferralDue,
  ReferralForm,
  ReferralKindBadge,
  ReferralStatusBadge,
  type ReferralFormMode,
} from './referral-parts.tsx';

interface ReferralInboxProps {
  tab: ReferralInboxTab;
  offset: number;
  /** The tab and page live in the address bar, so a case opened from the list comes back to the same page. */
  onChange: (next: { tab: ReferralInboxTab; offset: number }) => void;
}

/** The referrals sent to the units the signed-in person works for, waiting answers first, soonest due first. */
export function ReferralInbox({ tab, offset, onChange }: ReferralInboxProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const referrals = useReferralInbox({ status: tab, offset });
  const [open, setOpen] = useState<{ referral: Referral; mode: ReferralFormMode } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const now = new Date();

  const columns: DataTableColumn<Referral>[] = [
    {
      key: 'number',
      header: t('referrals.column.caseNumber'),
      isRowHeader: true,
      cell: (item) => (
        <span className="badge-row">
          <Link to={`/cases/${item.caseId}`} className="case-number-link">
            {item.caseNumber}
          </Link>
          {item.crisis ? <CrisisBadge /> : null}
        </span>
      ),
    },
    { key: 'kind', header: t('referrals.column.kind'), cell: (item) => <ReferralKindBadge kind={item.kind} /> },
    { key: 'unit', header: t('referrals.column.unit'), cell: (item) => localizedRowName(item.unit, language) },
    {
      key: 'sent',
      header: t('referrals.column.sentAt'),
      cell: (item) => <time dateTime={item.sentAt}>{formatBuddhistDate(item.sentAt, language, 'dateTime')}</time>,
    },
    { key: 'due', header: t('referrals.column.dueAt'), cell: (item) => <ReferralDue referral={item} now={now} /> },
    {
      key: 'status',
      header: t('referrals.column.status'),
      cell: (item) => <ReferralStatusBadge status={item.status} />,
    },
    {
      key: 'actions',
      header: t('referrals.column.actions'),
      cell: (item) =>
        item.status === 'sent' ? (
          <ReferralButtons
            referral={item}
            canAnswer
            canRevoke={false}
            onOpen={(mode) => {
              setMessage(null);
              setOpen({ referral: item, mode });
            }}
            onDone={setMessage}
          />
        ) : (
          t('home.none')
        ),
    },
  ];

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="case-queue-tabs" role="group" aria-label={t('referrals.tabsLabel')}>
        {REFERRAL_INBOX_TABS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === tab ? 'button button-primary' : 'button'}
            aria-pressed={name === tab}
            onClick={() => onChange({ tab: name, offset: 0 })}
          >
            {t(`referrals.tab.${name}`)}
          </button>
        ))}
      </div>
      <h2 id={`${ids}-heading`} className="card-title">
        {t(`referrals.heading.${tab}`)}
      </h2>
      {message ? (
        <div className="alert alert-success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      {open ? (
        <ReferralForm
          key={`${open.referral.id}-${open.mode}`}
          referral={open.referral}
          mode={open.mode}
          onClose={() => setOpen(null)}
          onDone={setMessage}
        />
      ) : null}
      <PagedResults
        query={referrals}
        emptyText={t(`referrals.empty.${tab}`)}
        offset={offset}
        pageSize={REFERRAL_PAGE_SIZE}
        pagerLabel={t('referrals.pagination')}
        onOffsetChange={(next) => onChange({ tab, offset: next })}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={referrals.isFetching}
            columns={columns}
            rows={items}
            rowKey={(item) => item.id}
            rowClassName={(item) => (item.crisis ? 'case-row-crisis' : undefined)}
          />
        )}
      </PagedResults>
    </section>
  );
}
